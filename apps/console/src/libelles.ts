/**
 * The French names the console and its API both give: the API's console read model names its
 * payloads' destinations and motifs with them (apps/api/src/console imports this file), the console
 * names a live event's destination with them before the full row is read. Types only are imported,
 * so that the browser bundle and the server both load it as it is.
 */
import type { Destination } from '@aiguillage/engine';
import type { ConventionNom, DestinationNommee } from '../../api/src/console/console.types';

const USAGES: Record<string, string> = {
  MUTATION: 'mutation interne',
  NPNRU: 'relogement NPNRU',
  ORCOD: 'relogement ORCOD',
  LHI: "lutte contre l'habitat indigne",
};

export const MOTIFS_DEROGATION: Record<string, string> = {
  URGENCE: 'Urgence',
  MIXITE_SOCIALE: 'Mixité sociale',
  ACCESSIBILITE: 'Accessibilité',
  DEMANDE_RESERVATAIRE: 'Demande du réservataire',
  MUTATION: 'Mutation',
  RELOGEMENT: 'Relogement',
  AUTRE: 'Autre',
};

/** An override motif in words (« Demande du réservataire »), its code when unknown. */
export function motifDerogation(code: string): string {
  return MOTIFS_DEROGATION[code] ?? code;
}

/** A sub-quota by its name (« Agents civils et militaires de l'État »), its code when the convention does not name it. */
export function nomSousQuota(convention: Pick<ConventionNom, 'sousQuotas'> | undefined, code: string): string {
  return convention?.sousQuotas?.[code] ?? code;
}

/**
 * « Action Logement — convention AL-2026-01 », « Préfet … — convention …, sous-quota Agents civils et
 * militaires de l'État », « Usage exclu : mutation interne », « Part du bailleur ».
 */
export function nommer(destination: Destination, conventions: ReadonlyMap<string, ConventionNom>): DestinationNommee {
  if (destination.kind === 'BAILLEUR')
    return {
      destination,
      libelle: 'Part du bailleur (non réservée)',
      conventionReference: null,
      reservataireNom: null,
      sousQuotaNom: null,
    };
  if (destination.kind === 'EXCLU')
    return {
      destination,
      libelle: `Usage exclu : ${USAGES[destination.usage] ?? destination.usage}`,
      conventionReference: null,
      reservataireNom: null,
      sousQuotaNom: null,
    };
  const c = conventions.get(destination.conventionId);
  const sousQuotaNom = destination.sousQuota ? nomSousQuota(c, destination.sousQuota) : null;
  const sousQuota = sousQuotaNom ? `, sous-quota ${sousQuotaNom}` : '';
  return {
    destination,
    libelle: c ? `${c.reservataireNom} — convention ${c.reference}${sousQuota}` : `Convention inconnue${sousQuota}`,
    conventionReference: c?.reference ?? null,
    reservataireNom: c?.reservataireNom ?? null,
    sousQuotaNom,
  };
}

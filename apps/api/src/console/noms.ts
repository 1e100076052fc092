import type { Destination } from '@aiguillage/engine';
import type { DestinationNommee, LogementLu } from './console.types';

export interface ConventionNom {
  id: string;
  reference: string;
  reservataireNom: string;
}

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

/** « Action Logement — convention AL-2026-01 », « Usage exclu : mutation interne », « Part du bailleur ». */
export function nommer(destination: Destination, conventions: Map<string, ConventionNom>): DestinationNommee {
  if (destination.kind === 'BAILLEUR')
    return {
      destination,
      libelle: 'Part du bailleur (non réservée)',
      conventionReference: null,
      reservataireNom: null,
    };
  if (destination.kind === 'EXCLU')
    return {
      destination,
      libelle: `Usage exclu : ${USAGES[destination.usage] ?? destination.usage}`,
      conventionReference: null,
      reservataireNom: null,
    };
  const c = conventions.get(destination.conventionId);
  const sousQuota = destination.sousQuota ? `, sous-quota ${destination.sousQuota}` : '';
  return {
    destination,
    libelle: c ? `${c.reservataireNom} — convention ${c.reference}${sousQuota}` : `Convention inconnue${sousQuota}`,
    conventionReference: c?.reference ?? null,
    reservataireNom: c?.reservataireNom ?? null,
  };
}

export function decrireLogement(l: Omit<LogementLu, 'description'>): string {
  const etage =
    l.etage === null ? null : l.etage === 0 ? 'rez-de-chaussée' : `${l.etage}${l.etage === 1 ? 'er' : 'e'} étage`;
  const ascenseur =
    l.ascenseur === null || l.etage === null || l.etage === 0
      ? null
      : l.ascenseur
        ? 'avec ascenseur'
        : 'sans ascenseur';
  const parts = [
    `${l.typologie} ${l.financement}`,
    [etage, ascenseur].filter(Boolean).join(' ') || null,
    l.pmr ? 'accessible PMR' : null,
    l.qpv ? 'en QPV' : 'hors QPV',
    l.adresse,
    l.communeNom ?? l.commune,
  ];
  return parts.filter(Boolean).join(', ');
}

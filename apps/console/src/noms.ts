import { api } from './api';
import type { Destination, DestinationNommee, LiberationConsole, LiveEvent, LogementLu } from './types';

/** Names of the conventions and communes of the session's bailleurs: a live event is shown at once, without a round trip. */
export interface Noms {
  conventions: Map<string, { reference: string; reservataireNom: string }>;
  communes: Map<string, string>;
}

let chargement: Promise<Noms> | null = null;

export function chargerNoms(): Promise<Noms> {
  chargement ??= api<{
    conventions: Array<{ id: string; reference: string; reservataireNom: string }>;
    communes: Array<{ insee: string; nom: string }>;
  }>('/console/noms')
    .then((r) => ({
      conventions: new Map(r.conventions.map((c) => [c.id, c])),
      communes: new Map(r.communes.map((c) => [c.insee, c.nom])),
    }))
    .catch((error) => {
      chargement = null;
      throw error;
    });
  return chargement;
}

export function oublierNoms(): void {
  chargement = null;
}

const USAGES: Record<string, string> = {
  MUTATION: 'mutation interne',
  NPNRU: 'relogement NPNRU',
  ORCOD: 'relogement ORCOD',
  LHI: "lutte contre l'habitat indigne",
};

export function nommer(destination: Destination, noms: Noms): DestinationNommee {
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
      libelle: `Usage exclu : ${USAGES[destination.usage ?? ''] ?? destination.usage}`,
      conventionReference: null,
      reservataireNom: null,
    };
  const c = noms.conventions.get(destination.conventionId ?? '');
  const sousQuota = destination.sousQuota ? `, sous-quota ${destination.sousQuota}` : '';
  return {
    destination,
    libelle: c ? `${c.reservataireNom} — convention ${c.reference}${sousQuota}` : `Convention${sousQuota}`,
    conventionReference: c?.reference ?? null,
    reservataireNom: c?.reservataireNom ?? null,
  };
}

/** The queue row of a `recommendation.created` event, before the full row (floor, lift, résidence) is read. */
export function ligneProvisoire(event: LiveEvent, noms: Noms): LiberationConsole {
  const lg = event.logement as {
    id: string;
    rplsId: string;
    commune: string;
    qpv: boolean;
    typologie: string;
    financement: string;
  };
  const communeNom = noms.communes.get(lg.commune) ?? null;
  const logement: LogementLu = {
    ...lg,
    communeNom,
    adresse: null,
    etage: null,
    ascenseur: null,
    pmr: null,
    description: [`${lg.typologie} ${lg.financement}`, lg.qpv ? 'en QPV' : 'hors QPV', communeNom ?? lg.commune].join(
      ', ',
    ),
  };
  const recommandee = event.recommandee as Destination | null;
  return {
    id: event.liberationId as string,
    date: event.date as string,
    motif: '',
    kind: '',
    createdAt: event.at,
    bailleurId: event.bailleurId as string,
    bailleurNom: '',
    statut: 'A_ORIENTER',
    logement,
    recommendationId: event.recommendationId as string,
    recommandee: recommandee ? nommer(recommandee, noms) : null,
    decision: null,
    derogationEnAttente: null,
  };
}

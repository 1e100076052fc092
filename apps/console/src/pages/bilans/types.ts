/** What the bilan API answers (docs/bilan.md), as the console reads it. */

export interface SnapshotResume {
  id: string;
  bailleurId: string;
  departement: string;
  annee: number;
  versionEvenements: string;
  hash: string;
  lignes: number;
  createdAt: string;
  /** Who generated it; null when a process did. */
  calculePar: string | null;
}

export interface ObjectifBilan {
  prevision: number;
  reel: number;
  fluxReelTerritoire: number;
  reportEntrant: number;
  decompte: number;
  ecart: number;
  issue: { explication: string };
}

export interface BilanConvention {
  conventionId: string;
  reference: string;
  reservataireId: string;
  reservataireNom: string;
  compteurs: Record<string, number>;
  objectif: ObjectifBilan;
}

export interface BilanLu extends SnapshotResume {
  bilan: {
    annee: number;
    departement: string;
    bailleur: { id: string; nom: string };
    flux: { liberes: number; dansLeFlux: number; exclus: number; fluxReelARepartir: number };
    conventions: BilanConvention[];
    reservataires: Array<{ id: string; nom: string; compteurs: Record<string, number> }>;
  };
}

export interface Detail {
  nombre: number;
  colonnes: Array<{ cle: string; titre: string }>;
  lignes: Array<Record<string, string | number> & { liberationId: string }>;
}

export interface Explique<T> {
  valeur: T;
  explication: string;
}

export interface PropositionActualisation {
  annee: number;
  anneeSource: number;
  departement: string;
  assiette: {
    logements: Explique<number>;
    stockDefense: Explique<number>;
    plansVente: Explique<number>;
    demolitions: Explique<number>;
    tauxRotation: Explique<number>;
    mutations: Explique<number>;
    relogements: { npnru: Explique<number>; orcod: Explique<number>; lhi: Explique<number> };
  };
  fluxARepartir: Explique<number>;
  objectifs: Array<{
    conventionId: string;
    reference: string;
    reservataireNom: string;
    deficitReporte: Explique<number>;
    objectif: Explique<number>;
  }>;
  nouveauxProgrammes: Explique<number>;
}

export interface Actualisation {
  id: string;
  annee: number;
  statut: string;
  /** The proposal as computed with the MANAGER's modifications, and these modifications. */
  proposition: { proposition: PropositionActualisation; modifications: Record<string, unknown> };
  exerciceId: string | null;
}

export const FORMATS = ['xlsx', 'csv', 'pdf'] as const;

export function hashCourt(hash: string): string {
  return hash.slice(0, 8);
}

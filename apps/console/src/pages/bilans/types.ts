/** What the bilan API answers (docs/bilan.md), as the console reads it; the computed bilan's types are the server's. */
import type { ObjectifBilan } from '@aiguillage/bilan-api/types';
import type { Explique, PropositionActualisation } from '@aiguillage/bilan-api/actualisation';
import type { SnapshotResume as SnapshotServeur } from '@aiguillage/persistence/bilan/snapshot-resume';

export type { Explique, ObjectifBilan, PropositionActualisation };

/** Dates arrive as JSON strings. */
export type SnapshotResume = Omit<SnapshotServeur, 'createdAt'> & { createdAt: string };

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

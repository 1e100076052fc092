/**
 * A step of a bilan generation as the socket pushes it (`bilan.progression`): 10 reading, 50
 * computing, 80 storing, 100 done. Its own file, without imports, so that the console imports it
 * type-only (apps/console/src/types.ts).
 */
export interface BilanProgression {
  generationId: string;
  annee: number;
  departement: string;
  statut: 'EN_ATTENTE' | 'EN_COURS' | 'TERMINEE' | 'ECHEC';
  /** Percent done. */
  progression: number;
  etape: string | null;
  erreur: string | null;
  /** The snapshot to download, once TERMINEE. */
  snapshotId: string | null;
}

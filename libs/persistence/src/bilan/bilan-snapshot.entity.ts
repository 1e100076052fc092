import { Check, Column, Entity, Index, Unique } from 'typeorm';
import { ReferenceColumn } from '../columns';
import { ExerciceKeyColumns } from '../exercice/exercice-key.columns';
import { AppUserEntity } from '../user/app-user.entity';

/**
 * A computed annual bilan, immutable (a trigger forbids UPDATE and DELETE): its lines and figures,
 * the event-log version it was computed at, and the SHA-256 of its canonical content. Regenerating
 * the same year at the same version gives the same hash, hence the same row.
 */
@Entity({ name: 'bilan_snapshot' })
@Unique(['bailleurId', 'departement', 'annee', 'hash'])
@Index(['bailleurId', 'annee'])
@Check('chk_bilan_snapshot_hash', `"hash" ~ '^[0-9a-f]{64}$'`)
export class BilanSnapshotEntity extends ExerciceKeyColumns {
  /** Id of the last engine transition of the exercice in `event_log` when computed ('0': none). */
  @Column({ type: 'bigint' })
  versionEvenements: string;

  @Column({ type: 'char', length: 64 })
  hash: string;

  /** `{ input, bilan }`: the lines and reference data it was computed from, and the figures. */
  @Column({ type: 'jsonb' })
  contenu: unknown;

  @Column({ type: 'integer' })
  lignes: number;

  @ReferenceColumn(() => AppUserEntity, { nullable: true })
  createdBy: string | null;
}

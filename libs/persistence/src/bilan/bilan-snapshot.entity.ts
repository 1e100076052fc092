import { Check, Column, Entity, ForeignKey, Index, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { BailleurEntity } from '../bailleur/bailleur.entity';
import { CreatedAtColumn } from '../columns';
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
export class BilanSnapshotEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  @ForeignKey(() => BailleurEntity, { onDelete: 'RESTRICT' })
  bailleurId: string;

  @Column({ type: 'varchar', length: 3 })
  departement: string;

  @Column({ type: 'smallint' })
  annee: number;

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

  @Column({ type: 'uuid', nullable: true })
  @ForeignKey(() => AppUserEntity, { onDelete: 'RESTRICT' })
  createdBy: string | null;

  @CreatedAtColumn()
  createdAt: Date;
}

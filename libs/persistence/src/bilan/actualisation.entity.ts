import { Column, Entity, ForeignKey, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { BailleurEntity } from '../bailleur/bailleur.entity';
import { CreatedAtColumn, EnumColumn, UpdatedAtColumn } from '../columns';
import { ExerciceEntity } from '../exercice/exercice.entity';
import { AppUserEntity } from '../user/app-user.entity';
import { BilanSnapshotEntity } from './bilan-snapshot.entity';

export const ACTUALISATION_STATUTS = ['BROUILLON', 'VALIDEE'] as const;
export type ActualisationStatut = (typeof ACTUALISATION_STATUTS)[number];

/**
 * The proposal of next year's exercice drawn from a closed year's bilan: a draft a MANAGER reviews
 * and edits, then validates into the new exercice (and the conventions' carried deficits).
 */
@Entity({ name: 'actualisation' })
@Unique(['bailleurId', 'departement', 'annee'])
export class ActualisationEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  @ForeignKey(() => BailleurEntity, { onDelete: 'RESTRICT' })
  bailleurId: string;

  @Column({ type: 'varchar', length: 3 })
  departement: string;

  /** The new year. */
  @Column({ type: 'smallint' })
  annee: number;

  @Column({ type: 'uuid' })
  @ForeignKey(() => BilanSnapshotEntity, { onDelete: 'RESTRICT' })
  snapshotId: string;

  @EnumColumn('actualisation_statut', ACTUALISATION_STATUTS)
  statut: ActualisationStatut;

  /** The proposal, every number with its explanation (see `PropositionActualisation`). */
  @Column({ type: 'jsonb' })
  proposition: unknown;

  @Column({ type: 'uuid', nullable: true })
  @ForeignKey(() => ExerciceEntity, { onDelete: 'RESTRICT' })
  exerciceId: string | null;

  @Column({ type: 'uuid', nullable: true })
  @ForeignKey(() => AppUserEntity, { onDelete: 'RESTRICT' })
  valideePar: string | null;

  @CreatedAtColumn()
  createdAt: Date;

  @UpdatedAtColumn()
  updatedAt: Date;
}

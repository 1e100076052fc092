import { Column, Entity, Unique } from 'typeorm';
import { EnumColumn, ReferenceColumn, UpdatedAtColumn } from '../columns';
import { ExerciceKeyColumns } from '../exercice/exercice-key.columns';
import { ExerciceEntity } from '../exercice/exercice.entity';
import { AppUserEntity } from '../user/app-user.entity';
import { BilanSnapshotEntity } from './bilan-snapshot.entity';

export const ACTUALISATION_STATUTS = ['BROUILLON', 'VALIDEE'] as const;
export type ActualisationStatut = (typeof ACTUALISATION_STATUTS)[number];

/**
 * The proposal of next year's exercice drawn from a closed year's bilan: a draft a MANAGER reviews
 * and edits, then validates into the new exercice (and the conventions' carried deficits). Its
 * `annee` is the new year.
 */
@Entity({ name: 'actualisation' })
@Unique(['bailleurId', 'departement', 'annee'])
export class ActualisationEntity extends ExerciceKeyColumns {
  @ReferenceColumn(() => BilanSnapshotEntity)
  snapshotId: string;

  @EnumColumn('actualisation_statut', ACTUALISATION_STATUTS)
  statut: ActualisationStatut;

  /** The proposal, every number with its explanation (see `PropositionActualisation`). */
  @Column({ type: 'jsonb' })
  proposition: unknown;

  @ReferenceColumn(() => ExerciceEntity, { nullable: true })
  exerciceId: string | null;

  @ReferenceColumn(() => AppUserEntity, { nullable: true })
  valideePar: string | null;

  @UpdatedAtColumn()
  updatedAt: Date;
}

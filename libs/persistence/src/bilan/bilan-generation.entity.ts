import { Check, Column, Entity, Index } from 'typeorm';
import { EnumColumn, ReferenceColumn, UpdatedAtColumn } from '../columns';
import { ExerciceKeyColumns } from '../exercice/exercice-key.columns';
import { AppUserEntity } from '../user/app-user.entity';
import { BilanSnapshotEntity } from './bilan-snapshot.entity';

export const GENERATION_STATUTS = ['EN_ATTENTE', 'EN_COURS', 'TERMINEE', 'ECHEC'] as const;
export type GenerationStatut = (typeof GENERATION_STATUTS)[number];

/** One request to compute a bilan (a background job): its progress, then the snapshot it produced. */
@Entity({ name: 'bilan_generation' })
@Index(['bailleurId', 'createdAt'])
@Check('chk_bilan_generation_progression', `"progression" BETWEEN 0 AND 100`)
export class BilanGenerationEntity extends ExerciceKeyColumns {
  @EnumColumn('generation_statut', GENERATION_STATUTS)
  statut: GenerationStatut;

  /** Percent done. */
  @Column({ type: 'smallint', default: 0 })
  progression: number;

  /** What is being done (French). */
  @Column({ type: 'text', nullable: true })
  etape: string | null;

  @Column({ type: 'text', nullable: true })
  erreur: string | null;

  @ReferenceColumn(() => BilanSnapshotEntity, { nullable: true })
  snapshotId: string | null;

  @ReferenceColumn(() => AppUserEntity, { nullable: true })
  demandePar: string | null;

  @UpdatedAtColumn()
  updatedAt: Date;
}

import { Check, Column, Entity, ForeignKey, Index, PrimaryGeneratedColumn } from 'typeorm';
import { BailleurEntity } from '../bailleur/bailleur.entity';
import { CreatedAtColumn, EnumColumn, UpdatedAtColumn } from '../columns';
import { AppUserEntity } from '../user/app-user.entity';
import { BilanSnapshotEntity } from './bilan-snapshot.entity';

export const GENERATION_STATUTS = ['EN_ATTENTE', 'EN_COURS', 'TERMINEE', 'ECHEC'] as const;
export type GenerationStatut = (typeof GENERATION_STATUTS)[number];

/** One request to compute a bilan (a background job): its progress, then the snapshot it produced. */
@Entity({ name: 'bilan_generation' })
@Index(['bailleurId', 'createdAt'])
@Check('chk_bilan_generation_progression', `"progression" BETWEEN 0 AND 100`)
export class BilanGenerationEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  @ForeignKey(() => BailleurEntity, { onDelete: 'RESTRICT' })
  bailleurId: string;

  @Column({ type: 'varchar', length: 3 })
  departement: string;

  @Column({ type: 'smallint' })
  annee: number;

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

  @Column({ type: 'uuid', nullable: true })
  @ForeignKey(() => BilanSnapshotEntity, { onDelete: 'RESTRICT' })
  snapshotId: string | null;

  @Column({ type: 'uuid', nullable: true })
  @ForeignKey(() => AppUserEntity, { onDelete: 'RESTRICT' })
  demandePar: string | null;

  @CreatedAtColumn()
  createdAt: Date;

  @UpdatedAtColumn()
  updatedAt: Date;
}

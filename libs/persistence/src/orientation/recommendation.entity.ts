import type { OptionOrientation } from '@aiguillage/engine/orientation';
import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { BailleurEntity } from '../bailleur/bailleur.entity';
import { CreatedAtColumn, ReferenceColumn } from '../columns';
import { LiberationEntity } from '../liberation/liberation.entity';

/** A recommendation computed for a libération (several if inputs changed before the decision). */
@Entity({ name: 'recommendation' })
export class RecommendationEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @ReferenceColumn(() => LiberationEntity, { onDelete: 'CASCADE' })
  @Index()
  liberationId: string;

  @ReferenceColumn(() => BailleurEntity)
  @Index()
  bailleurId: string;

  /** Ranked options, best first (the engine's `Recommendation.options`). */
  @Column({ type: 'jsonb' })
  options: OptionOrientation[];

  /** Version of the inputs the engine saw (conventions, progress...), to detect stale recommendations. */
  @Column({ type: 'varchar', length: 64 })
  inputsVersion: string;

  @CreatedAtColumn()
  createdAt: Date;
}

import { USAGES_EXCLUS, type UsageExclu } from '@aiguillage/engine/domain';
import { Check, Column, Entity, Index, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { BailleurEntity } from '../bailleur/bailleur.entity';
import { CreatedAtColumn, EnumColumn, ReferenceColumn } from '../columns';
import { ConventionEntity } from '../convention/convention.entity';
import { LiberationEntity } from '../liberation/liberation.entity';
import { AppUserEntity } from '../user/app-user.entity';
import { DESTINATION_CHECK, DESTINATION_KINDS, type DestinationKind } from './destination.columns';
import { OverrideRequestEntity } from './override-request.entity';
import { RecommendationEntity } from './recommendation.entity';

/** The orientation of a freed flat: exactly one per libération. */
@Entity({ name: 'orientation_decision' })
@Unique(['liberationId'])
@Index(['bailleurId', 'decidedAt'])
@Check('chk_orientation_decision_destination', DESTINATION_CHECK)
@Check('chk_orientation_decision_override', `"is_override" OR "override_request_id" IS NULL`)
export class OrientationDecisionEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @ReferenceColumn(() => LiberationEntity)
  liberationId: string;

  @ReferenceColumn(() => BailleurEntity)
  bailleurId: string;

  @EnumColumn('destination_kind', DESTINATION_KINDS)
  destinationKind: DestinationKind;

  @ReferenceColumn(() => ConventionEntity, { nullable: true })
  @Index()
  conventionId: string | null;

  @Column({ type: 'varchar', length: 32, nullable: true })
  sousQuota: string | null;

  @EnumColumn('usage_exclu', USAGES_EXCLUS, { nullable: true })
  usage: UsageExclu | null;

  @ReferenceColumn(() => RecommendationEntity, { nullable: true, onDelete: 'SET NULL' })
  recommendationId: string | null;

  /** True when the destination differs from the recommendation's first eligible option. */
  @Column({ type: 'boolean' })
  isOverride: boolean;

  @ReferenceColumn(() => OverrideRequestEntity, { nullable: true })
  overrideRequestId: string | null;

  /** The user who decided (null: decided automatically by the system). */
  @ReferenceColumn(() => AppUserEntity, { nullable: true })
  decidedBy: string | null;

  @Column({ type: 'timestamptz' })
  decidedAt: Date;

  @CreatedAtColumn()
  createdAt: Date;
}

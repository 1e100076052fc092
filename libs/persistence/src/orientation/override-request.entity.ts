import { USAGES_EXCLUS, type UsageExclu } from '@aiguillage/engine/domain';
import { Check, Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { BailleurEntity } from '../bailleur/bailleur.entity';
import { CreatedAtColumn, EnumColumn, ReferenceColumn } from '../columns';
import { ConventionEntity } from '../convention/convention.entity';
import { LiberationEntity } from '../liberation/liberation.entity';
import { AppUserEntity } from '../user/app-user.entity';
import { DESTINATION_CHECK, DESTINATION_KINDS, type DestinationKind } from './destination.columns';
import { RecommendationEntity } from './recommendation.entity';

export const OVERRIDE_REASONS = [
  'URGENCE',
  'MIXITE_SOCIALE',
  'ACCESSIBILITE',
  'DEMANDE_RESERVATAIRE',
  'MUTATION',
  'RELOGEMENT',
  'AUTRE',
] as const;
export type OverrideReason = (typeof OVERRIDE_REASONS)[number];

/**
 * A request to orient a flat elsewhere than recommended. Append-only (a trigger forbids UPDATE and
 * DELETE): its status is the last of its `override_step` rows.
 */
@Entity({ name: 'override_request' })
@Index(['bailleurId', 'createdAt'])
@Check('chk_override_request_destination', DESTINATION_CHECK)
@Check('chk_override_request_comment', `"reason" <> 'AUTRE' OR coalesce(length(trim("comment")), 0) > 0`)
export class OverrideRequestEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @ReferenceColumn(() => LiberationEntity)
  @Index()
  liberationId: string;

  @ReferenceColumn(() => BailleurEntity)
  bailleurId: string;

  @ReferenceColumn(() => RecommendationEntity, { nullable: true })
  recommendationId: string | null;

  @EnumColumn('destination_kind', DESTINATION_KINDS)
  destinationKind: DestinationKind;

  @ReferenceColumn(() => ConventionEntity, { nullable: true })
  conventionId: string | null;

  @Column({ type: 'varchar', length: 32, nullable: true })
  sousQuota: string | null;

  @EnumColumn('usage_exclu', USAGES_EXCLUS, { nullable: true })
  usage: UsageExclu | null;

  @EnumColumn('override_reason', OVERRIDE_REASONS)
  reason: OverrideReason;

  @Column({ type: 'text', nullable: true })
  comment: string | null;

  @ReferenceColumn(() => AppUserEntity)
  requestedBy: string;

  @CreatedAtColumn()
  createdAt: Date;
}

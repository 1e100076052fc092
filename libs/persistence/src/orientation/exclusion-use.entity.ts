import { USAGES_EXCLUS, type UsageExclu } from '@aiguillage/engine/domain';
import { Entity, Index, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { BailleurEntity } from '../bailleur/bailleur.entity';
import { CreatedAtColumn, DayColumn, EnumColumn, ReferenceColumn } from '../columns';
import { LogementEntity } from '../logement/logement.entity';
import { OrientationDecisionEntity } from './orientation-decision.entity';

/** A freed flat used outside the flux (mutation, NPNRU/ORCOD/LHI rehousing), counted against the forecast. */
@Entity({ name: 'exclusion_use' })
@Unique(['orientationDecisionId'])
@Index(['bailleurId', 'date'])
export class ExclusionUseEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @ReferenceColumn(() => BailleurEntity)
  bailleurId: string;

  @ReferenceColumn(() => LogementEntity)
  @Index()
  logementId: string;

  @ReferenceColumn(() => OrientationDecisionEntity, { nullable: true })
  orientationDecisionId: string | null;

  @EnumColumn('usage_exclu', USAGES_EXCLUS)
  usage: UsageExclu;

  @DayColumn()
  date: string;

  @CreatedAtColumn()
  createdAt: Date;
}

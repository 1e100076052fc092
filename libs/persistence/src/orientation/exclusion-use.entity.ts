import { USAGES_EXCLUS, type UsageExclu } from '@aiguillage/engine/domain';
import { Column, Entity, ForeignKey, Index, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { BailleurEntity } from '../bailleur/bailleur.entity';
import { CreatedAtColumn, DayColumn, EnumColumn } from '../columns';
import { LogementEntity } from '../logement/logement.entity';
import { OrientationDecisionEntity } from './orientation-decision.entity';

/** A freed flat used outside the flux (mutation, NPNRU/ORCOD/LHI rehousing), counted against the forecast. */
@Entity({ name: 'exclusion_use' })
@Unique(['orientationDecisionId'])
@Index(['bailleurId', 'date'])
export class ExclusionUseEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  @ForeignKey(() => BailleurEntity, { onDelete: 'RESTRICT' })
  bailleurId: string;

  @Column({ type: 'uuid' })
  @ForeignKey(() => LogementEntity, { onDelete: 'RESTRICT' })
  @Index()
  logementId: string;

  @Column({ type: 'uuid', nullable: true })
  @ForeignKey(() => OrientationDecisionEntity, { onDelete: 'RESTRICT' })
  orientationDecisionId: string | null;

  @EnumColumn('usage_exclu', USAGES_EXCLUS)
  usage: UsageExclu;

  @DayColumn()
  date: string;

  @CreatedAtColumn()
  createdAt: Date;
}

import { Column, Entity, ForeignKey, Index, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { BailleurEntity } from '../bailleur/bailleur.entity';
import { CreatedAtColumn, DayColumn } from '../columns';
import { LogementEntity } from '../logement/logement.entity';
import { CandidatEntity } from './candidat.entity';
import { PropositionEntity } from './proposition.entity';

/** The signed lease closing a proposition. */
@Entity({ name: 'bail' })
@Unique(['propositionId'])
@Unique(['candidatId'])
@Index(['bailleurId', 'signedAt'])
export class BailEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  @ForeignKey(() => PropositionEntity, { onDelete: 'RESTRICT' })
  propositionId: string;

  @Column({ type: 'uuid' })
  @ForeignKey(() => CandidatEntity, { onDelete: 'RESTRICT' })
  candidatId: string;

  @Column({ type: 'uuid' })
  @ForeignKey(() => LogementEntity, { onDelete: 'RESTRICT' })
  @Index()
  logementId: string;

  @Column({ type: 'uuid' })
  @ForeignKey(() => BailleurEntity, { onDelete: 'RESTRICT' })
  bailleurId: string;

  @DayColumn()
  signedAt: string;

  @CreatedAtColumn()
  createdAt: Date;
}

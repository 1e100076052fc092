import { Entity, Index, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { BailleurEntity } from '../bailleur/bailleur.entity';
import { CreatedAtColumn, DayColumn, ReferenceColumn } from '../columns';
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

  @ReferenceColumn(() => PropositionEntity)
  propositionId: string;

  @ReferenceColumn(() => CandidatEntity)
  candidatId: string;

  @ReferenceColumn(() => LogementEntity)
  @Index()
  logementId: string;

  @ReferenceColumn(() => BailleurEntity)
  bailleurId: string;

  @DayColumn()
  signedAt: string;

  @CreatedAtColumn()
  createdAt: Date;
}

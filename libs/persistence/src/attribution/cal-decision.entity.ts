import { Check, Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAtColumn, DayColumn, EnumColumn, ReferenceColumn } from '../columns';
import { CandidatEntity } from './candidat.entity';

export const CAL_DECISIONS = ['ATTRIBUTION', 'REFUS', 'AJOURNEMENT'] as const;
export type CalDecisionKind = (typeof CAL_DECISIONS)[number];

export const REPONSES_CANDIDAT = ['ACCEPTE', 'REFUSE'] as const;
export type ReponseCandidat = (typeof REPONSES_CANDIDAT)[number];

/** The CAL/CALEOL decision on a candidate, and the candidate's answer to an attribution. */
@Entity({ name: 'cal_decision' })
@Check(
  'chk_cal_decision_rang',
  `("decision" = 'ATTRIBUTION') = ("rang" IS NOT NULL) AND ("rang" IS NULL OR "rang" >= 1)`,
)
@Check('chk_cal_decision_reponse', `"reponse_candidat" IS NULL OR "decision" = 'ATTRIBUTION'`)
export class CalDecisionEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @ReferenceColumn(() => CandidatEntity, { onDelete: 'CASCADE' })
  @Index()
  candidatId: string;

  @EnumColumn('cal_decision_kind', CAL_DECISIONS)
  decision: CalDecisionKind;

  /** Rank of an attribution (1: the flat goes to this candidate if they accept). */
  @Column({ type: 'smallint', nullable: true })
  rang: number | null;

  @DayColumn()
  dateCal: string;

  @EnumColumn('reponse_candidat', REPONSES_CANDIDAT, { nullable: true })
  reponseCandidat: ReponseCandidat | null;

  @Column({ type: 'timestamptz', nullable: true })
  reponseAt: Date | null;

  @CreatedAtColumn()
  createdAt: Date;
}

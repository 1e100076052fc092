import { Check, Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { BailleurEntity } from '../bailleur/bailleur.entity';
import { CreatedAtColumn, EnumColumn, ReferenceColumn, UpdatedAtColumn } from '../columns';
import { ConventionEntity } from '../convention/convention.entity';
import { OrientationDecisionEntity } from '../orientation/orientation-decision.entity';

/**
 * EN_ATTENTE: sent, waiting for candidates; CANDIDATS_RECUS: candidates in, CAL to come;
 * ATTRIBUEE: the CAL attributed the flat; EXPIREE: délai over without candidates (back to the
 * bailleur for one turn); ANNULEE: withdrawn.
 */
export const PROPOSITION_STATUSES = ['EN_ATTENTE', 'CANDIDATS_RECUS', 'ATTRIBUEE', 'EXPIREE', 'ANNULEE'] as const;
export type PropositionStatus = (typeof PROPOSITION_STATUSES)[number];

/** A flat proposed to a réservataire (or designated for it under délégation) after an orientation decision. */
@Entity({ name: 'proposition' })
@Index(['bailleurId', 'sentAt'])
@Index(['status', 'delaiExpireAt'])
@Check('chk_proposition_delai', `"delai_expire_at" IS NULL OR "delai_expire_at" >= "sent_at"`)
export class PropositionEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @ReferenceColumn(() => OrientationDecisionEntity)
  @Index()
  decisionId: string;

  @ReferenceColumn(() => BailleurEntity)
  bailleurId: string;

  @ReferenceColumn(() => ConventionEntity)
  @Index()
  conventionId: string;

  @Column({ type: 'timestamptz' })
  sentAt: Date;

  /** Deadline for candidates under DIRECTE (null under délégation). */
  @Column({ type: 'timestamptz', nullable: true })
  delaiExpireAt: Date | null;

  @EnumColumn('proposition_status', PROPOSITION_STATUSES)
  status: PropositionStatus;

  /**
   * First letting of a new programme (NEUF) for a convention that does not count first lettings:
   * recorded apart, outside the flux, no engine transition (nothing counted toward the objective).
   */
  @Column({ type: 'boolean', default: false })
  horsFlux: boolean;

  /** The réservataire declined the flat (the guides ask for abusive refusals to be tracked): when, and why. */
  @Column({ type: 'timestamptz', nullable: true })
  declinAt: Date | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  declinMotif: string | null;

  @CreatedAtColumn()
  createdAt: Date;

  @UpdatedAtColumn()
  updatedAt: Date;
}

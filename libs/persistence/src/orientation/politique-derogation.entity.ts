import { Column, Entity } from 'typeorm';
import { BailleurEntity } from '../bailleur/bailleur.entity';
import { ReferenceColumn, UpdatedAtColumn } from '../columns';
import { AppUserEntity } from '../user/app-user.entity';

/**
 * A bailleur's policy on overrides of the recommendation (live flow, issue #4): when an override
 * waits for a manager's approval. No row means the defaults (écart à la cible, règle souple).
 */
@Entity({ name: 'politique_derogation' })
export class PolitiqueDerogationEntity {
  @ReferenceColumn(() => BailleurEntity, { primary: true, onDelete: 'CASCADE' })
  bailleurId: string;

  /** Every override needs approval. */
  @Column({ type: 'boolean', default: false })
  toujours: boolean;

  /** Approval when the override sends a convention further from its target. */
  @Column({ type: 'boolean', default: true })
  ecartCible: boolean;

  /** Approval when the chosen destination breaks a soft rule. */
  @Column({ type: 'boolean', default: true })
  regleSouple: boolean;

  @ReferenceColumn(() => AppUserEntity, { nullable: true, onDelete: 'SET NULL' })
  updatedBy: string | null;

  @UpdatedAtColumn()
  updatedAt: Date;
}

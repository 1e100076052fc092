import { Check, Column, Entity, Index, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { CreatedAtColumn, EnumColumn, ReferenceColumn, UpdatedAtColumn } from '../columns';
import { ReservataireEntity } from '../reservataire/reservataire.entity';

export const USER_ROLES = ['ADMIN', 'MANAGER', 'CHARGE', 'RESERVATAIRE'] as const;
export type UserRole = (typeof USER_ROLES)[number];

@Entity({ name: 'app_user' })
@Unique(['email'])
@Unique(['slackUserId'])
@Check('chk_app_user_reservataire', `("role" = 'RESERVATAIRE') = ("reservataire_id" IS NOT NULL)`)
@Check('chk_app_user_email_lowercase', `"email" = lower("email")`)
export class AppUserEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** Stored lower-cased (see the check constraint); unique. */
  @Column({ type: 'varchar', length: 254 })
  email: string;

  @Column({ type: 'varchar', length: 200 })
  nom: string;

  /** Hash computed by the API (never a clear password). */
  @Column({ type: 'varchar', length: 255 })
  passwordHash: string;

  @EnumColumn('user_role', USER_ROLES)
  role: UserRole;

  /** The réservataire a RESERVATAIRE user speaks for (required for that role, forbidden otherwise). */
  @ReferenceColumn(() => ReservataireEntity, { nullable: true })
  @Index()
  reservataireId: string | null;

  /** Slack user id, to attribute decisions taken from the Slack bot. */
  @Column({ type: 'varchar', length: 32, nullable: true })
  slackUserId: string | null;

  /** When an ADMIN last removed the Slack link: the bot then no longer links this account by e-mail. */
  @Column({ type: 'timestamptz', nullable: true })
  slackUnlinkedAt: Date | null;

  @Column({ type: 'boolean', default: true })
  active: boolean;

  /** Carried by each token; a deactivation increments it, so tokens issued before stay refused. */
  @Column({ type: 'integer', default: 0 })
  sessionVersion: number;

  @CreatedAtColumn()
  createdAt: Date;

  @UpdatedAtColumn()
  updatedAt: Date;
}

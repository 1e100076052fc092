import { Column, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { BailleurEntity } from '../bailleur/bailleur.entity';
import { CreatedAtColumn, ReferenceColumn } from '../columns';
import { AppUserEntity } from '../user/app-user.entity';

/**
 * Where a bailleur's suggestions go in Slack (issue #12): one channel per bailleur, optionally one
 * per territory (a commune's INSEE code or an EPCI's SIREN; '' = the whole bailleur). Edited by an
 * ADMIN through `PUT /api/bailleurs/:id/slack-canaux`.
 */
@Entity({ name: 'slack_canal' })
@Unique(['bailleurId', 'territoire'])
export class SlackCanalEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @ReferenceColumn(() => BailleurEntity, { onDelete: 'CASCADE' })
  bailleurId: string;

  /** '' for the whole bailleur, else a commune (INSEE) or EPCI code. */
  @Column({ type: 'varchar', length: 16, default: '' })
  territoire: string;

  /** Slack channel id (C…, G…). */
  @Column({ type: 'varchar', length: 32 })
  canal: string;

  @ReferenceColumn(() => AppUserEntity, { nullable: true, onDelete: 'SET NULL' })
  updatedBy: string | null;

  @CreatedAtColumn()
  createdAt: Date;
}

/**
 * Every Slack message of the bot, in delivery order per channel (`id`): queued by the projection of
 * the event log (or a job), sent by the `slack.canal` job, which stores its `ts`. `cle` makes each
 * message once (a suggestion per libération, an update per event, a digest per bailleur and day).
 */
@Entity({ name: 'slack_message' })
@Unique(['cle'])
@Index('idx_slack_message_a_envoyer', ['canal', 'id'], { where: `"sent_at" IS NULL` })
@Index('idx_slack_message_liberation', ['liberationId'])
export class SlackMessageEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ type: 'varchar', length: 200 })
  cle: string;

  @Column({ type: 'varchar', length: 32 })
  canal: string;

  /** SUGGESTION, DECISION (update of the suggestion), DEROGATION, DEROGATION_ISSUE, DIGEST. */
  @Column({ type: 'varchar', length: 32 })
  kind: string;

  @Column({ type: 'uuid', nullable: true })
  bailleurId: string | null;

  @Column({ type: 'uuid', nullable: true })
  liberationId: string | null;

  /** What the sender needs to build the message (event payload, ids). */
  @Column({ type: 'jsonb', default: {} })
  ref: unknown;

  /** The posted message's `ts` (chat.postMessage), or the updated one's (chat.update). */
  @Column({ type: 'varchar', length: 32, nullable: true })
  ts: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  sentAt: Date | null;

  @Column({ type: 'int', default: 0 })
  attempts: number;

  @Column({ type: 'text', nullable: true })
  lastError: string | null;

  @CreatedAtColumn()
  createdAt: Date;
}

/** One sender per channel at a time across processes (a lease), and the channel's pacing. */
@Entity({ name: 'slack_livraison' })
export class SlackLivraisonEntity {
  @PrimaryColumn({ type: 'varchar', length: 32 })
  canal: string;

  @Column({ type: 'timestamptz', nullable: true })
  leaseUntil: Date | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  leaseOwner: string | null;

  /** Not before (Retry-After of a 429, pacing). */
  @Column({ type: 'timestamptz', nullable: true })
  nextAt: Date | null;
}

/** How far the Slack projection has read the event log. */
@Entity({ name: 'slack_curseur' })
export class SlackCurseurEntity {
  @PrimaryColumn({ type: 'varchar', length: 32 })
  nom: string;

  @Column({ type: 'bigint' })
  lastEventId: string;
}

/** A decision attempted from Slack (to say « depuis Slack » on the updated message). */
@Entity({ name: 'slack_origine' })
export class SlackOrigineEntity {
  @PrimaryColumn({ type: 'uuid' })
  liberationId: string;

  @ReferenceColumn(() => AppUserEntity, { primary: true, onDelete: 'CASCADE' })
  userId: string;

  @CreatedAtColumn()
  createdAt: Date;
}

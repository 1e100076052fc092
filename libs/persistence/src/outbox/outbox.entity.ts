import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, Unique } from 'typeorm';

/** Transactional outbox: jobs written with the business change, relayed to BullMQ afterwards. */
@Entity({ name: 'outbox' })
@Unique(['jobId'])
@Index('idx_outbox_pending', ['id'], { where: `"relayed_at" IS NULL` })
export class OutboxEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ type: 'varchar', length: 100 })
  topic: string;

  @Column({ type: 'jsonb' })
  payload: unknown;

  /** BullMQ job id: relaying twice cannot enqueue twice. */
  @Column({ type: 'varchar', length: 200 })
  jobId: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  relayedAt: Date | null;
}

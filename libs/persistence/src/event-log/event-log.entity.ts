import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * Ordered log of live events (websocket replay, Slack). `id` only grows, and events are appended
 * under a transaction-level advisory lock so ids also commit in order: a reader resuming after id N
 * never misses a later-committed event with a smaller id.
 */
@Entity({ name: 'event_log' })
@Index(['bailleurId', 'id'])
@Index('idx_event_log_reservataire_ids', ['reservataireIds'], { type: 'gin' })
export class EventLogEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ type: 'varchar', length: 100 })
  type: string;

  @Column({ type: 'uuid', nullable: true })
  bailleurId: string | null;

  @Column({ type: 'uuid', array: true, default: () => `'{}'` })
  reservataireIds: string[];

  @Column({ type: 'jsonb' })
  payload: unknown;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}

import { managerOf, type Db } from '../repository.utils';
import { check } from '../validation';

export interface OutboxMessage<P = unknown> {
  id: string;
  topic: string;
  payload: P;
  jobId: string;
  createdAt: Date;
}

/**
 * Transactional outbox. `enqueue` inside the business transaction (pass its EntityManager); a relay
 * then `claim`s pending messages, pushes them to BullMQ with their `jobId`, and `markRelayed`.
 */
export class OutboxRepository {
  constructor(private readonly db: Db) {}

  /** Adds a message; a message with the same `jobId` is kept once. Returns false if it already existed. */
  async enqueue(message: { topic: string; payload: unknown; jobId: string }): Promise<boolean> {
    check.text(message.topic, 'topic', 100);
    check.text(message.jobId, 'jobId', 200);
    const rows = await managerOf(this.db).query<unknown[]>(
      `INSERT INTO outbox (topic, payload, job_id) VALUES ($1, $2::jsonb, $3) ON CONFLICT (job_id) DO NOTHING RETURNING id`,
      [message.topic, JSON.stringify(message.payload ?? null), message.jobId],
    );
    return rows.length === 1;
  }

  /** Like `enqueue`, and notifies `channel` (the relay's wake-up) in the same statement when added. */
  async enqueueAndNotify(
    message: { topic: string; payload: unknown; jobId: string },
    channel: string,
  ): Promise<boolean> {
    check.text(message.topic, 'topic', 100);
    check.text(message.jobId, 'jobId', 200);
    const [{ n }] = await managerOf(this.db).query<Array<{ n: number }>>(
      `WITH ob AS (
         INSERT INTO outbox (topic, payload, job_id) VALUES ($1, $2::jsonb, $3) ON CONFLICT (job_id) DO NOTHING RETURNING id)
       SELECT count(*)::int AS n, (SELECT pg_notify($4, '') FROM ob LIMIT 1) AS notified FROM ob`,
      [message.topic, JSON.stringify(message.payload ?? null), message.jobId, channel],
    );
    return n === 1;
  }

  /**
   * Pending messages, oldest first, locked for the caller's transaction (`FOR UPDATE SKIP LOCKED`:
   * concurrent relays never take the same message). Call inside a transaction with markRelayed.
   */
  async claimPending(limit = 100): Promise<OutboxMessage[]> {
    return managerOf(this.db).query<OutboxMessage[]>(
      `SELECT id::text, topic, payload, job_id AS "jobId", created_at AS "createdAt"
       FROM outbox WHERE relayed_at IS NULL ORDER BY outbox.id LIMIT $1 FOR UPDATE SKIP LOCKED`,
      [check.integer(limit, 'limit', 1, 10000)],
    );
  }

  async markRelayed(ids: readonly string[]): Promise<void> {
    if (ids.length === 0) return;
    await managerOf(this.db).query(`UPDATE outbox SET relayed_at = now() WHERE id = ANY($1::bigint[])`, [ids]);
  }

  /** Deletes relayed messages older than `olderThan`. Returns how many were deleted. */
  async purgeRelayed(olderThan: Date): Promise<number> {
    const rows = await managerOf(this.db).query<unknown[]>(`DELETE FROM outbox WHERE relayed_at < $1 RETURNING 1`, [
      olderThan,
    ]);
    return rows.length;
  }
}

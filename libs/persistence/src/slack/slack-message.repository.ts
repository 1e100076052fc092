import { SqlRepository } from '../repository.utils';

/** A message to queue in `slack_message` (once per `cle`). */
export interface SlackMessageInsert {
  cle: string;
  canal: string;
  kind: string;
  bailleurId: string | null;
  liberationId: string | null;
  ref: Record<string, unknown>;
}

/** A queued message as the sender reads it. */
export interface SlackMessageRow {
  id: string;
  cle: string;
  canal: string;
  kind: string;
  liberationId: string | null;
  ref: unknown;
  attempts: number;
  createdAt: Date;
}

/** The bot's message queue (`slack_message`) and the wake-up of each channel's sender (outbox). */
export class SlackMessageRepository extends SqlRepository {
  /** Queues a message (once per `cle`); true when queued now. */
  async enqueue(m: SlackMessageInsert): Promise<boolean> {
    const rows = await this.m().query<unknown[]>(
      `INSERT INTO slack_message (cle, canal, kind, bailleur_id, liberation_id, ref) VALUES ($1, $2, $3, $4, $5, $6::jsonb) ON CONFLICT (cle) DO NOTHING RETURNING id`,
      [m.cle, m.canal, m.kind, m.bailleurId, m.liberationId, JSON.stringify(m.ref)],
    );
    return rows.length > 0;
  }

  /**
   * Writes a `slack.canal` job per channel to the outbox and notifies `notifyChannel` once:
   * `tag` makes the job id of this wake (a queued id is never queued twice).
   */
  async wakeChannels(canaux: readonly string[], tag: string, notifyChannel: string): Promise<void> {
    if (canaux.length === 0) return;
    await this.m().query(
      `WITH ob AS (
         INSERT INTO outbox (topic, payload, job_id)
         SELECT 'slack.canal', jsonb_build_object('canal', c), 'slack-canal-' || c || '-' || $2::text FROM unnest($1::varchar[]) AS c
         ON CONFLICT (job_id) DO NOTHING RETURNING id)
       SELECT pg_notify($3, '') FROM ob LIMIT 1`,
      [canaux, tag, notifyChannel],
    );
  }

  /** The suggestion message of a libération once posted: its channel and ts. */
  async postedSuggestion(liberationId: string): Promise<{ canal: string; ts: string } | null> {
    const [row] = await this.m().query<Array<{ canal: string; ts: string }>>(
      `SELECT canal, ts FROM slack_message WHERE kind = 'SUGGESTION' AND liberation_id = $1 AND ts IS NOT NULL LIMIT 1`,
      [liberationId],
    );
    return row ?? null;
  }

  /** The message of this key once posted: its channel and ts. */
  async postedByCle(cle: string): Promise<{ canal: string; ts: string } | null> {
    const [row] = await this.m().query<Array<{ canal: string; ts: string }>>(
      `SELECT canal, ts FROM slack_message WHERE cle = $1 AND ts IS NOT NULL`,
      [cle],
    );
    return row ?? null;
  }

  /** Whether a message of this key was ever queued. */
  async exists(cle: string): Promise<boolean> {
    const rows = await this.m().query<unknown[]>(`SELECT 1 FROM slack_message WHERE cle = $1`, [cle]);
    return rows.length > 0;
  }

  /** Whether a newer App Home refresh of this Slack user is still queued. */
  async newerHomeRefreshQueued(canal: string, id: string): Promise<boolean> {
    const rows = await this.m().query<unknown[]>(
      `SELECT 1 FROM slack_message WHERE canal = $1 AND kind = 'ACCUEIL' AND sent_at IS NULL AND id > $2 LIMIT 1`,
      [canal, id],
    );
    return rows.length > 0;
  }

  /** Queues a refresh of the App Home of every linked staff account of the bailleur; returns their channels. */
  async queueHomeRefreshes(bailleurId: string, tag: string): Promise<string[]> {
    const rows = await this.m().query<Array<{ canal: string }>>(
      `INSERT INTO slack_message (cle, canal, kind, bailleur_id, ref)
       SELECT 'accueil-' || u.slack_user_id || '-' || $2::text, u.slack_user_id, 'ACCUEIL', $1, '{}'::jsonb
       FROM app_user u JOIN user_bailleur ub ON ub.user_id = u.id
       WHERE ub.bailleur_id = $1 AND u.slack_user_id IS NOT NULL AND u.active AND u.role IN ('ADMIN', 'MANAGER', 'CHARGE')
       ON CONFLICT (cle) DO NOTHING RETURNING canal`,
      [bailleurId, tag],
    );
    return rows.map((r) => r.canal);
  }

  /** The channels left with queued messages (older than 2 s) and no sender holding them. */
  async channelsToSweep(): Promise<string[]> {
    const rows = await this.m().query<Array<{ canal: string }>>(
      `SELECT DISTINCT m.canal FROM slack_message m LEFT JOIN slack_livraison l ON l.canal = m.canal
       WHERE m.sent_at IS NULL AND m.created_at < now() - interval '2 seconds' AND (l.lease_until IS NULL OR l.lease_until < now())`,
    );
    return rows.map((r) => r.canal);
  }

  /** The channel's oldest message not sent yet. */
  async nextToSend(canal: string): Promise<SlackMessageRow | null> {
    const [m] = await this.m().query<SlackMessageRow[]>(
      `SELECT id, cle, canal, kind, liberation_id AS "liberationId", ref, attempts, created_at AS "createdAt" FROM slack_message WHERE canal = $1 AND sent_at IS NULL ORDER BY id LIMIT 1`,
      [canal],
    );
    return m ?? null;
  }

  /** Whether the channel still has a message to send. */
  async hasPending(canal: string): Promise<boolean> {
    const rows = await this.m().query<unknown[]>(
      `SELECT 1 FROM slack_message WHERE canal = $1 AND sent_at IS NULL LIMIT 1`,
      [canal],
    );
    return rows.length > 0;
  }

  /** The message was sent (its `ts` kept when Slack gave none). */
  async markSent(id: string, ts: string | null): Promise<void> {
    await this.m().query(
      `UPDATE slack_message SET sent_at = now(), ts = coalesce($2, ts), attempts = attempts + 1, last_error = NULL WHERE id = $1`,
      [id, ts],
    );
  }

  /** A failed attempt; `abandon`: the message is not retried. */
  async markFailed(id: string, error: string, abandon: boolean): Promise<void> {
    await this.m().query(
      `UPDATE slack_message SET attempts = attempts + 1, last_error = $2, sent_at = CASE WHEN $3 THEN now() END WHERE id = $1`,
      [id, error, abandon],
    );
  }
}

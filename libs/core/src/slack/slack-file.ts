import type { DataSource, EntityManager } from 'typeorm';
import { OUTBOX_CHANNEL } from '../platform/live/flow.types';

type Queryable = Pick<DataSource | EntityManager, 'query'>;

/** Kinds of bot messages, in `slack_message.kind`. */
/** ACCUEIL: a refresh of a user's App Home (`canal` is then the Slack user id). */
export type SlackMessageKind = 'SUGGESTION' | 'DECISION' | 'DEROGATION' | 'DEROGATION_ISSUE' | 'DIGEST' | 'ACCUEIL';

export interface MessageAEnvoyer {
  cle: string;
  canal: string;
  kind: SlackMessageKind;
  bailleurId: string | null;
  liberationId: string | null;
  ref: Record<string, unknown>;
}

/** Queues a message (once per `cle`); true when queued now. */
export async function mettreEnFile(db: Queryable, m: MessageAEnvoyer): Promise<boolean> {
  const rows = await db.query<unknown[]>(
    `INSERT INTO slack_message (cle, canal, kind, bailleur_id, liberation_id, ref) VALUES ($1, $2, $3, $4, $5, $6::jsonb) ON CONFLICT (cle) DO NOTHING RETURNING id`,
    [m.cle, m.canal, m.kind, m.bailleurId, m.liberationId, JSON.stringify(m.ref)],
  );
  return rows.length > 0;
}

/**
 * Wakes the sender of each channel through the outbox (job `slack.canal`, relayed to the queue):
 * `tag` makes the job id of this wake (a queued id is never queued twice).
 */
export async function reveillerCanaux(db: Queryable, canaux: Iterable<string>, tag: string): Promise<void> {
  const list = [...new Set(canaux)];
  if (list.length === 0) return;
  await db.query(
    `WITH ob AS (
       INSERT INTO outbox (topic, payload, job_id)
       SELECT 'slack.canal', jsonb_build_object('canal', c), 'slack-canal-' || c || '-' || $2::text FROM unnest($1::varchar[]) AS c
       ON CONFLICT (job_id) DO NOTHING RETURNING id)
     SELECT pg_notify($3, '') FROM ob LIMIT 1`,
    [list, tag, OUTBOX_CHANNEL],
  );
}

/** The suggestion message of a libération once posted: its channel and ts. */
export async function suggestionPostee(
  db: Queryable,
  liberationId: string,
): Promise<{ canal: string; ts: string } | null> {
  const [row] = await db.query<Array<{ canal: string; ts: string }>>(
    `SELECT canal, ts FROM slack_message WHERE kind = 'SUGGESTION' AND liberation_id = $1 AND ts IS NOT NULL LIMIT 1`,
    [liberationId],
  );
  return row ?? null;
}

/** Queues a refresh of the App Home of every linked staff account of the bailleur (`tag`: what changed). */
export async function rafraichirAccueils(db: Queryable, bailleurId: string, tag: string): Promise<string[]> {
  const rows: Array<{ canal: string }> = await db.query(
    `INSERT INTO slack_message (cle, canal, kind, bailleur_id, ref)
     SELECT 'accueil-' || u.slack_user_id || '-' || $2::text, u.slack_user_id, 'ACCUEIL', $1, '{}'::jsonb
     FROM app_user u JOIN user_bailleur ub ON ub.user_id = u.id
     WHERE ub.bailleur_id = $1 AND u.slack_user_id IS NOT NULL AND u.active AND u.role IN ('ADMIN', 'MANAGER', 'CHARGE')
     ON CONFLICT (cle) DO NOTHING RETURNING canal`,
    [bailleurId, tag],
  );
  return rows.map((r) => r.canal);
}

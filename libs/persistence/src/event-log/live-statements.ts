import type { Client, PoolClient, QueryResult } from 'pg';
import type { DataSource, EntityManager } from 'typeorm';
import { Params } from '../statement';
import { check } from '../validation';
import { EVENT_LOG_APPEND_LOCK, type LoggedEvent, type NewEvent } from './event-log.repository';

/** Channel of the NOTIFY sent at each commit that appends to the event log (payload: the last id). */
export const EVENTS_CHANNEL = 'aiguillage_events';
/** Channel of the NOTIFY sent when outbox rows are written. */
export const OUTBOX_CHANNEL = 'aiguillage_outbox';

/** A job for the outbox (relayed to the queue after commit; `jobId` makes it idempotent). */
export interface OutboxRow {
  topic: string;
  payload: unknown;
  jobId: string;
}

/**
 * Writes, in one statement: the domain rows (`domain`: CTEs, one of them named `source` returning
 * at most one row), the outbox rows of `jobs`, and `events` appended to `event_log` — with their
 * NOTIFYs, delivered at commit. The events take the log's append lock (`EVENT_LOG_APPEND_LOCK`,
 * as EventLogRepository.append does) in that same statement: every inserted row joins the lock's row, so no
 * id is drawn before it and ids commit in the order they are drawn. With `domain`, jobs and events
 * are written only when `source` returns its row, whose columns come back as `source` (null when it
 * returned none). One statement is atomic on its own: outside a transaction it needs no BEGIN/COMMIT.
 */
export async function writeStatement<S = never>(
  manager: EntityManager,
  {
    events,
    jobs = [],
    domain,
  }: { events: readonly NewEvent[]; jobs?: readonly OutboxRow[]; domain?: (p: Params) => string },
): Promise<{ logged: LoggedEvent[]; source: S | null }> {
  // Every change of the flow is journaled or pushed: a statement without an event is a bug.
  if (events.length === 0) throw new Error('writeStatement : au moins un événement attendu');
  jobs.forEach((j, i) => check.text(j.jobId, `jobs[${i}].jobId`, 200));
  const p = new Params();
  const ctes = domain ? [domain(p)] : [];
  const gate = domain ? 'WHERE EXISTS (SELECT 1 FROM source)' : '';
  if (jobs.length > 0) {
    ctes.push(`ob AS (
       INSERT INTO outbox (topic, payload, job_id)
       SELECT u.topic, u.payload, u.job_id
       FROM unnest(${p.add(jobs.map((j) => j.topic))}::varchar[], ${p.add(jobs.map((j) => JSON.stringify(j.payload)))}::jsonb[], ${p.add(jobs.map((j) => j.jobId))}::varchar[]) AS u(topic, payload, job_id)
       ${gate}
       ON CONFLICT (job_id) DO NOTHING RETURNING id)`);
  }
  ctes.push(`appending AS (SELECT pg_advisory_xact_lock(${p.add(EVENT_LOG_APPEND_LOCK)}::bigint) AS locked ${gate})`);
  ctes.push(`ins AS (
     INSERT INTO event_log (type, bailleur_id, reservataire_ids, payload)
     SELECT u.type, u.bailleur_id, array(SELECT jsonb_array_elements_text(u.reservataire_ids)::uuid), u.payload
     FROM appending, unnest(${p.add(events.map((e) => e.type))}::varchar[], ${p.add(events.map((e) => e.bailleurId))}::uuid[], ${p.add(events.map((e) => JSON.stringify(e.reservataireIds ?? [])))}::jsonb[], ${p.add(events.map((e) => JSON.stringify(e.payload ?? null)))}::jsonb[])
          WITH ORDINALITY AS u(type, bailleur_id, reservataire_ids, payload, n)
     ORDER BY u.n
     RETURNING id, created_at)`);
  const columns = [
    'ins.id::text AS id',
    'ins.created_at AS "createdAt"',
    `pg_notify(${p.add(EVENTS_CHANNEL)}, (max(ins.id) OVER ())::text) AS notified`,
    ...(jobs.length > 0 ? [`(SELECT pg_notify(${p.add(OUTBOX_CHANNEL)}, '') FROM ob LIMIT 1) AS relayed`] : []),
    ...(domain ? ['row_to_json(source) AS source'] : []),
  ];
  const rows: Array<{ id: string; createdAt: Date; source?: S }> = await manager.query(
    `WITH ${ctes.join(',\n')}
     SELECT ${columns.join(', ')} FROM ins ${domain ? ', source' : ''} ORDER BY ins.id`,
    p.values,
  );
  const logged = rows.map((r, i): LoggedEvent => ({
    id: r.id,
    type: events[i].type,
    bailleurId: events[i].bailleurId,
    reservataireIds: [...(events[i].reservataireIds ?? [])],
    payload: events[i].payload,
    createdAt: r.createdAt,
  }));
  return { logged, source: rows[0]?.source ?? null };
}

/** Namespace of the per-exercice advisory locks (two-int form: distinct from one-bigint keys). */
const EXERCICE_LOCK_SPACE = 4_242;

/**
 * Opens a transaction on `client` holding the exercice's lock (always taken before any row lock)
 * and reads, in one round trip: BEGIN, the lock, then the journaled transitions (`transitionType`
 * events) of the exercice newer than `version` — read after the lock is granted, so that nothing
 * committed by its previous holder is missed — in order; then `preface`, a read of the caller's
 * (a row lock, say), whose rows are returned. Values are checked and inlined (a multi-statement
 * query takes no parameters).
 */
export async function beginExerciceLocked<P>(
  client: PoolClient,
  e: { exerciceId: string; bailleurId: string; version: string; transitionType: string },
  preface?: string,
): Promise<{ transitions: Array<{ id: string; payload: P }>; preface: Array<Record<string, unknown>> }> {
  const exerciceId = check.uuid(e.exerciceId, 'exerciceId');
  const bailleurId = check.uuid(e.bailleurId, 'bailleurId');
  if (!/^\d+$/.test(e.version)) throw new Error(`version d'état invalide « ${e.version} »`);
  if (!/^[a-z.]+$/.test(e.transitionType)) throw new Error(`type d'événement invalide « ${e.transitionType} »`);
  const results = (await client.query(
    `BEGIN;
     SELECT pg_advisory_xact_lock(${EXERCICE_LOCK_SPACE}, hashtext('${exerciceId}'));
     SELECT id::text, payload FROM event_log
     WHERE bailleur_id = '${bailleurId}' AND type = '${e.transitionType}' AND id > ${e.version} AND payload->>'exerciceId' = '${exerciceId}'
     ORDER BY event_log.id;
     ${preface ?? ''}`,
  )) as unknown as Array<QueryResult>;
  return {
    transitions: results[2].rows as Array<{ id: string; payload: P }>,
    preface: preface ? (results[3].rows as Array<Record<string, unknown>>) : [],
  };
}

export async function commitClient(client: PoolClient): Promise<void> {
  await client.query('COMMIT');
}

export async function rollbackClient(client: PoolClient): Promise<void> {
  await client.query('ROLLBACK');
}

/** NOTIFYs `channel` once per payload (delivered at commit with a transaction's manager, at once with the DataSource). */
export async function notifyChannel(
  db: DataSource | EntityManager,
  channel: string,
  payloads: readonly string[],
): Promise<void> {
  await db.query(`SELECT pg_notify($1, b) FROM unnest($2::text[]) AS b`, [channel, payloads]);
}

/** LISTENs on `channel` with a dedicated connection. */
export async function listenChannel(client: Client, channel: string): Promise<void> {
  if (!/^[a-z_][a-z0-9_]*$/.test(channel)) throw new Error(`Canal invalide « ${channel} »`);
  await client.query(`LISTEN ${channel}`);
}

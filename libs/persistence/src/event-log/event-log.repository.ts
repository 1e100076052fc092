import { InvalidInputError } from '../errors';
import { managerOf, requireScope, type Db } from '../repository.utils';
import { check } from '../validation';

export interface LoggedEvent<P = unknown> {
  /** Monotonic id (bigint as a string): resume from the last id seen. */
  id: string;
  type: string;
  bailleurId: string | null;
  reservataireIds: string[];
  payload: P;
  createdAt: Date;
}

export interface NewEvent {
  type: string;
  bailleurId: string | null;
  reservataireIds?: readonly string[];
  payload: unknown;
}

/** Arbitrary but fixed key of the advisory lock serialising appends (every writer of the log takes it). */
export const EVENT_LOG_APPEND_LOCK = 7_242_001;

export class EventLogRepository {
  constructor(private readonly db: Db) {}

  /**
   * Appends events. Appends are serialised by a transaction-level advisory lock taken before the ids
   * are drawn, so ids commit in increasing order and `since(lastId)` never skips an event. Call it
   * inside the business transaction (the lock is then held until that transaction commits).
   */
  async append(events: readonly NewEvent[]): Promise<LoggedEvent[]> {
    events.forEach((e, i) => {
      check.text(e.type, `events[${i}].type`, 100);
      check.optionalUuid(e.bailleurId, `events[${i}].bailleurId`);
      e.reservataireIds?.forEach((r, j) => check.uuid(r, `events[${i}].reservataireIds[${j}]`));
    });
    if (events.length === 0) return [];
    return managerOf(this.db).transaction(async (manager) => {
      await manager.query(`SELECT pg_advisory_xact_lock($1)`, [EVENT_LOG_APPEND_LOCK]);
      return manager.query(
        `INSERT INTO event_log (type, bailleur_id, reservataire_ids, payload)
         SELECT u.type, u.bailleur_id, array(SELECT jsonb_array_elements_text(u.reservataire_ids)::uuid), u.payload
         FROM unnest($1::varchar[], $2::uuid[], $3::jsonb[], $4::jsonb[]) WITH ORDINALITY AS u(type, bailleur_id, reservataire_ids, payload, n)
         ORDER BY u.n
         RETURNING id::text, type, bailleur_id AS "bailleurId", reservataire_ids AS "reservataireIds", payload, created_at AS "createdAt"`,
        [
          events.map((e) => e.type),
          events.map((e) => e.bailleurId),
          events.map((e) => JSON.stringify(e.reservataireIds ?? [])),
          events.map((e) => JSON.stringify(e.payload ?? null)),
        ],
      );
    });
  }

  /**
   * Events after `afterId` visible to a scope: those of `bailleurIds`, or those naming `reservataireId`.
   */
  async since(filter: {
    afterId: string;
    bailleurIds?: readonly string[];
    reservataireId?: string;
    limit?: number;
  }): Promise<LoggedEvent[]> {
    if (!/^\d+$/.test(filter.afterId)) throw new InvalidInputError('afterId', 'identifiant numérique attendu');
    const limit = check.integer(filter.limit ?? 500, 'limit', 1, 10000);
    const conditions: string[] = [];
    const params: unknown[] = [filter.afterId, limit];
    if (filter.bailleurIds !== undefined) {
      params.push(requireScope(filter.bailleurIds));
      conditions.push(`bailleur_id = ANY($${params.length}::uuid[])`);
    }
    if (filter.reservataireId !== undefined) {
      params.push(check.uuid(filter.reservataireId, 'reservataireId'));
      conditions.push(`reservataire_ids @> ARRAY[$${params.length}::uuid]`);
    }
    if (conditions.length === 0)
      throw new InvalidInputError('bailleurIds', 'périmètre obligatoire (bailleurs ou réservataire)');
    return managerOf(this.db).query(
      `SELECT id::text, type, bailleur_id AS "bailleurId", reservataire_ids AS "reservataireIds", payload, created_at AS "createdAt"
       FROM event_log WHERE id > $1::bigint AND (${conditions.join(' OR ')}) ORDER BY event_log.id LIMIT $2`,
      params,
    );
  }

  /** Every event after `afterId` in id order, at most `limit`, but those of `skipIds` (the log's tail, unscoped: for the processes). */
  async tail(afterId: string, limit: number, skipIds: readonly string[]): Promise<LoggedEvent[]> {
    return managerOf(this.db).query<LoggedEvent[]>(
      `SELECT id::text, type, bailleur_id AS "bailleurId", reservataire_ids AS "reservataireIds", payload, created_at AS "createdAt"
       FROM event_log WHERE id > $1::bigint AND id <> ALL($3::bigint[]) ORDER BY event_log.id LIMIT $2`,
      [afterId, limit, skipIds],
    );
  }

  /**
   * The events of `types` in (afterId, upTo] of these bailleurs (and naming `reservataireId` when
   * given), in id order, at most `limit`: the replay of a live client's missed events.
   */
  async between(f: {
    afterId: string;
    upTo: string;
    types: readonly string[];
    bailleurIds: readonly string[];
    reservataireId: string | null;
    limit: number;
  }): Promise<LoggedEvent[]> {
    const reservataire = f.reservataireId !== null;
    return managerOf(this.db).query<LoggedEvent[]>(
      `SELECT id::text, type, bailleur_id AS "bailleurId", reservataire_ids AS "reservataireIds", payload, created_at AS "createdAt"
       FROM event_log
       WHERE id > $1::bigint AND id <= $2::bigint AND type = ANY($3::varchar[])
         AND bailleur_id = ANY($4::uuid[]) ${reservataire ? 'AND reservataire_ids @> ARRAY[$6::uuid]' : ''}
       ORDER BY event_log.id LIMIT $5`,
      [f.afterId, f.upTo, f.types, f.bailleurIds, f.limit, ...(reservataire ? [f.reservataireId] : [])],
    );
  }

  /** The id of the last event ('0' when the log is empty). */
  async lastId(): Promise<string> {
    const [{ max }] = await managerOf(this.db).query<Array<{ max: string }>>(
      `SELECT coalesce(max(id), 0)::text AS max FROM event_log`,
    );
    return max;
  }

  /** The `type` events of a bailleur's exercice (`payload.exerciceId`) after `afterId`, in id order. */
  async ofExerciceSince<P>(f: {
    bailleurId: string;
    exerciceId: string;
    type: string;
    afterId: string;
  }): Promise<Array<{ id: string; payload: P }>> {
    return managerOf(this.db).query<Array<{ id: string; payload: P }>>(
      `SELECT id::text, payload FROM event_log
       WHERE bailleur_id = $1 AND type = $2 AND id > $3::bigint AND payload->>'exerciceId' = $4
       ORDER BY event_log.id`,
      [f.bailleurId, f.type, f.afterId, f.exerciceId],
    );
  }
  /**
   * How many `type` events of a bailleur's exercice lie in (`afterId`, `upTo`], by
   * `payload.transition.kind` (the engine transitions journaled between two versions of its state).
   */
  async countOfExerciceBetween(f: {
    bailleurId: string;
    exerciceId: string;
    type: string;
    afterId: string;
    upTo: string;
  }): Promise<Record<string, number>> {
    const rows = await managerOf(this.db).query<Array<{ kind: string | null; n: number }>>(
      `SELECT payload->'transition'->>'kind' AS kind, count(*)::int AS n FROM event_log
       WHERE bailleur_id = $1 AND type = $2 AND id > $3::bigint AND id <= $4::bigint AND payload->>'exerciceId' = $5
       GROUP BY 1`,
      [f.bailleurId, f.type, f.afterId, f.upTo, f.exerciceId],
    );
    return Object.fromEntries(rows.map((r) => [r.kind ?? '', r.n]));
  }
}

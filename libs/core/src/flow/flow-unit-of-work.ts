import { Injectable } from '@nestjs/common';
import { realise, type EngineState } from '@aiguillage/engine';
import { check, type LoggedEvent, type NewEvent } from '@aiguillage/persistence';
import { DataSource, type EntityManager } from 'typeorm';
import { EngineStateStore, type ExerciceKey, type LiveState } from './engine-state.store';
import { EventTail } from './event-tail';
import { EVENTS_CHANNEL, OUTBOX_CHANNEL, progressPousse, TRANSITION_EVENT, type EngineTransition, type FlowEventPayloads, type FlowEventType } from './flow.types';
import { applyTransition } from './transitions';
import type { JobName, JobPayloads } from '../jobs/job-names';

/** The key of EventLogRepository's append lock (it must stay equal to it: one order for every writer). */
export const EVENT_LOG_APPEND_LOCK = 7_242_001;


/**
 * Appends events to `event_log` in one statement with their NOTIFY (delivered at commit), under the
 * log's append lock (the key of EventLogRepository.append) taken in that same statement: every
 * inserted row joins the lock's row, so no id is drawn before it, and ids commit in the order they
 * are drawn. With `after` (CTEs writing domain rows, the last one named `source` returning at most
 * one row, and their parameters from $7), the domain rows and the events are one statement — atomic
 * without a transaction — and the events are written only when `source` returns its row, whose
 * columns come back on each row as `source`. Returns the events as logged, in order.
 */
export async function appendEvents<S = never>(
  manager: EntityManager,
  events: readonly NewEvent[],
  after?: { ctes: string; params: unknown[] },
): Promise<Array<LoggedEvent & { source?: S }>> {
  const rows: Array<{ id: string; createdAt: Date; source?: S }> = await manager.query(
    `WITH ${after ? `${after.ctes},` : ''}
     appending AS (SELECT pg_advisory_xact_lock($6::bigint) AS locked ${after ? 'FROM source' : ''}),
     ins AS (
       INSERT INTO event_log (type, bailleur_id, reservataire_ids, payload)
       SELECT u.type, u.bailleur_id, array(SELECT jsonb_array_elements_text(u.reservataire_ids)::uuid), u.payload
       FROM appending, unnest($1::varchar[], $2::uuid[], $3::jsonb[], $4::jsonb[]) WITH ORDINALITY AS u(type, bailleur_id, reservataire_ids, payload, n)
       ORDER BY u.n
       RETURNING id, created_at)
     SELECT ins.id::text AS id, ins.created_at AS "createdAt", pg_notify($5, (max(ins.id) OVER ())::text) AS notified
            ${after ? ', row_to_json(source) AS source' : ''}
     FROM ins ${after ? ', source' : ''} ORDER BY ins.id`,
    [
      events.map((e) => e.type),
      events.map((e) => e.bailleurId),
      events.map((e) => JSON.stringify(e.reservataireIds ?? [])),
      events.map((e) => JSON.stringify(e.payload ?? null)),
      EVENTS_CHANNEL,
      EVENT_LOG_APPEND_LOCK,
      ...(after?.params ?? []),
    ],
  );
  return rows.map((r, i) => ({
    id: r.id,
    type: events[i].type,
    bailleurId: events[i].bailleurId,
    reservataireIds: [...(events[i].reservataireIds ?? [])],
    payload: events[i].payload,
    createdAt: r.createdAt,
    ...(after ? { source: r.source } : {}),
  }));
}

/** A public event of the flow, for the bailleur's staff and the named réservataires. */
export function flowEvent<T extends FlowEventType>(type: T, bailleurId: string, payload: FlowEventPayloads[T], reservataireIds: readonly string[] = []): NewEvent {
  return { type, bailleurId, reservataireIds: [...new Set(reservataireIds)], payload };
}

/** What a live-flow transaction records; written in one go just before commit. */
export class FlowTransaction {
  private readonly transitions: EngineTransition[] = [];
  private readonly events: Array<NewEvent & { transition?: EngineTransition }> = [];
  private readonly jobs: Array<{ topic: JobName; payload: unknown; jobId: string }> = [];
  /** The state after this transaction's transitions (the live state is only moved after commit). */
  state: EngineState;

  constructor(
    readonly manager: EntityManager,
    readonly live: LiveState,
  ) {
    this.state = live.state;
  }

  /** Applies an engine transition to the working state and journals it. */
  transition(t: EngineTransition): void {
    this.state = applyTransition(this.state, t);
    this.transitions.push(t);
    this.events.push({ type: TRANSITION_EVENT, bailleurId: this.live.bailleurId, payload: { exerciceId: this.live.exerciceId, transition: t }, transition: t });
  }

  /** A public event, for the bailleur's staff and the named réservataires. */
  emit<T extends FlowEventType>(type: T, payload: FlowEventPayloads[T], reservataireIds: readonly string[] = []): void {
    this.events.push(flowEvent(type, this.live.bailleurId, payload, reservataireIds));
  }

  /** `convention.progress` for a convention, from the working state (bailleur + its réservataire). */
  emitProgress(conventionId: string): void {
    const progress = this.state.progress[conventionId];
    const convention = this.state.conventions.find((c) => c.id === conventionId);
    if (!progress || !convention) return;
    this.emit(
      'convention.progress',
      { conventionId, reservataireId: convention.reservataireId, exerciceId: this.live.exerciceId, realise: realise(progress, convention), objectif: progress.objectif, progress: progressPousse(progress) },
      [convention.reservataireId],
    );
  }

  /** A job written to the outbox with this transaction, relayed to the queue after commit. */
  job<N extends JobName>(topic: N, payload: JobPayloads[N] & { runAt?: string }, jobId: string): void {
    this.jobs.push({ topic, payload, jobId });
  }

  /**
   * Writes the outbox rows, then the journal and events, each in one statement with its NOTIFY
   * (delivered at commit). Returns the events as logged, and the journaled transitions with their ids.
   */
  async flush(): Promise<{ logged: LoggedEvent[]; transitions: Array<{ id: string; transition: EngineTransition }> }> {
    if (this.jobs.length > 0) {
      this.jobs.forEach((j, i) => check.text(j.jobId, `jobs[${i}].jobId`, 200));
      await this.manager.query(
        `WITH ins AS (
           INSERT INTO outbox (topic, payload, job_id) SELECT * FROM unnest($1::varchar[], $2::jsonb[], $3::varchar[])
           ON CONFLICT (job_id) DO NOTHING RETURNING id)
         SELECT pg_notify($4, '') FROM (SELECT 1 FROM ins LIMIT 1) AS relayed`,
        [this.jobs.map((j) => j.topic), this.jobs.map((j) => JSON.stringify(j.payload)), this.jobs.map((j) => j.jobId), OUTBOX_CHANNEL],
      );
    }
    if (this.events.length === 0) return { logged: [], transitions: [] };
    const logged = await appendEvents(this.manager, this.events);
    return {
      logged,
      transitions: logged.flatMap((e, i) => {
        const t = this.events[i].transition;
        return t ? [{ id: e.id, transition: t }] : [];
      }),
    };
  }
}

/**
 * Runs a live-flow change in one database transaction: the exercice's lock (total order of its
 * transitions), a fresh live state, the caller's work, then journal + events + outbox rows, all
 * committed together. Only after commit does the in-memory state move forward.
 */
@Injectable()
export class FlowUnitOfWork {
  /** Per exercice, the end of the last queued change (see `run`). */
  private readonly turns = new Map<string, Promise<void>>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly store: EngineStateStore,
    private readonly tail: EventTail,
  ) {}

  /** The exercice's live state as fed by the event tail (see `EngineStateStore.get`). */
  liveState(key: ExerciceKey): Promise<LiveState> {
    return this.store.get(key, undefined, false);
  }

  /**
   * Domain rows and their events in one statement, without a transaction, for a change that records
   * no transition (see `appendEvents` for `ctes`). Returns the `source` row, or null when it returned
   * none: then nothing was written.
   */
  async writeOnce<S>(events: readonly NewEvent[], ctes: string, params: unknown[]): Promise<S | null> {
    const logged = await appendEvents<S>(this.dataSource.manager, events, { ctes, params });
    if (logged.length === 0) return null;
    this.tail.offer(logged.map(({ source: _source, ...event }) => event));
    return logged[0].source!;
  }

  /** For reads outside a flow transaction. */
  get manager(): EntityManager {
    return this.dataSource.manager;
  }

  async run<T>(key: ExerciceKey, work: (tx: FlowTransaction) => Promise<T>): Promise<T> {
    const live = await this.store.get(key, undefined, false);
    // The changes of one exercice queue here, in memory, before taking a pooled connection: only
    // the one at the head holds a connection (and the advisory lock, for the other processes);
    // the others would otherwise sit on the pool waiting for the lock and starve every request.
    return this.inTurn(live.exerciceId, () => this.runLocked(live, work));
  }

  private async runLocked<T>(live: LiveState, work: (tx: FlowTransaction) => Promise<T>): Promise<T> {
    let written: Awaited<ReturnType<FlowTransaction['flush']>> = { logged: [], transitions: [] };
    const result = await this.dataSource.transaction(async (manager) => {
      await this.store.lock(manager, live);
      await this.store.catchUp(live, manager);
      const tx = new FlowTransaction(manager, live);
      const value = await work(tx);
      written = await tx.flush();
      return value;
    });
    for (const { id, transition } of written.transitions) this.store.apply(live, id, transition);
    this.tail.offer(written.logged); // push at once from this process (NOTIFY wakes the others)
    return result;
  }

  /** Runs `task` after every task queued before it for the same exercice (whatever their outcome). */
  private inTurn<T>(exerciceId: string, task: () => Promise<T>): Promise<T> {
    const turn = (this.turns.get(exerciceId) ?? Promise.resolve()).then(task);
    const done = turn.then(
      () => undefined,
      () => undefined,
    );
    this.turns.set(exerciceId, done);
    void done.then(() => {
      if (this.turns.get(exerciceId) === done) this.turns.delete(exerciceId);
    });
    return turn;
  }

  /**
   * Same transaction shape without the exercice lock, for what records no transition (ingestion
   * and its recommendation, rejections): the state is the tail-fed one, its version recorded.
   */
  async runUnlocked<T>(key: ExerciceKey, work: (tx: FlowTransaction) => Promise<T>): Promise<T> {
    const live = await this.store.get(key, undefined, false);
    let logged: LoggedEvent[] = [];
    const result = await this.dataSource.transaction(async (manager) => {
      const tx = new FlowTransaction(manager, live);
      const value = await work(tx);
      const written = await tx.flush();
      if (written.transitions.length > 0) throw new Error('runUnlocked : une transition exige le verrou de l’exercice (utiliser run)');
      logged = written.logged;
      return value;
    });
    this.tail.offer(logged);
    return result;
  }
}

import { Injectable } from '@nestjs/common';
import { ligneProgression, type EngineState } from '@aiguillage/engine';
import {
  commitClient,
  Params,
  rollbackClient,
  writeStatement,
  type LoggedEvent,
  type NewEvent,
  type OutboxRow,
} from '@aiguillage/persistence';
import type { PoolClient } from 'pg';
import { DataSource, type EntityManager } from 'typeorm';
import { EngineStateStore, type ExerciceKey, type LiveState } from './engine-state.store';
import { EventTail } from './event-tail';
import {
  progressPousse,
  TRANSITION_EVENT,
  type EngineTransition,
  type FlowEventPayloads,
  type FlowEventType,
} from './flow.types';
import { applyTransition } from './transitions';
import type { JobName, JobPayloads } from '../jobs/job-names';

export { Params, writeStatement };

/** A job for the outbox (relayed to the queue after commit; `jobId` makes it idempotent). */
export interface OutboxJob extends OutboxRow {
  topic: JobName;
  payload: unknown;
  jobId: string;
}

/** A public event of the flow, for the bailleur's staff and the named réservataires. */
export function flowEvent<T extends FlowEventType>(
  type: T,
  bailleurId: string,
  payload: FlowEventPayloads[T],
  reservataireIds: readonly string[] = [],
): NewEvent {
  return { type, bailleurId, reservataireIds: [...new Set(reservataireIds)], payload };
}

/** What a live-flow transaction records; written in one go just before commit. */
export class FlowTransaction {
  private readonly transitions: EngineTransition[] = [];
  private readonly events: Array<NewEvent & { transition?: EngineTransition }> = [];
  private readonly jobs: OutboxJob[] = [];
  private domain?: (p: Params) => string;
  /** The state after this transaction's transitions (the live state is only moved after commit). */
  state: EngineState;

  constructor(
    readonly manager: EntityManager,
    readonly live: LiveState,
    /** The rows of the caller's `preface` read (see `FlowUnitOfWork.run`). */
    readonly preface: ReadonlyArray<Record<string, unknown>> = [],
  ) {
    this.state = live.state;
  }

  /** Applies an engine transition to the working state and journals it. */
  transition(t: EngineTransition): void {
    this.state = applyTransition(this.state, t);
    this.transitions.push(t);
    this.events.push({
      type: TRANSITION_EVENT,
      bailleurId: this.live.bailleurId,
      payload: { exerciceId: this.live.exerciceId, transition: t },
      transition: t,
    });
  }

  /** A public event, for the bailleur's staff and the named réservataires. */
  emit<T extends FlowEventType>(type: T, payload: FlowEventPayloads[T], reservataireIds: readonly string[] = []): void {
    this.events.push(flowEvent(type, this.live.bailleurId, payload, reservataireIds));
  }

  /**
   * `convention.progress` for a convention, from the working state (bailleur + its réservataire): its
   * row of the progress page (`GET /api/exercices/:id/progression`) at `date`, the day of the change
   * (the libération's, as its transition).
   */
  emitProgress(conventionId: string, date: string): void {
    const row = ligneProgression(this.state, conventionId, date);
    const convention = this.state.conventions.find((c) => c.id === conventionId);
    if (!row || !convention) return;
    this.emit(
      'convention.progress',
      {
        ...row,
        reservataireId: convention.reservataireId,
        exerciceId: this.live.exerciceId,
        date,
        progress: progressPousse(row.progress),
      },
      [convention.reservataireId],
    );
  }

  /** A job written to the outbox with this transaction, relayed to the queue after commit. */
  job<N extends JobName>(topic: N, payload: JobPayloads[N] & { runAt?: string }, jobId: string): void {
    this.jobs.push({ topic, payload, jobId });
  }

  /**
   * Domain rows written at flush in the same statement as the journal, the events and the outbox
   * (CTEs, one named `source`, see `writeStatement`): one round trip for the whole change.
   */
  write(domain: (p: Params) => string): void {
    if (this.domain) throw new Error('FlowTransaction.write : une seule instruction par transaction');
    this.domain = domain;
  }

  /**
   * Writes the domain rows, the outbox rows, the journal and the events in one statement with their
   * NOTIFYs (delivered at commit). Returns the events as logged, and the journaled transitions with their ids.
   */
  async flush(): Promise<{ logged: LoggedEvent[]; transitions: Array<{ id: string; transition: EngineTransition }> }> {
    if (this.events.length === 0 && this.jobs.length === 0 && !this.domain) return { logged: [], transitions: [] };
    const { logged, source } = await writeStatement<Record<string, unknown>>(this.manager, {
      events: this.events,
      jobs: this.jobs,
      domain: this.domain,
    });
    if (this.domain && !source) throw new Error('FlowTransaction.flush : l’instruction du domaine n’a rien écrit');
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
 * transitions), a fresh live state, the caller's work, then domain rows + journal + events + outbox
 * rows, all committed together. Only after commit does the in-memory state move forward. An accept
 * is three round trips while it holds the lock: BEGIN + lock + catch-up + the libération's row
 * lock, the one write statement, COMMIT (during which the next change already waits for the lock).
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
   * no transition (see `writeStatement`). Returns the `source` row, or null when it returned none:
   * then nothing was written.
   */
  async writeOnce<S>(events: readonly NewEvent[], domain: (p: Params) => string): Promise<S | null> {
    const { logged, source } = await writeStatement<S>(this.dataSource.manager, { events, domain });
    if (source) this.tail.offer(logged);
    return source;
  }

  /**
   * `preface`: a read (checked values inlined: no parameters) run in the same round trip as BEGIN,
   * the exercice's lock and the catch-up, after them; its rows are `tx.preface`.
   */
  async run<T>(key: ExerciceKey, work: (tx: FlowTransaction) => Promise<T>, preface?: string): Promise<T> {
    const live = await this.store.get(key, undefined, false);
    // The changes of one exercice queue here, in memory, before taking a pooled connection: only
    // the one at the head holds a connection (and the advisory lock, for the other processes);
    // the others would otherwise sit on the pool waiting for the lock and starve every request.
    return this.inTurn(live.exerciceId, (next) => this.runLocked(live, work, next, preface));
  }

  /**
   * `next` lets the following change of the exercice start as soon as COMMIT is sent: its BEGIN +
   * lock waits in PostgreSQL for this commit, and its catch-up then reads this change's transitions,
   * so the COMMIT round trip is no longer spent with the exercice idle.
   */
  private async runLocked<T>(
    live: LiveState,
    work: (tx: FlowTransaction) => Promise<T>,
    next: () => void,
    preface?: string,
  ): Promise<T> {
    const runner = this.dataSource.createQueryRunner();
    const client = (await runner.connect()) as PoolClient;
    let result: T;
    let written: Awaited<ReturnType<FlowTransaction['flush']>>;
    try {
      const rows = await this.store.beginLocked(client, live, preface);
      const tx = new FlowTransaction(runner.manager, live, rows);
      result = await work(tx);
      written = await tx.flush();
      const committed = commitClient(client);
      next();
      await committed;
    } catch (error) {
      await rollbackClient(client).catch(() => undefined);
      throw error;
    } finally {
      await runner.release();
    }
    for (const { id, transition } of written.transitions) this.store.apply(live, id, transition);
    this.tail.offer(written.logged); // push at once from this process (NOTIFY wakes the others)
    return result;
  }

  /**
   * Runs `task` after every task queued before it for the same exercice has ended or called its
   * `next` (whatever their outcome).
   */
  private inTurn<T>(exerciceId: string, task: (next: () => void) => Promise<T>): Promise<T> {
    let next!: () => void;
    const handedOver = new Promise<void>((resolve) => (next = resolve));
    const turn = (this.turns.get(exerciceId) ?? Promise.resolve()).then(() => task(next));
    const done = Promise.race([
      handedOver,
      turn.then(
        () => undefined,
        () => undefined,
      ),
    ]);
    this.turns.set(exerciceId, done);
    void done.then(() => {
      if (this.turns.get(exerciceId) === done) this.turns.delete(exerciceId);
    });
    return turn;
  }

  /**
   * Same transaction shape without the exercice lock, for what records no transition (ingestion
   * and its recommendation, rejections): the state is the tail-fed one, its version recorded;
   * `exact`: caught up first with the journal, for work that compares versions with what is
   * committed (a recomputation against the transitions journaled since).
   */
  async runUnlocked<T>(key: ExerciceKey, work: (tx: FlowTransaction) => Promise<T>, exact = false): Promise<T> {
    const live = await this.store.get(key, undefined, exact);
    let logged: LoggedEvent[] = [];
    const result = await this.dataSource.transaction(async (manager) => {
      const tx = new FlowTransaction(manager, live);
      const value = await work(tx);
      const written = await tx.flush();
      if (written.transitions.length > 0)
        throw new Error('runUnlocked : une transition exige le verrou de l’exercice (utiliser run)');
      logged = written.logged;
      return value;
    });
    this.tail.offer(logged);
    return result;
  }
}

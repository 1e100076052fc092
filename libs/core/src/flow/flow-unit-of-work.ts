import { Injectable } from '@nestjs/common';
import { realise, type EngineState } from '@aiguillage/engine';
import { EventLogRepository, OutboxRepository, type NewEvent } from '@aiguillage/persistence';
import { DataSource, type EntityManager } from 'typeorm';
import { EngineStateStore, type ExerciceKey, type LiveState } from './engine-state.store';
import { EventTail } from './event-tail';
import { EVENTS_CHANNEL, OUTBOX_CHANNEL, progressPousse, TRANSITION_EVENT, type EngineTransition, type FlowEventPayloads, type FlowEventType } from './flow.types';
import { applyTransition } from './transitions';
import type { JobName, JobPayloads } from '../jobs/job-names';


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
    this.events.push({ type, bailleurId: this.live.bailleurId, reservataireIds: [...new Set(reservataireIds)], payload });
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

  /** Writes the journal, events and outbox rows, and schedules the NOTIFYs (sent at commit). */
  async flush(): Promise<Array<{ id: string; transition: EngineTransition }>> {
    for (const job of this.jobs) await new OutboxRepository(this.manager).enqueue(job);
    if (this.jobs.length > 0) await this.manager.query('SELECT pg_notify($1, $2)', [OUTBOX_CHANNEL, '']);
    if (this.events.length === 0) return [];
    const logged = await new EventLogRepository(this.manager).append(this.events.map(({ transition: _t, ...e }) => e));
    await this.manager.query('SELECT pg_notify($1, $2)', [EVENTS_CHANNEL, logged[logged.length - 1].id]);
    return logged.flatMap((e, i) => {
      const t = this.events[i].transition;
      return t ? [{ id: e.id, transition: t }] : [];
    });
  }
}

/**
 * Runs a live-flow change in one database transaction: the exercice's lock (total order of its
 * transitions), a fresh live state, the caller's work, then journal + events + outbox rows, all
 * committed together. Only after commit does the in-memory state move forward.
 */
@Injectable()
export class FlowUnitOfWork {
  constructor(
    private readonly dataSource: DataSource,
    private readonly store: EngineStateStore,
    private readonly tail: EventTail,
  ) {}

  /** For reads outside a flow transaction. */
  get manager(): EntityManager {
    return this.dataSource.manager;
  }

  async run<T>(key: ExerciceKey, work: (tx: FlowTransaction) => Promise<T>): Promise<T> {
    const live = await this.store.get(key, undefined, false);
    let applied: Array<{ id: string; transition: EngineTransition }> = [];
    const result = await this.dataSource.transaction(async (manager) => {
      await this.store.lock(manager, live);
      await this.store.catchUp(live, manager);
      const tx = new FlowTransaction(manager, live);
      const value = await work(tx);
      applied = await tx.flush();
      return value;
    });
    for (const { id, transition } of applied) this.store.apply(live, id, transition);
    void this.tail.drain(); // push at once from this process (NOTIFY wakes the others)
    return result;
  }

  /**
   * Same transaction shape without the exercice lock, for what records no transition (ingestion
   * and its recommendation, rejections): the state is the tail-fed one, its version recorded.
   */
  async runUnlocked<T>(key: ExerciceKey, work: (tx: FlowTransaction) => Promise<T>): Promise<T> {
    const live = await this.store.get(key, undefined, false);
    const result = await this.dataSource.transaction(async (manager) => {
      const tx = new FlowTransaction(manager, live);
      const value = await work(tx);
      if ((await tx.flush()).length > 0) throw new Error('runUnlocked : une transition exige le verrou de l’exercice (utiliser run)');
      return value;
    });
    void this.tail.drain();
    return result;
  }
}

import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { EventLogRepository, type LoggedEvent } from '@aiguillage/persistence';
import { DataSource } from 'typeorm';
import { FLOW_OPTIONS, type FlowOptions } from '../config/flow-options';
import { EVENTS_CHANNEL, FLOW_EVENT_TYPES } from './flow.types';
import { PgListener } from './pg-listener';

export type EventListener = (event: LoggedEvent) => void;

const BATCH = 1000;
/** How long a gap before our own events may take to fill itself before the log is read. */
const SETTLE_MS = 5;

function nextId(id: string): string {
  return (BigInt(id) + 1n).toString();
}

/**
 * Follows `event_log` in id order (ids commit in order: the log's append lock) and hands every
 * public event to the listeners, exactly once per process. Woken by NOTIFY at each commit, with a
 * slow poll as a safety net. `watermark` is the last id handed out: what a reconnecting client
 * must be replayed up to (everything after reaches it live).
 */
@Injectable()
export class EventTail implements OnApplicationShutdown {
  private readonly logger = new Logger(EventTail.name);
  private readonly listeners: EventListener[] = [];
  /** Listeners of every event, internal ones included (the engine state store). */
  private readonly internalListeners: EventListener[] = [];
  private last = '0';
  /** True once the watermark is set (the end of the log at start). */
  private ready = false;
  private started: Promise<void> | null = null;
  private running = false;
  private again = false;
  private timer: NodeJS.Timeout | null = null;
  /** Events committed by this process, waiting for an earlier id to be dispatched. */
  private readonly pending = new Map<string, LoggedEvent>();
  /** The highest id announced by NOTIFY. */
  private notified = '0';
  private settling: NodeJS.Timeout | null = null;

  constructor(
    private readonly dataSource: DataSource,
    private readonly listener: PgListener,
    @Inject(FLOW_OPTIONS) private readonly options: FlowOptions,
  ) {}

  /** Starts following (from the current end of the log) and registers a listener. */
  async subscribe(listener: EventListener): Promise<void> {
    this.listeners.push(listener);
    this.started ??= this.start();
    await this.started;
  }

  /** Like `subscribe`, for every event of the log including the internal engine transitions. */
  async subscribeAll(listener: EventListener): Promise<void> {
    this.internalListeners.push(listener);
    this.started ??= this.start();
    await this.started;
  }

  get watermark(): string {
    return this.last;
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
    if (this.settling) clearTimeout(this.settling);
    this.timer = null;
    this.settling = null;
  }

  /**
   * Events this process just committed. They are dispatched from memory as soon as every id before
   * them is (appends are serialised: an earlier id is committed or abandoned before a later one is
   * drawn). A gap — an event of another process, or one of ours whose commit is still being
   * reported — is left a moment to fill itself before the log is read.
   */
  offer(events: readonly LoggedEvent[]): void {
    if (!this.ready) return; // nobody follows the log in this process yet
    for (const event of events) if (BigInt(event.id) > BigInt(this.last)) this.pending.set(event.id, event);
    if (this.running) {
      this.again = true;
      return;
    }
    this.advance();
    if (this.pending.size > 0) this.settle();
  }

  /** Dispatches the pending events that directly follow the watermark. */
  private advance(): void {
    for (let next = nextId(this.last); this.pending.has(next); next = nextId(this.last)) {
      const event = this.pending.get(next)!;
      this.pending.delete(next);
      this.dispatch(event);
    }
  }

  /** Reads the log shortly, unless the gap (or the notified commit) is filled from memory by then. */
  private settle(): void {
    this.settling ??= setTimeout(() => {
      this.settling = null;
      if (this.pending.size > 0 || BigInt(this.notified) > BigInt(this.last)) void this.drain();
    }, SETTLE_MS);
  }

  /** Reads and dispatches everything committed after the watermark (coalesces concurrent wake-ups). */
  async drain(): Promise<void> {
    if (!this.ready) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = true;
    try {
      do {
        this.again = false;
        let full: boolean;
        do {
          // Our own events already in memory are not read again. Only those offered before the
          // query are merged: everything before them is committed, hence in its result.
          const known = [...this.pending.keys()];
          const batch = await new EventLogRepository(this.dataSource).tail(this.last, BATCH, known);
          full = batch.length === BATCH;
          const upTo = full ? BigInt(batch[batch.length - 1].id) : null;
          const mine = known.flatMap((id) => {
            const event = this.pending.get(id);
            return event && (upTo === null || BigInt(id) < upTo) ? [event] : [];
          });
          const merged = [...batch, ...mine].sort((a, b) => (BigInt(a.id) < BigInt(b.id) ? -1 : 1));
          for (const event of merged) {
            this.pending.delete(event.id);
            if (BigInt(event.id) > BigInt(this.last)) this.dispatch(event);
          }
        } while (full);
        this.advance();
      } while (this.again);
    } catch (error) {
      this.logger.warn(`Lecture du journal d'événements en échec : ${(error as Error).message}`);
    } finally {
      this.running = false;
    }
    if (this.pending.size > 0) this.settle();
  }

  private dispatch(event: LoggedEvent): void {
    this.last = event.id;
    const publics = (FLOW_EVENT_TYPES as readonly string[]).includes(event.type) ? this.listeners : [];
    for (const l of [...this.internalListeners, ...publics]) {
      try {
        l(event);
      } catch (error) {
        this.logger.error(`Diffusion de l'événement ${event.id} en échec : ${(error as Error).message}`);
      }
    }
  }

  private async start(): Promise<void> {
    this.last = await new EventLogRepository(this.dataSource).lastId();
    this.ready = true;
    // The payload is the last id committed: nothing to read when this process already has it.
    await this.listener.listen(EVENTS_CHANNEL, (lastId) => {
      if (!/^\d+$/.test(lastId)) return void this.drain(); // reconnected: anything may have been missed
      if (BigInt(lastId) <= BigInt(this.notified)) return;
      this.notified = lastId;
      // A commit of this process is usually offered at the same moment: read the log only if not.
      if (BigInt(lastId) > BigInt(this.last)) this.settle();
    });
    this.timer = setInterval(() => void this.drain(), this.options.pollMs);
    this.timer.unref();
  }
}

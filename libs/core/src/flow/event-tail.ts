import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import type { LoggedEvent } from '@aiguillage/persistence';
import { DataSource } from 'typeorm';
import { FLOW_OPTIONS, type FlowOptions } from './flow-options';
import { EVENTS_CHANNEL, FLOW_EVENT_TYPES } from './flow.types';
import { PgListener } from './pg-listener';

export type EventListener = (event: LoggedEvent) => void;

const BATCH = 1000;

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
    this.timer = null;
  }

  /**
   * Events this process just committed. When they directly follow the watermark (no one else's
   * event in between — appends are serialised, so everything before them is settled), they are
   * dispatched from memory at once; otherwise the log is read.
   */
  offer(events: readonly LoggedEvent[]): void {
    if (events.length === 0) return;
    const contiguous = events.every((e, i) => BigInt(e.id) === BigInt(this.last) + BigInt(i + 1));
    if (!this.ready) return; // nobody follows the log in this process yet
    if (this.running || !contiguous) {
      void this.drain();
      return;
    }
    for (const event of events) this.dispatch(event);
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
        let batch: LoggedEvent[];
        do {
          batch = await this.dataSource.query(
            `SELECT id::text, type, bailleur_id AS "bailleurId", reservataire_ids AS "reservataireIds", payload, created_at AS "createdAt"
             FROM event_log WHERE id > $1::bigint ORDER BY event_log.id LIMIT $2`,
            [this.last, BATCH],
          );
          for (const event of batch) this.dispatch(event);
        } while (batch.length === BATCH);
      } while (this.again);
    } catch (error) {
      this.logger.warn(`Lecture du journal d'événements en échec : ${(error as Error).message}`);
    } finally {
      this.running = false;
    }
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
    const [{ max }] = await this.dataSource.query(`SELECT coalesce(max(id), 0)::text AS max FROM event_log`);
    this.last = max;
    this.ready = true;
    // The payload is the last id committed: nothing to read when this process already has it.
    await this.listener.listen(EVENTS_CHANNEL, (lastId) => {
      if (!/^\d+$/.test(lastId) || BigInt(lastId) > BigInt(this.last)) void this.drain();
    });
    this.timer = setInterval(() => void this.drain(), this.options.pollMs);
    this.timer.unref();
  }
}

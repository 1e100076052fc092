import { Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { JobRegistry } from './job-registry';
import type { JobName, JobOptions, JobPayloads } from './job-names';
import { assertJobId, JobRunner } from './job-runner';

/** How many finished job ids are remembered for idempotency (like BullMQ's removeOnComplete window). */
const REMEMBERED_IDS = 10_000;
/** The longest wait `setTimeout` honours. */
const MAX_TIMEOUT_MS = 2 ** 31 - 1;

/**
 * Runs jobs in this process, asynchronously (never inside the caller's transaction), with the same
 * idempotency as BullMQ: a job id already pending or recently done is ignored.
 */
@Injectable()
export class InlineJobRunner extends JobRunner implements OnApplicationShutdown {
  readonly kind = 'inline' as const;
  private readonly logger = new Logger(InlineJobRunner.name);
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly running = new Set<Promise<void>>();
  private readonly seen = new Set<string>();
  private closed = false;
  private sequence = 0;

  constructor(private readonly registry: JobRegistry) {
    super();
  }

  async add<N extends JobName>(name: N, payload: JobPayloads[N], options: JobOptions = {}): Promise<void> {
    assertJobId(options.jobId);
    if (this.closed) throw new Error('File de tâches arrêtée');
    const id = options.jobId ?? `inline-${++this.sequence}`;
    if (this.seen.has(id)) return;
    this.remember(id);
    this.schedule(id, Date.now() + (options.delay ?? 0), () => {
      this.timers.delete(id);
      const run = this.run(name, payload, id);
      this.running.add(run);
      void run.finally(() => this.running.delete(run));
    });
  }

  /** `setTimeout` fires at once past ~24.8 days (a délai of 30 days is longer): long waits go in steps. */
  private schedule(id: string, at: number, fire: () => void): void {
    const wait = Math.max(0, at - Date.now());
    const timer = setTimeout(
      () => (wait > MAX_TIMEOUT_MS ? this.schedule(id, at, fire) : fire()),
      Math.min(wait, MAX_TIMEOUT_MS),
    );
    this.timers.set(id, timer);
  }

  async ping(): Promise<boolean> {
    return !this.closed;
  }

  /** Waits until no job is pending or running (tests, shutdown). */
  async drain(): Promise<void> {
    while (this.timers.size > 0 || this.running.size > 0) {
      await Promise.all([...this.running]);
      await new Promise((resolve) => setImmediate(resolve));
    }
  }

  async onApplicationShutdown(): Promise<void> {
    this.closed = true;
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
    await Promise.all([...this.running]);
  }

  private async run(name: JobName, payload: unknown, id: string): Promise<void> {
    try {
      await this.registry.handle(name, payload as JobPayloads[JobName]);
    } catch (error) {
      this.logger.error(`Tâche « ${name} » (${id}) en échec : ${(error as Error).message}`, (error as Error).stack);
    }
  }

  private remember(id: string): void {
    this.seen.add(id);
    if (this.seen.size > REMEMBERED_IDS) this.seen.delete(this.seen.values().next().value as string);
  }
}

import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { OutboxRepository, PropositionRepository } from '@aiguillage/persistence';
import { DataSource } from 'typeorm';
import type { JobName, JobPayloads } from '../jobs/job-names';
import { JobRunner } from '../jobs/job-runner';
import { FLOW_OPTIONS, type FlowOptions } from '../config/flow-options';
import { OUTBOX_CHANNEL } from './flow.types';
import { CoalescingDrain } from './coalescing-drain';
import { PgListener } from './pg-listener';

const RELAY_GATHER_MS = 50;

/**
 * Moves the outbox rows (written with the business change) to the job queue. Rows are claimed with
 * `FOR UPDATE SKIP LOCKED` and marked relayed in the same transaction as the enqueue: if the queue
 * is down nothing is marked and the next pass retries; if the mark is lost after an enqueue, the
 * retry reuses the row's job id and the queue ignores the duplicate (handlers are idempotent too).
 * Delayed jobs carry `runAt`; the delay is computed at relay time.
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(OutboxRelay.name);
  private readonly drain = new CoalescingDrain(
    () => this.relayBatch(),
    (error) => this.logger.warn(`Relais de l'outbox interrompu (nouvel essai au prochain passage) : ${error.message}`),
  );
  private timer: NodeJS.Timeout | null = null;
  private soon: NodeJS.Timeout | null = null;

  constructor(
    private readonly dataSource: DataSource,
    private readonly jobs: JobRunner,
    private readonly listener: PgListener,
    @Inject(FLOW_OPTIONS) private readonly options: FlowOptions,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    // Délai jobs are due in days: gather the rows of a burst of decisions into one relay pass.
    await this.listener.listen(OUTBOX_CHANNEL, () => {
      this.soon ??= setTimeout(() => {
        this.soon = null;
        void this.relay();
      }, RELAY_GATHER_MS);
    });
    this.timer = setInterval(() => void this.relay(), this.options.pollMs);
    this.timer.unref();
    void this.relay();
    if (this.jobs.kind === 'inline') await this.rescheduleDelais();
  }

  /**
   * The in-process runner keeps delayed jobs in memory only: after a restart, the délais still
   * running are scheduled again (the handlers ignore a proposition that is no longer waiting).
   */
  private async rescheduleDelais(): Promise<void> {
    const rows = await new PropositionRepository(this.dataSource).enAttenteAvecDelai();
    for (const p of rows) {
      const expireAt = new Date(p.delaiExpireAt).getTime();
      const warnAt = expireAt - this.options.avertissementJours * this.options.dureeJourMs;
      if (warnAt > Date.now())
        await this.jobs.add(
          'flow.delai-avertissement',
          { propositionId: p.id },
          { jobId: `delai-avertissement-${p.id}`, delay: warnAt - Date.now() },
        );
      await this.jobs.add(
        'flow.delai-expiration',
        { propositionId: p.id },
        { jobId: `delai-expiration-${p.id}`, delay: Math.max(0, expireAt - Date.now()) },
      );
    }
    if (rows.length > 0) this.logger.log(`${rows.length} délai(s) en cours replanifié(s) dans ce processus`);
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    if (this.soon) clearTimeout(this.soon);
    await this.drain.stop();
  }

  /** Relays every pending row; returns how many were relayed (coalesces concurrent calls). */
  relay(): Promise<number> {
    return this.drain.run();
  }

  private relayBatch(): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const outbox = new OutboxRepository(manager);
      const messages = await outbox.claimPending(100);
      for (const m of messages) {
        const payload = m.payload as JobPayloads[JobName] & { runAt?: string };
        const delay = payload.runAt ? Math.max(0, new Date(payload.runAt).getTime() - Date.now()) : undefined;
        await this.jobs.add(m.topic as JobName, payload, { jobId: m.jobId, delay });
      }
      await outbox.markRelayed(messages.map((m) => m.id));
      return messages.length;
    });
  }
}

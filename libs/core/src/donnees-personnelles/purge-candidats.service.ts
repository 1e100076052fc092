import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { CandidatRepository, OutboxRepository } from '@aiguillage/persistence';
import { DataSource } from 'typeorm';
import { AppConfig } from '../platform/config/app-config';
import { OUTBOX_CHANNEL } from '../platform/live/flow.types';
import { JobHandler } from '../platform/jobs/job-registry';
import type { JobPayloads } from '../platform/jobs/job-names';

/** How often a process checks whether today's purge is planned (it is planned once a day). */
const TICK_MS = 60 * 60 * 1000;

/**
 * Personal data retention (issue #10): once a day, the candidates of propositions closed for more
 * than RETENTION_CANDIDATS_JOURS days (default 365) lose their SNE number and household size.
 * Planned like the Slack digest: every process checks at boot and then every hour, and writes the
 * job to the outbox under the id `purge-candidats-<UTC day>`, so it runs once a day whatever the
 * number of processes or restarts (and running it again changes nothing). `planifier(now)` and
 * `purger(now)` take the clock as an argument (tests).
 */
@Injectable()
export class PurgeCandidatsService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(PurgeCandidatsService.name);
  private timer?: NodeJS.Timeout;

  constructor(private readonly moduleRef: ModuleRef) {}

  onApplicationBootstrap(): void {
    try {
      this.moduleRef.get(DataSource, { strict: false });
      this.moduleRef.get(AppConfig, { strict: false });
    } catch {
      return; // a context without a database (job registry tests): nothing to purge
    }
    this.timer = setInterval(() => void this.tick(), TICK_MS);
    this.timer.unref();
    void this.tick();
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
  }

  private async tick(): Promise<void> {
    try {
      await this.planifier(new Date());
    } catch (error) {
      this.logger.warn(`Planification de la purge des candidats interrompue : ${(error as Error).message}`);
    }
  }

  /** Plans the day's purge (UTC day of `maintenant`); true if planned now, false if it already was. */
  async planifier(maintenant: Date): Promise<boolean> {
    const db = this.moduleRef.get(DataSource, { strict: false });
    const jour = maintenant.toISOString().slice(0, 10);
    return new OutboxRepository(db).enqueueAndNotify(
      { topic: 'donnees.purge-candidats', payload: { date: jour }, jobId: `purge-candidats-${jour}` },
      OUTBOX_CHANNEL,
    );
  }

  /** Erases the personal data past the retention period as of `maintenant`; returns how many candidates. */
  async purger(maintenant: Date): Promise<number> {
    const jours = this.moduleRef.get(AppConfig, { strict: false }).get('retentionCandidatsJours');
    const n = await new CandidatRepository(this.moduleRef.get(DataSource, { strict: false })).purger(maintenant, jours);
    if (n > 0)
      this.logger.log(
        `Données personnelles effacées pour ${n} candidat(s) (propositions closes depuis plus de ${jours} jours)`,
      );
    return n;
  }

  @JobHandler('donnees.purge-candidats')
  async onPurge(_payload: JobPayloads['donnees.purge-candidats']): Promise<number> {
    return this.purger(new Date());
  }
}

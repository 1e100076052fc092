import { Injectable, Logger } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { OverrideRequestRepository, type Db } from '@aiguillage/persistence';
import { DataSource } from 'typeorm';
import { AppConfig } from '../platform/config/app-config';
import { JobHandler } from '../platform/jobs/job-registry';
import type { JobPayloads } from '../platform/jobs/job-names';
import { mettreEnFile, reveillerCanaux } from '../slack/slack-file';

/**
 * `notification.derogation`: queues a pending override's approval request for Slack (relayed from
 * the outbox written with the request; the job id makes it once per request). It goes in the thread
 * of the flat's suggestion when one was posted, else to SLACK_CANAL_APPROBATIONS; the `slack.canal`
 * job sends it (retries, Retry-After, pacing, stored ts). The Slack projection queues the same
 * message (same key) from `override.requested`: whichever comes first, it is queued once. Without
 * Slack, or without a channel for it, logs once and does nothing (the API and the websocket remain
 * the way to approve). Resolves its dependencies lazily, like FlowJobsProcessor.
 */
@Injectable()
export class DerogationNotificationProcessor {
  private readonly logger = new Logger(DerogationNotificationProcessor.name);
  private nonConfigureSignale = false;
  /** Requests queued by this process (observable in tests). */
  posted = 0;

  constructor(private readonly moduleRef: ModuleRef) {}

  @JobHandler('notification.derogation')
  async onDerogation(payload: JobPayloads['notification.derogation']): Promise<boolean> {
    const config = this.moduleRef.get(AppConfig, { strict: false });
    if (!config.get('slack')) return this.nonConfigure();
    const dataSource = this.moduleRef.get(DataSource, { strict: false });
    const canal = await canalDerogation(dataSource, payload.overrideRequestId, config.get('slackCanalApprobations'));
    if (!canal) return this.nonConfigure();
    const queued = await mettreEnFile(dataSource, {
      cle: `derogation-${payload.overrideRequestId}`,
      canal: canal.canal,
      kind: 'DEROGATION',
      bailleurId: canal.bailleurId,
      liberationId: canal.liberationId,
      ref: { overrideRequestId: payload.overrideRequestId },
    });
    if (queued) await reveillerCanaux(dataSource, [canal.canal], `derogation-${payload.overrideRequestId}`);
    if (queued) this.posted++;
    return queued;
  }

  private nonConfigure(): false {
    if (!this.nonConfigureSignale) {
      this.nonConfigureSignale = true;
      this.logger.log(
        'Demandes de dérogation non publiées dans Slack (SLACK_BOT_TOKEN, SLACK_SIGNING_SECRET et un canal : celui du bailleur ou SLACK_CANAL_APPROBATIONS) : approbation par l’API ou le websocket',
      );
    }
    return false;
  }
}

/** Where an override's approval request goes: the suggestion's channel (its thread), else the approvals channel. */
export async function canalDerogation(
  db: Db,
  overrideRequestId: string,
  canalApprobations: string | null,
): Promise<{ canal: string; bailleurId: string; liberationId: string } | null> {
  const r = await new OverrideRequestRepository(db).suggestionChannelOf(overrideRequestId);
  if (!r) return null;
  const canal = r.canal ?? canalApprobations;
  return canal ? { canal, bailleurId: r.bailleurId, liberationId: r.liberationId } : null;
}

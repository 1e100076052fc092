import { Injectable, Logger } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import type { webApi } from '@slack/bolt';
import { randomBytes } from 'crypto';
import { hostname } from 'os';
import { SlackLivraisonRepository, SlackMessageRepository } from '@aiguillage/persistence';
import { DataSource } from 'typeorm';
import { AppConfig } from '../platform/config/app-config';
import { JobHandler } from '../platform/jobs/job-registry';
import type { JobPayloads } from '../platform/jobs/job-names';
import { envoyerMessage, type LigneMessage } from './slack-envoi';
import { echecSlack, slackClient } from './slack-web';

/** A sender holds its channel this long without news (renewed at each message). */
const BAIL_MS = 60_000;
/** Transient failures of one message retried in a job before the job fails (the runner retries it). */
const ESSAIS_PASSAGERS = 4;
const attendre = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * `slack.canal`: sends a channel's queued messages (`slack_message`), oldest first, one sender per
 * channel across processes (a lease on `slack_livraison`). Each message is sent once: its ts and
 * `sent_at` are stored right after Slack answers, and a message is never taken again once sent.
 * After a timeout or a 5xx, the channel's history is searched (the key is in the message's metadata)
 * before posting again: a post Slack carried out anyway is not repeated. A 429 pauses the channel for its Retry-After and the same message goes again (order kept); a 5xx,
 * a timeout or a network error is retried with backoff, then the job fails and the message stays
 * queued (nothing lost: the next wake or the sweep resumes it); an `ok: false` answer that no retry
 * can fix (channel_not_found…) is recorded on the message, which is then skipped. Consecutive
 * messages of a channel are at least SLACK_INTERVALLE_CANAL_MS apart (Slack allows about one
 * message per second per channel).
 */
@Injectable()
export class SlackLivraisonProcessor {
  private readonly logger = new Logger(SlackLivraisonProcessor.name);
  private readonly owner = `${hostname()}-${process.pid}-${randomBytes(3).toString('hex')}`;
  private client: webApi.WebClient | null = null;
  /** Messages sent by this process (observable in tests and the bench). */
  envoyes = 0;

  constructor(private readonly moduleRef: ModuleRef) {}

  /** The drain running in this process per channel: wakes of one channel run one after the other. */
  private readonly actifs = new Map<string, Promise<number>>();

  @JobHandler('slack.canal')
  onCanal({ canal }: JobPayloads['slack.canal']): Promise<number> {
    const run = (this.actifs.get(canal) ?? Promise.resolve(0)).catch(() => 0).then(() => this.viderCanal(canal));
    this.actifs.set(canal, run);
    void run.catch(() => 0).finally(() => this.actifs.get(canal) === run && this.actifs.delete(canal));
    return run;
  }

  private async viderCanal(canal: string): Promise<number> {
    const config = this.moduleRef.get(AppConfig, { strict: false });
    const slack = config.get('slack');
    if (!slack) return 0;
    const db = this.moduleRef.get(DataSource, { strict: false });
    const messages = new SlackMessageRepository(db);
    const livraison = new SlackLivraisonRepository(db);
    this.client ??= await slackClient(slack.botToken, config.get('slackApiUrl'), config.get('slackDelaiAppelMs'));
    const intervalle = config.get('slackIntervalleCanalMs');
    let envoyes = 0;
    // Drain, release, and look again: a message queued while we released is not left behind.
    // Takes the channel's lease (false: another sender has it and will see our messages).
    while (await livraison.take(canal, this.owner, BAIL_MS)) {
      try {
        envoyes += await this.vider(db, messages, livraison, canal, intervalle);
      } finally {
        await livraison.release(canal, this.owner);
      }
      if (!(await messages.hasPending(canal))) break;
    }
    return envoyes;
  }

  private async vider(
    db: DataSource,
    messages: SlackMessageRepository,
    livraison: SlackLivraisonRepository,
    canal: string,
    intervalle: number,
  ): Promise<number> {
    let envoyes = 0;
    let passagers = 0;
    for (;;) {
      const m = (await messages.nextToSend(canal)) as LigneMessage | null;
      if (!m) return envoyes;
      const attente = await livraison.renew(canal, this.owner, BAIL_MS);
      if (attente > 0) await attendre(attente);
      try {
        const ts = await envoyerMessage(db, this.client!, m);
        await messages.markSent(m.id, ts);
        await livraison.pace(canal, intervalle);
        if (ts) envoyes++;
        if (ts) this.envoyes++;
        passagers = 0;
      } catch (error) {
        const echec = echecSlack(error);
        const abandon = echec.kind === 'DEFINITIF';
        await messages.markFailed(m.id, echec.message, abandon);
        if (echec.kind === 'LIMITE') {
          this.logger.warn(`Slack limite le canal ${canal} : nouvel essai dans ${echec.retryAfterMs} ms`);
          await livraison.pace(canal, echec.retryAfterMs);
        } else if (abandon) {
          this.logger.error(`Message Slack ${m.cle} abandonné (${echec.message}) : le canal ${canal} continue`);
        } else if (++passagers > ESSAIS_PASSAGERS) {
          throw new Error(
            `Slack indisponible pour le canal ${canal} (${echec.message}) : le message ${m.cle} reste en file`,
            { cause: error },
          );
        } else {
          await attendre(Math.min(250 * 2 ** passagers, 8000));
        }
      }
    }
  }
}

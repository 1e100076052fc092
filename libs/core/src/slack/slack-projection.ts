import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { SlackMessageRepository, SlackProjectionRepository, type SlackProjectedEvent } from '@aiguillage/persistence';
import { DataSource } from 'typeorm';
import { AppConfig } from '../platform/config/app-config';
import { EVENTS_CHANNEL } from '../platform/live/flow.types';
import { PgListener } from '../platform/live/pg-listener';
import { CoalescingDrain } from '../platform/live/coalescing-drain';
import { rafraichirAccueils, reveillerCanaux } from './slack-file';
import { SlackDigestService } from './slack-digest.service';

const CURSEUR = 'slack';
const LOT = 500;
const TYPES = [
  'recommendation.created',
  'orientation.decided',
  'override.requested',
  'override.approved',
  'override.rejected',
];
/** The sweep and the digest's clock tick this often (ms). */
const TICK_MS = 2000;

type Evenement = SlackProjectedEvent<PayloadEvenement>;

/** The fields of an event's payload the projection reads. */
interface PayloadEvenement {
  liberationId?: string;
  logement?: { id: string };
  recommendationId?: string;
  overrideRequestId?: string;
  status?: string;
  actorId?: string;
  comment?: string | null;
}

/**
 * Turns the event log into Slack messages: each event since the cursor becomes its queued message
 * (a suggestion per recommendation, an update of it per decision or override step, the approval
 * request and its outcome in its thread), and the channels touched are woken through the outbox —
 * all in one transaction with the cursor, so an event is projected once, even with several
 * processes (the cursor row is locked) or after a crash. The linked staff's App Homes are refreshed
 * too (only the latest refresh of a user is sent). Woken by the events' NOTIFY; a tick also
 * sweeps the channels left with queued messages (a failed send) and plans the daily digests.
 * Runs where jobs run; nothing without Slack.
 */
@Injectable()
export class SlackProjection implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(SlackProjection.name);
  private timer: NodeJS.Timeout | null = null;
  private readonly drain = new CoalescingDrain(
    () => this.lot(),
    (error) => this.logger.warn(`Projection Slack interrompue (reprise au prochain passage) : ${error.message}`),
  );

  constructor(private readonly moduleRef: ModuleRef) {}

  async onApplicationBootstrap(): Promise<void> {
    let listener: PgListener;
    try {
      if (!this.moduleRef.get(AppConfig, { strict: false }).get('slack')) return;
      listener = this.moduleRef.get(PgListener, { strict: false });
    } catch {
      return; // a context without configuration or without the live flow (no events to follow)
    }
    await listener.listen(EVENTS_CHANNEL, () => void this.projeter());
    this.timer = setInterval(() => void this.tick(), TICK_MS);
    this.timer.unref();
    void this.projeter();
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.drain.stop();
  }

  private async tick(): Promise<void> {
    await this.projeter();
    try {
      await this.balayer();
      await this.moduleRef.get(SlackDigestService, { strict: false }).planifier(new Date());
    } catch (error) {
      this.logger.warn(`Balayage Slack interrompu : ${(error as Error).message}`);
    }
  }

  /** Projects every event since the cursor; returns how many were read (coalesces concurrent calls). */
  projeter(): Promise<number> {
    return this.drain.run();
  }

  /** Wakes the channels left with queued messages and no sender (after a failed send, a restart). */
  async balayer(): Promise<void> {
    const db = this.moduleRef.get(DataSource, { strict: false });
    const canaux = await new SlackMessageRepository(db).channelsToSweep();
    if (canaux.length > 0) await reveillerCanaux(db, canaux, `balayage-${Math.floor(Date.now() / 10_000)}`);
  }

  private lot(): Promise<number> {
    const db = this.moduleRef.get(DataSource, { strict: false });
    const approbations = this.moduleRef.get(AppConfig, { strict: false }).get('slackCanalApprobations');
    return db.transaction(async (manager) => {
      const projection = new SlackProjectionRepository(manager);
      const last = await projection.lockCursor(CURSEUR);
      const events = await projection.eventsAfter<PayloadEvenement>(last, LOT, TYPES);
      if (events.length === 0) return 0;
      const canaux = new Set<string>();
      const dernier = events[events.length - 1].id;
      // Consecutive recommendations are queued in one statement (a burst of libérations); every
      // other event on its own, in the log's order.
      let suggestions: Evenement[] = [];
      const vider = async () => {
        for (const c of await projeterSuggestions(projection, suggestions)) canaux.add(c);
        suggestions = [];
      };
      for (const e of events.filter((x) => x.payload)) {
        if (e.type === 'recommendation.created') {
          suggestions.push(e);
          continue;
        }
        await vider();
        for (const c of await projeterEvenement(projection, e, approbations)) canaux.add(c);
      }
      await vider();
      // The App Homes of the bailleurs touched: one refresh each, with the state after this pass.
      for (const bailleurId of new Set(events.filter((x) => x.payload).map((x) => x.bailleurId))) {
        for (const c of await rafraichirAccueils(manager, bailleurId, `e${dernier}`)) canaux.add(c);
      }
      await reveillerCanaux(manager, canaux, `e${dernier}`);
      await projection.moveCursor(CURSEUR, dernier);
      return events.length;
    });
  }
}

/**
 * The suggestions of recommendations, in the log's order, each to its bailleur's most specific
 * channel (the flat's commune, then its EPCI, then the whole bailleur); returns their channels.
 */
function projeterSuggestions(db: SlackProjectionRepository, events: readonly Evenement[]): Promise<string[]> {
  return db.queueSuggestions(
    events.map((e) => ({
      bailleurId: e.bailleurId,
      liberationId: e.payload!.liberationId!,
      logementId: e.payload!.logement!.id,
      recommendationId: e.payload!.recommendationId!,
    })),
  );
}

/** The messages one event (other than a recommendation) queues; returns their channels. */
async function projeterEvenement(
  db: SlackProjectionRepository,
  e: Evenement,
  approbations: string | null,
): Promise<string[]> {
  const p = e.payload!;
  const miseAJour = () => db.queueDecisionUpdate(`maj-${e.id}`, p.liberationId, e.id);
  switch (e.type) {
    case 'orientation.decided':
      return miseAJour();
    case 'override.requested': {
      const demande = await db.queueDerogation({
        cle: `derogation-${p.overrideRequestId}`,
        bailleurId: e.bailleurId,
        liberationId: p.liberationId,
        overrideRequestId: p.overrideRequestId,
        approbations,
      });
      return [...(await miseAJour()), ...demande];
    }
    case 'override.approved':
    case 'override.rejected': {
      const issue = await db.queueDerogationIssue({
        cle: `issue-${p.overrideRequestId}`,
        demandeCle: `derogation-${p.overrideRequestId}`,
        overrideRequestId: p.overrideRequestId,
        status: p.status,
        actorId: p.actorId,
        comment: p.comment,
      });
      return [...issue, ...(e.type === 'override.rejected' ? await miseAJour() : [])];
    }
    default:
      return [];
  }
}

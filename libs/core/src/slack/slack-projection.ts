import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { DataSource, type EntityManager } from 'typeorm';
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

interface Evenement {
  id: string;
  type: string;
  bailleurId: string;
  payload: PayloadEvenement | null;
}

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
    const rows: Array<{ canal: string }> = await db.query(
      `SELECT DISTINCT m.canal FROM slack_message m LEFT JOIN slack_livraison l ON l.canal = m.canal
       WHERE m.sent_at IS NULL AND m.created_at < now() - interval '2 seconds' AND (l.lease_until IS NULL OR l.lease_until < now())`,
    );
    if (rows.length > 0)
      await reveillerCanaux(
        db,
        rows.map((r) => r.canal),
        `balayage-${Math.floor(Date.now() / 10_000)}`,
      );
  }

  private lot(): Promise<number> {
    const db = this.moduleRef.get(DataSource, { strict: false });
    const approbations = this.moduleRef.get(AppConfig, { strict: false }).get('slackCanalApprobations');
    return db.transaction(async (manager) => {
      await manager.query(
        `INSERT INTO slack_curseur (nom, last_event_id) SELECT $1, coalesce(max(id), 0) FROM event_log ON CONFLICT (nom) DO NOTHING`,
        [CURSEUR],
      );
      const [{ last }] = await manager.query<Array<{ last: string }>>(
        `SELECT last_event_id::text AS last FROM slack_curseur WHERE nom = $1 FOR UPDATE`,
        [CURSEUR],
      );
      const events = await manager.query<Evenement[]>(
        `SELECT id::text AS id, type, bailleur_id AS "bailleurId", CASE WHEN type = ANY($3::varchar[]) THEN payload END AS payload
         FROM event_log e WHERE e.id > $1 ORDER BY e.id LIMIT $2`,
        [last, LOT, TYPES],
      );
      if (events.length === 0) return 0;
      const canaux = new Set<string>();
      const dernier = events[events.length - 1].id;
      // Consecutive recommendations are queued in one statement (a burst of libérations); every
      // other event on its own, in the log's order.
      let suggestions: Evenement[] = [];
      const vider = async () => {
        for (const c of await projeterSuggestions(manager, suggestions)) canaux.add(c);
        suggestions = [];
      };
      for (const e of events.filter((x) => x.payload)) {
        if (e.type === 'recommendation.created') {
          suggestions.push(e);
          continue;
        }
        await vider();
        for (const c of await projeterEvenement(manager, e, approbations)) canaux.add(c);
      }
      await vider();
      // The App Homes of the bailleurs touched: one refresh each, with the state after this pass.
      for (const bailleurId of new Set(events.filter((x) => x.payload).map((x) => x.bailleurId))) {
        for (const c of await rafraichirAccueils(manager, bailleurId, `e${dernier}`)) canaux.add(c);
      }
      await reveillerCanaux(manager, canaux, `e${dernier}`);
      await manager.query(`UPDATE slack_curseur SET last_event_id = $2 WHERE nom = $1`, [CURSEUR, dernier]);
      return events.length;
    });
  }
}

/**
 * The suggestions of recommendations, in the log's order, each to its bailleur's most specific
 * channel (the flat's commune, then its EPCI, then the whole bailleur); returns their channels.
 */
async function projeterSuggestions(db: EntityManager, events: readonly Evenement[]): Promise<string[]> {
  if (events.length === 0) return [];
  const rows: Array<{ canal: string }> = await db.query(
    `INSERT INTO slack_message (cle, canal, kind, bailleur_id, liberation_id, ref)
     SELECT 'suggestion-' || u.liberation_id, c.canal, 'SUGGESTION', u.bailleur_id, u.liberation_id, jsonb_build_object('recommendationId', u.recommendation_id)
     FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::uuid[]) WITH ORDINALITY AS u(bailleur_id, liberation_id, logement_id, recommendation_id, n)
     JOIN logement lg ON lg.id = u.logement_id
     CROSS JOIN LATERAL (
       SELECT sc.canal FROM slack_canal sc
       WHERE sc.bailleur_id = u.bailleur_id AND sc.territoire IN ('', lg.commune, coalesce(lg.epci, ''))
       ORDER BY CASE sc.territoire WHEN lg.commune THEN 0 WHEN '' THEN 2 ELSE 1 END LIMIT 1) c
     ORDER BY u.n
     ON CONFLICT (cle) DO NOTHING RETURNING canal`,
    [
      events.map((e) => e.bailleurId),
      events.map((e) => e.payload!.liberationId),
      events.map((e) => e.payload!.logement!.id),
      events.map((e) => e.payload!.recommendationId),
    ],
  );
  return rows.map((r) => r.canal);
}

/** The messages one event (other than a recommendation) queues; returns their channels. */
async function projeterEvenement(db: EntityManager, e: Evenement, approbations: string | null): Promise<string[]> {
  const p = e.payload!;
  const inserer = async (sql: string, params: unknown[]): Promise<string[]> =>
    (await db.query<Array<{ canal: string }>>(sql, params)).map((r) => r.canal);
  const miseAJour = () =>
    inserer(
      `INSERT INTO slack_message (cle, canal, kind, bailleur_id, liberation_id, ref)
       SELECT $1, s.canal, 'DECISION', s.bailleur_id, s.liberation_id, jsonb_build_object('eventId', $3::text)
       FROM slack_message s WHERE s.kind = 'SUGGESTION' AND s.liberation_id = $2
       ON CONFLICT (cle) DO NOTHING RETURNING canal`,
      [`maj-${e.id}`, p.liberationId, e.id],
    );
  switch (e.type) {
    case 'orientation.decided':
      return miseAJour();
    case 'override.requested': {
      const demande = await inserer(
        `INSERT INTO slack_message (cle, canal, kind, bailleur_id, liberation_id, ref)
         SELECT $1, c.canal, 'DEROGATION', $2, $3, jsonb_build_object('overrideRequestId', $4::text)
         FROM (SELECT coalesce((SELECT canal FROM slack_message WHERE kind = 'SUGGESTION' AND liberation_id = $3), $5::varchar) AS canal) c
         WHERE c.canal IS NOT NULL
         ON CONFLICT (cle) DO NOTHING RETURNING canal`,
        [`derogation-${p.overrideRequestId}`, e.bailleurId, p.liberationId, p.overrideRequestId, approbations],
      );
      return [...(await miseAJour()), ...demande];
    }
    case 'override.approved':
    case 'override.rejected': {
      const issue = await inserer(
        `INSERT INTO slack_message (cle, canal, kind, bailleur_id, liberation_id, ref)
         SELECT $1, d.canal, 'DEROGATION_ISSUE', d.bailleur_id, d.liberation_id,
                jsonb_build_object('overrideRequestId', $3::text, 'status', $4::text, 'par', coalesce(u.nom, 'un responsable'),
                                   'depuis', CASE WHEN $6::text = 'Depuis Slack' THEN 'depuis Slack' ELSE 'depuis l''application' END)
         FROM slack_message d LEFT JOIN app_user u ON u.id = $5::uuid WHERE d.cle = $2
         ON CONFLICT (cle) DO NOTHING RETURNING canal`,
        [
          `issue-${p.overrideRequestId}`,
          `derogation-${p.overrideRequestId}`,
          p.overrideRequestId,
          p.status,
          p.actorId,
          p.comment,
        ],
      );
      return [...issue, ...(e.type === 'override.rejected' ? await miseAJour() : [])];
    }
    default:
      return [];
  }
}

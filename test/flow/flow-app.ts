import type { INestApplication } from '@nestjs/common';
import { InlineJobRunner, JobRunner } from '@aiguillage/core';
import { logementsLiberables, type DemoDepartement } from '@aiguillage/demo';
import { emptyProgress, type ConventionProgress, type Destination, type OptionOrientation } from '@aiguillage/engine';
import request from 'supertest';
import {
  auth,
  bootApp,
  LiveClient,
  waitUntil,
  type Account,
  type IsolatedDatabase,
  type TestApp,
} from '../helpers/app';

/**
 * What the live-flow suites share: an API (jobs in-process) on a seeded isolated database, a chargé,
 * two managers of the first bailleur, and helpers to declare libérations and read the convention
 * progress. Registers its beforeAll/afterAll; the fields are set once beforeAll has run.
 */
export class LiveFlowSuite {
  t!: TestApp;
  db!: IsolatedDatabase;
  app!: INestApplication;
  url!: string;
  demo!: DemoDepartement;
  bailleurId!: string;
  charge!: Account;
  manager!: Account;
  manager2!: Account;
  private readonly clients: LiveClient[] = [];
  private dayCounter = 0;
  flatCursor = 0;

  constructor() {
    beforeAll(async () => {
      this.t = await bootApp();
      ({ app: this.app, url: this.url, database: this.db, demo: this.demo } = this.t);
      this.bailleurId = this.demo.bailleurs[0].id;
      this.charge = await this.t.account('CHARGE', [this.bailleurId]);
      this.manager = await this.t.account('MANAGER', [this.bailleurId]);
      this.manager2 = await this.t.account('MANAGER', [this.bailleurId]);
    });
    afterAll(async () => {
      this.clients.forEach((c) => c.close());
      await this.t?.close();
    });
  }

  http = () => request(this.url);
  auth = auth;

  /** A connected live client of `a` (closed after the suite). */
  client = async (a: Account, lastEventId?: string) => {
    const c = new LiveClient(this.url, a.token, lastEventId);
    this.clients.push(c);
    await c.connected();
    return c;
  };

  /** A fresh libération date in 2026 (so flat × day never repeats). */
  nextDate = () => new Date(Date.UTC(2026, 5, 1) + this.dayCounter++ * 86_400_000).toISOString().slice(0, 10);
  flats = () => logementsLiberables(this.demo, this.bailleurId);
  conventionOf = (id: string) => this.demo.conventions.find((c) => c.id === id)!;
  /** An eligible option to a DIRECTE convention: a proposition that waits for the réservataire's candidates. */
  isDirecte = (o: OptionOrientation) =>
    o.eligible &&
    o.destination.kind === 'CONVENTION' &&
    this.conventionOf(o.destination.conventionId).delegation.mode === 'DIRECTE';

  declare = (logementId = this.flats()[this.flatCursor++].id, date = this.nextDate(), key?: string) =>
    this.http()
      .post('/api/liberations')
      .set(this.auth(this.charge))
      .set(key ? { 'Idempotency-Key': key } : {})
      .send({ logementId, date, motif: 'CONGE' });

  /** `POST /api/orientations` as `a` (the chargé by default): to `decision.destination`, or as recommended. */
  orient = (
    liberationId: string,
    decision: { destination?: Destination; motif?: string; commentaire?: string } = {},
    a: Account = this.charge,
  ) =>
    this.http()
      .post('/api/orientations')
      .set(this.auth(a))
      .send({ liberationId, ...decision });

  /** Declares flats until the recommendation is a convention matching `wanted`. */
  declareUntil = async (wanted: (d: Destination, body: any) => boolean) => {
    for (let i = 0; i < 40; i++) {
      const res = await this.declare();
      if (res.status !== 201) throw new Error(`déclaration refusée ${res.status} ${JSON.stringify(res.body)}`);
      const reco = res.body.recommendation.recommandee as Destination | null;
      if (reco && wanted(reco, res.body)) return res.body;
    }
    throw new Error('aucune libération ne donne la recommandation voulue');
  };

  /**
   * Orients `n` flats as recommended: the préfet's floor (a share of the flats oriented so far) is
   * then met, so a suite that overrides toward other conventions starts from a flow already running.
   */
  orientAsRecommended = async (n: number) => {
    for (let i = 0; i < n; i++) {
      const body = await this.declareUntil((d) => d.kind === 'CONVENTION');
      await this.orient(body.liberation.id).expect(201);
    }
  };

  /** Waits until every earlier DIRECTE délai has run out (they move the same conventions in the background). */
  settled = () =>
    waitUntil('every running délai over', async () => {
      const [{ n }] = await this.db.dataSource.query(
        `SELECT count(*)::int AS n FROM proposition WHERE status = 'EN_ATTENTE' AND delai_expire_at IS NOT NULL`,
      );
      return n === 0;
    });

  /** Waits until the délai expiry job of a proposition has left the outbox and the in-process runner has run it. */
  delaiJobRun = async (propositionId: string) => {
    const relayed = async () =>
      (
        await this.db.dataSource.query(
          `SELECT count(*)::int AS n FROM outbox WHERE job_id = $1 AND relayed_at IS NOT NULL`,
          [`delai-expiration-${propositionId}`],
        )
      )[0].n === 1;
    await waitUntil(`délai de ${propositionId} relayé`, relayed);
    const jobs = this.app.get(JobRunner);
    if (!(jobs instanceof InlineJobRunner)) throw new Error('tâches attendues en mémoire');
    await jobs.drain();
  };

  /** The last progress pushed for a convention (zeros before any). */
  progressOf = async (conventionId: string): Promise<ConventionProgress> => {
    const rows = await this.db.dataSource.query(
      `SELECT payload FROM event_log WHERE type = 'convention.progress' AND payload->>'conventionId' = $1 ORDER BY id DESC LIMIT 1`,
      [conventionId],
    );
    return rows[0]?.payload.progress ?? emptyProgress(conventionId, 0);
  };
}

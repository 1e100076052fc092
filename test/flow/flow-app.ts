import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { getSharedConfigToken } from '@nestjs/bullmq';
import { AuthService, InlineJobRunner, JobRunner, loadConfig, UsersService, type UserRole } from '@aiguillage/core';
import { redisConnection } from '@aiguillage/core/platform/jobs/bullmq-job-runner';
import { generateDepartement, logementsLiberables, type DemoDepartement } from '@aiguillage/demo';
import type { Destination } from '@aiguillage/engine';
import { EventLogRepository, insertDemo, ReservataireRepository, UserRepository } from '@aiguillage/persistence';
import { randomBytes } from 'crypto';
import { mkdtempSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { io, type Socket } from 'socket.io-client';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { ApiModule } from '../../apps/api/src/api.module';
import { setupApp } from '../../apps/api/src/setup-app';
import { WorkerModule } from '../../apps/worker/src/worker.module';
import { openIsolatedDatabase, type IsolatedDatabase } from '../helpers/db';

export const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
export const JWT_SECRET = 'flow-tests-secret-0123456789-abcdefghijklmnop';

/** A BullMQ key prefix of this run only: parallel runs never share a queue. */
export function runPrefix(): string {
  return `aiguillage-test-${process.pid}-${randomBytes(3).toString('hex')}`;
}

function config(databaseUrl: string, redis: boolean, env: Record<string, string> = {}) {
  return loadConfig({
    NODE_ENV: 'test',
    DATABASE_URL: databaseUrl,
    ...(redis ? { REDIS_URL } : {}),
    JWT_SECRET,
    DEMO_ENABLED: 'false',
    LOG_LEVEL: 'silent',
    DATA_DIR: mkdtempSync(join(tmpdir(), 'aiguillage-flow-')),
    ...env,
  });
}

/**
 * The API on a random port, on the given database; with `prefix`, jobs go through the real Redis
 * under that BullMQ prefix (processed here when `processJobs`), otherwise in-process.
 */
export async function startApi(
  databaseUrl: string,
  opts: { prefix?: string; processJobs?: boolean; env?: Record<string, string> } = {},
): Promise<{ app: INestApplication; url: string }> {
  const cfg = config(databaseUrl, Boolean(opts.prefix), opts.env);
  let builder = Test.createTestingModule({
    imports: [ApiModule.forRoot({ config: cfg, databaseUrl, processJobs: opts.processJobs ?? !opts.prefix })],
  });
  if (opts.prefix)
    builder = builder
      .overrideProvider(getSharedConfigToken())
      .useValue({ connection: redisConnection(REDIS_URL), prefix: opts.prefix });
  const moduleRef = await builder.compile();
  const app = moduleRef.createNestApplication({ logger: false });
  setupApp(app);
  await app.listen(0, '127.0.0.1');
  const port = (app.getHttpServer().address() as { port: number }).port;
  return { app, url: `http://127.0.0.1:${port}` };
}

/** A worker process's module (BullMQ consumer + relay) on the same database and Redis prefix. */
export async function startWorker(databaseUrl: string, prefix: string): Promise<INestApplication> {
  const cfg = config(databaseUrl, true);
  const moduleRef = await Test.createTestingModule({ imports: [WorkerModule.forRoot({ config: cfg, databaseUrl })] })
    .overrideProvider(getSharedConfigToken())
    .useValue({ connection: redisConnection(REDIS_URL), prefix })
    .compile();
  const app = moduleRef.createNestApplication({ logger: false });
  await app.init();
  return app;
}

/** Polls `check` until it holds (fails after `ms`). */
export async function waitUntil(what: string, check: () => boolean | Promise<boolean>, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`Attendu en ${ms} ms : ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** A small generated département (5 bailleurs, ~1 200 flats, 22 conventions, exercices 2026). */
export async function seedDemo(dataSource: DataSource): Promise<DemoDepartement> {
  const demo = generateDepartement({ seed: 7, scale: 0.02 });
  await insertDemo(dataSource, demo);
  return demo;
}

export interface Account {
  userId: string;
  token: string;
}

export async function account(
  app: INestApplication,
  role: UserRole,
  bailleurIds: string[],
  reservataireId: string | null = null,
): Promise<Account> {
  const email = `${role.toLowerCase()}-${randomBytes(4).toString('hex')}@flow.test`;
  const password = 'mot-de-passe-de-test';
  const user = await app
    .get(UsersService)
    .createAccount(
      { email, nom: `${role} ${email}`, password, role, bailleurIds, ...(reservataireId ? { reservataireId } : {}) },
      app.get(UserRepository),
      app.get(ReservataireRepository),
    );
  const login = await app.get(AuthService).login(email, password);
  return { userId: user.id, token: login.accessToken };
}

/**
 * Appends one marker event through the live pipeline (event_log + NOTIFY, as any commit), routed to
 * the bailleur's room and to the given réservataires' rooms; returns the marker. The tail delivers in
 * id order: once a socket has the marker, it has everything logged before it that was routed to it.
 */
export async function appendMarker(
  dataSource: DataSource,
  bailleurId: string,
  reservataireIds: string[] = [],
): Promise<string> {
  const marker = `barriere-${randomBytes(4).toString('hex')}`;
  await dataSource.transaction(async (manager) => {
    const [logged] = await new EventLogRepository(manager).append([
      {
        type: 'designation.updated',
        bailleurId,
        reservataireIds,
        payload: { propositionId: marker, conventionId: 'c', logementId: 'l', status: 'EN_ATTENTE', etape: 'barriere' },
      },
    ]);
    await manager.query(`SELECT pg_notify('aiguillage_events', $1)`, [logged.id]);
  });
  return marker;
}

export type LiveEvent = { type: string; eventId?: string; [k: string]: unknown };

/** A socket.io client that records every event it receives. */
export class LiveClient {
  readonly events: LiveEvent[] = [];
  readonly socket: Socket;

  constructor(url: string, token: string, lastEventId?: string) {
    this.socket = io(url, {
      path: '/socket.io',
      transports: ['websocket'],
      auth: { token, ...(lastEventId ? { lastEventId } : {}) },
      reconnection: false,
      forceNew: true,
    });
    this.socket.onAny((type: string, payload: Record<string, unknown>) => this.events.push({ ...payload, type }));
  }

  connected(): Promise<void> {
    return new Promise((resolve, reject) => {
      const check = () => (this.events.some((e) => e.type === 'connecte') ? resolve() : undefined);
      this.socket.on('connecte', () => resolve());
      this.socket.on('connect_error', reject);
      check();
    });
  }

  of(type: string) {
    return this.events.filter((e) => e.type === type);
  }

  /** Waits until `predicate` holds on the received events (polls; fails after `ms`). */
  async waitFor<T>(what: string, predicate: () => T | undefined | false, ms = 5000): Promise<T> {
    const deadline = Date.now() + ms;
    for (;;) {
      const value = predicate();
      if (value) return value;
      if (Date.now() > deadline)
        throw new Error(`Attendu en ${ms} ms : ${what} (reçus : ${this.events.map((e) => e.type).join(', ')})`);
      await new Promise((r) => setTimeout(r, 10));
    }
  }

  /** Waits for the marker event `marker` (see `appendMarker`); returns every event received before it. */
  async before(marker: string, ms = 5000): Promise<LiveEvent[]> {
    const at = await this.waitFor(
      `barrière ${marker}`,
      () => {
        const i = this.events.findIndex((e) => e.type === 'designation.updated' && e.propositionId === marker);
        return i >= 0 ? { i } : undefined;
      },
      ms,
    );
    return this.events.slice(0, at.i);
  }

  /** A barrier: a marker sent through the pipeline to this socket's rooms; the events received before it. */
  async barrier(dataSource: DataSource, bailleurId: string, reservataireIds: string[] = []): Promise<LiveEvent[]> {
    return this.before(await appendMarker(dataSource, bailleurId, reservataireIds));
  }

  close(): void {
    this.socket.close();
  }
}

export interface Progress {
  propositions: number;
  attributions: number;
  baux: number;
  enAttente: number;
  retours: number;
  refus?: number;
  attributionsPrioritaires: number;
}

/**
 * What the live-flow suites share: an API (jobs in-process) on a seeded isolated database, a chargé,
 * two managers of the first bailleur, and helpers to declare libérations and read the convention
 * progress. Registers its beforeAll/afterAll; the fields are set once beforeAll has run.
 */
export class LiveFlowSuite {
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
      this.db = await openIsolatedDatabase();
      this.demo = await seedDemo(this.db.dataSource);
      this.bailleurId = this.demo.bailleurs[0].id;
      ({ app: this.app, url: this.url } = await startApi(this.db.url));
      this.charge = await account(this.app, 'CHARGE', [this.bailleurId]);
      this.manager = await account(this.app, 'MANAGER', [this.bailleurId]);
      this.manager2 = await account(this.app, 'MANAGER', [this.bailleurId]);
    });
    afterAll(async () => {
      this.clients.forEach((c) => c.close());
      await this.app?.close();
      await this.db?.drop();
    });
  }

  http = () => request(this.url);
  auth = (a: Account) => ({ Authorization: `Bearer ${a.token}` });

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

  declare = (logementId = this.flats()[this.flatCursor++].id, date = this.nextDate(), key?: string) =>
    this.http()
      .post('/api/liberations')
      .set(this.auth(this.charge))
      .set(key ? { 'Idempotency-Key': key } : {})
      .send({ logementId, date, motif: 'CONGE' });

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
      await this.http()
        .post('/api/orientations')
        .set(this.auth(this.charge))
        .send({ liberationId: body.liberation.id })
        .expect(201);
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
  progressOf = async (conventionId: string): Promise<Progress> => {
    const rows = await this.db.dataSource.query(
      `SELECT payload FROM event_log WHERE type = 'convention.progress' AND payload->>'conventionId' = $1 ORDER BY id DESC LIMIT 1`,
      [conventionId],
    );
    return (
      rows[0]?.payload.progress ?? {
        propositions: 0,
        attributions: 0,
        baux: 0,
        enAttente: 0,
        retours: 0,
        refus: 0,
        attributionsPrioritaires: 0,
      }
    );
  };
}

/**
 * The one test harness of the app-level suites (API, flow, Slack, security, console, e2e): one way
 * to boot (`bootApp`), one seed (`seedDemo`, or the demo bootstrap of `npm start` when the suite
 * wants the demo logins), one login (`account`), waiting by condition (`waitUntil`, `LiveClient`).
 */
import type { INestApplication } from '@nestjs/common';
import { getSharedConfigToken } from '@nestjs/bullmq';
import { Test } from '@nestjs/testing';
import { DemoBootstrapService, loadConfig, type AppConfig, type DemoLogin, type UserRole } from '@aiguillage/core';
import { redisConnection } from '@aiguillage/core/platform/jobs/bullmq-job-runner';
import type { DemoDepartement } from '@aiguillage/demo';
import { randomBytes } from 'crypto';
import { mkdtempSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { ApiModule } from '../../apps/api/src/api.module';
import { setupApp } from '../../apps/api/src/setup-app';
import { WorkerModule } from '../../apps/worker/src/worker.module';
import { openIsolatedDatabase, type IsolatedDatabase } from './db';
import { account, demoDepartement, seedDemo, DEFAULT_SEED, type Account, type SeedOptions } from './seed';
import { startSlackHarness, type SlackHarness, type SlackOptions } from './slack';

export { openIsolatedDatabase, type IsolatedDatabase } from './db';
export { account, auth, seedDemo, type Account, type SeedOptions } from './seed';
export { appendMarker, LiveClient, waitUntil, type LiveEvent } from './live';
export type { SlackHarness } from './slack';

export const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
export const JWT_SECRET = 'secret-de-test-assez-long-pour-hs256-0123456789';

/** A BullMQ key prefix of this run only: parallel runs never share a queue. */
export function runPrefix(): string {
  return `aiguillage-test-${process.pid}-${randomBytes(3).toString('hex')}`;
}

/** Where jobs run: in this process (default), or through the real Redis under a BullMQ prefix of the run. */
export type JobsOption = 'inline' | { prefix: string; process?: boolean };

export interface BootOptions {
  /** Configuration variables on top of the test ones (CORS_ORIGINS, FLOW_DUREE_JOUR_MS, SLACK_*...). */
  env?: Record<string, string>;
  jobs?: JobsOption;
  /**
   * The generated département written before boot (default `{}`: seed 7, scale 0.02); with `logins`,
   * loaded by the demo bootstrap of `npm start` instead, which also creates one account per role.
   * `false`: an empty database.
   */
  seed?: false | (SeedOptions & { logins?: boolean });
  /** A database the caller owns and seeded (restart, relay): the app boots on it, seeds nothing, and `close()` leaves it. Default: a fresh isolated one. */
  databaseUrl?: string;
  /** The Slack bot against a fake Slack Web API. */
  slack?: boolean | SlackOptions;
}

export interface TestApp {
  app: INestApplication;
  /** http://127.0.0.1:<port> of the listening API. */
  url: string;
  /** supertest on the API (`t.http.get(...)`). */
  http: ReturnType<typeof request>;
  /** A connection to the app's database, to check what was (not) written. */
  db: DataSource;
  databaseUrl: string;
  config: AppConfig;
  /** The seeded département (throws with `seed: false` or DEMO_ENABLED=false). */
  readonly demo: DemoDepartement;
  /** The database created for this app (throws when booted on `databaseUrl`). */
  readonly database: IsolatedDatabase;
  /** The demo bootstrap's accounts, one per role (`seed.logins` only). */
  logins: Record<DemoLogin['role'], DemoLogin>;
  slack: SlackHarness | null;
  /** A new account of `role` on these bailleurs (and réservataire), logged in. */
  account(role: UserRole, bailleurIds: string[], reservataireId?: string | null, nom?: string): Promise<Account>;
  /** The token of the demo bootstrap's account of `role` (`seed.logins` only), through POST /api/auth/login. */
  token(role: DemoLogin['role']): Promise<string>;
  close(): Promise<void>;
}

/**
 * The validated configuration of a test process. `FLOW_*` variables set on `process.env` by a suite
 * before it boots are passed on (they belong to the validated configuration like the others).
 */
export function testConfig(databaseUrl: string, env: Record<string, string> = {}, redis = false): AppConfig {
  const flow = Object.fromEntries(Object.entries(process.env).filter(([k]) => k.startsWith('FLOW_'))) as Record<
    string,
    string
  >;
  return loadConfig({
    NODE_ENV: 'test',
    DATABASE_URL: databaseUrl,
    ...(redis ? { REDIS_URL } : {}),
    JWT_SECRET,
    DEMO_ENABLED: 'false',
    LOG_LEVEL: 'silent',
    DATA_DIR: mkdtempSync(join(tmpdir(), 'aiguillage-test-')),
    ...flow,
    ...env,
  });
}

/** The API module listening on a random port of 127.0.0.1. */
async function listenApi(config: AppConfig, databaseUrl: string, jobs: JobsOption): Promise<INestApplication> {
  const prefix = jobs === 'inline' ? null : jobs.prefix;
  const processJobs = jobs === 'inline' ? true : (jobs.process ?? false);
  let builder = Test.createTestingModule({ imports: [ApiModule.forRoot({ config, databaseUrl, processJobs })] });
  if (prefix)
    builder = builder
      .overrideProvider(getSharedConfigToken())
      .useValue({ connection: redisConnection(REDIS_URL), prefix });
  const app = (await builder.compile()).createNestApplication({ logger: false });
  setupApp(app);
  await app.listen(0, '127.0.0.1');
  return app;
}

/** Boots the API (and the Slack bot) on a seeded database; `close()` stops all and drops what it created. */
export async function bootApp(opts: BootOptions = {}): Promise<TestApp> {
  const jobs = opts.jobs ?? 'inline';
  const seed = opts.seed === false ? null : { ...DEFAULT_SEED, ...(opts.seed ?? {}) };
  const slack = opts.slack ? await startSlackHarness(opts.slack === true ? {} : opts.slack) : null;
  const owned = opts.databaseUrl ? null : await openIsolatedDatabase();
  const databaseUrl = opts.databaseUrl ?? owned!.url;
  const demo = seed && !seed.logins && owned ? await seedDemo(owned.dataSource, seed) : null;
  const bootstrap: Record<string, string> = seed?.logins
    ? { DEMO_ENABLED: 'true', DEMO_SEED: String(seed.seed), DEMO_SCALE: String(seed.scale) }
    : {};
  const config = testConfig(databaseUrl, { ...bootstrap, ...(slack?.env ?? {}), ...opts.env }, jobs !== 'inline');
  const app = await listenApi(config, databaseUrl, jobs);
  const loaded = seed?.logins ? await app.get(DemoBootstrapService).loadOnce() : null;
  const logins = Object.fromEntries((loaded?.logins ?? []).map((l) => [l.role, l])) as TestApp['logins'];
  if (slack) await slack.startBot(app, config);
  const url = `http://127.0.0.1:${(app.getHttpServer().address() as { port: number }).port}`;
  const db = owned?.dataSource ?? app.get(DataSource)!;
  const tokens = new Map<string, string>();
  let seeded = demo;
  return {
    app,
    url,
    http: request(url),
    db,
    databaseUrl,
    config,
    get demo() {
      seeded ??= loaded?.loaded ? demoDepartement(seed!) : null;
      if (!seeded) throw new Error('aucun département semé (seed: false)');
      return seeded;
    },
    get database() {
      if (!owned) throw new Error('base fournie par la suite (databaseUrl) : pas de base propre');
      return owned;
    },
    logins,
    slack,
    account: (role, bailleurIds, reservataireId = null, nom) => account(app, role, bailleurIds, reservataireId, nom),
    async token(role) {
      if (!tokens.has(role)) {
        const { email, password } = logins[role] ?? {};
        const response = await request(url).post('/api/auth/login').send({ email, password });
        if (response.status !== 200)
          throw new Error(`connexion ${role} : ${response.status} ${JSON.stringify(response.body)}`);
        tokens.set(role, response.body.accessToken);
      }
      return tokens.get(role)!;
    },
    async close() {
      await slack?.stopBot();
      await app.close();
      await owned?.drop();
      await slack?.stopFake();
    },
  };
}

/** A worker process's module (BullMQ consumer + relay) on the same database and Redis prefix. */
export async function bootWorker(
  databaseUrl: string,
  prefix: string,
  env: Record<string, string> = {},
): Promise<INestApplication> {
  const config = testConfig(databaseUrl, env, true);
  const moduleRef = await Test.createTestingModule({ imports: [WorkerModule.forRoot({ config, databaseUrl })] })
    .overrideProvider(getSharedConfigToken())
    .useValue({ connection: redisConnection(REDIS_URL), prefix })
    .compile();
  const app = moduleRef.createNestApplication({ logger: false });
  await app.init();
  return app;
}

import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { getSharedConfigToken } from '@nestjs/bullmq';
import { AuthService, loadConfig, UsersService, type UserRole } from '@aiguillage/core';
import { redisConnection } from '@aiguillage/core/platform/jobs/bullmq-job-runner';
import { generateDepartement, type DemoDepartement } from '@aiguillage/demo';
import { insertDemo, ReservataireRepository, UserRepository } from '@aiguillage/persistence';
import { randomBytes } from 'crypto';
import { mkdtempSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { io, type Socket } from 'socket.io-client';
import { DataSource } from 'typeorm';
import { ApiModule } from '../../apps/api/src/api.module';
import { setupApp } from '../../apps/api/src/setup-app';
import { WorkerModule } from '../../apps/worker/src/worker.module';

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
  let builder = Test.createTestingModule({ imports: [ApiModule.forRoot({ config: cfg, databaseUrl, processJobs: opts.processJobs ?? !opts.prefix })] });
  if (opts.prefix) builder = builder.overrideProvider(getSharedConfigToken()).useValue({ connection: redisConnection(REDIS_URL), prefix: opts.prefix });
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

export async function account(app: INestApplication, role: UserRole, bailleurIds: string[], reservataireId: string | null = null): Promise<Account> {
  const email = `${role.toLowerCase()}-${randomBytes(4).toString('hex')}@flow.test`;
  const password = 'mot-de-passe-de-test';
  const user = await app.get(UsersService).createAccount(
    { email, nom: `${role} ${email}`, password, role, bailleurIds, ...(reservataireId ? { reservataireId } : {}) },
    app.get(UserRepository),
    app.get(ReservataireRepository),
  );
  const login = await app.get(AuthService).login(email, password);
  return { userId: user.id, token: login.accessToken };
}

/** A socket.io client that records every event it receives. */
export class LiveClient {
  readonly events: Array<{ type: string; eventId?: string; [k: string]: unknown }> = [];
  readonly socket: Socket;

  constructor(url: string, token: string, lastEventId?: string) {
    this.socket = io(url, { path: '/socket.io', transports: ['websocket'], auth: { token, ...(lastEventId ? { lastEventId } : {}) }, reconnection: false, forceNew: true });
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
      if (Date.now() > deadline) throw new Error(`Attendu en ${ms} ms : ${what} (reçus : ${this.events.map((e) => e.type).join(', ')})`);
      await new Promise((r) => setTimeout(r, 10));
    }
  }

  close(): void {
    this.socket.close();
  }
}

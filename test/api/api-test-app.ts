import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { mkdtempSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import request from 'supertest';
import type { DataSource } from 'typeorm';
import { DemoBootstrapService, InlineJobRunner, JobRunner, loadConfig, type DemoLogin } from '@aiguillage/core';
import { ApiModule } from '../../apps/api/src/api.module';
import { setupApp } from '../../apps/api/src/setup-app';
import { openTestDataSource, testDatabaseUrl, truncateAll } from '../helpers/db';

export interface TestApi {
  app: INestApplication;
  http: ReturnType<typeof request>;
  /** A direct connection to the test database, to check what was (not) written. */
  db: DataSource;
  logins: Record<DemoLogin['role'], DemoLogin>;
  token(role: DemoLogin['role']): Promise<string>;
  close(): Promise<void>;
}

/**
 * The real API module on this run's test database, emptied then loaded with a small demo département
 * (through the same `DemoBootstrapService` as `npm start`), with one account per role.
 */
export async function createTestApi(env: Record<string, string> = {}): Promise<TestApi> {
  const db = await openTestDataSource();
  await truncateAll(db);
  const config = loadConfig({
    NODE_ENV: 'test',
    DATABASE_URL: testDatabaseUrl(),
    DATA_DIR: mkdtempSync(join(tmpdir(), 'aiguillage-api-')),
    JWT_SECRET: 'secret-de-test-assez-long-pour-hs256-0123456789',
    LOG_LEVEL: 'silent',
    DEMO_SEED: '11',
    DEMO_SCALE: '0.03',
    ...env,
  });
  const moduleRef = await Test.createTestingModule({
    imports: [ApiModule.forRoot({ config, databaseUrl: config.get('databaseUrl')!, processJobs: true })],
  }).compile();
  const app = moduleRef.createNestApplication({ bufferLogs: true });
  setupApp(app);
  await app.init();
  const demo = await app.get(DemoBootstrapService).loadOnce();
  const logins = Object.fromEntries(demo.logins.map((l) => [l.role, l])) as TestApi['logins'];
  const http = request(app.getHttpServer());
  const tokens = new Map<string, string>();
  return {
    app,
    http,
    db,
    logins,
    async token(role) {
      if (!tokens.has(role)) {
        const response = await request(app.getHttpServer())
          .post('/api/auth/login')
          .send({ email: logins[role].email, password: logins[role].password });
        if (response.status !== 200)
          throw new Error(`login ${role}: ${response.status} ${JSON.stringify(response.body)}`);
        tokens.set(role, response.body.accessToken);
      }
      return tokens.get(role)!;
    },
    async close() {
      const jobs = app.get(JobRunner);
      if (jobs instanceof InlineJobRunner) await jobs.drain();
      await app.close();
      await db.destroy();
    },
  };
}

/** Row count of a table, to prove a rejected request wrote nothing. */
export async function count(db: DataSource, table: string): Promise<number> {
  const [{ n }] = await db.query(`SELECT count(*)::int AS n FROM "${table}"`);
  return n;
}

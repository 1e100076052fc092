/**
 * Reliable side effects on the real PostgreSQL and Redis (per-run BullMQ prefix): délai jobs go
 * through the outbox to BullMQ; while the worker is down they wait, after its restart each runs
 * once; relaying the same outbox rows again runs nothing twice.
 */
process.env.FLOW_DUREE_JOUR_MS = '40';
process.env.FLOW_POLL_MS = '200';

import type { INestApplication } from '@nestjs/common';
import { logementsLiberables, type DemoDepartement } from '@aiguillage/demo';
import { JOBS_QUEUE } from '@aiguillage/core';
import { OutboxRelay } from '@aiguillage/core/platform/live';
import { redisConnection } from '@aiguillage/core/platform/jobs/bullmq-job-runner';
import { Queue } from 'bullmq';
import {
  account,
  bootApp,
  bootWorker,
  REDIS_URL,
  runPrefix,
  waitUntil,
  type Account,
  type IsolatedDatabase,
  type TestApp,
} from '../helpers/app';
import { proposerVers } from '../helpers/orientation';

jest.setTimeout(60_000);

describe('outbox → BullMQ → worker', () => {
  let t: TestApp;
  let db: IsolatedDatabase;
  let api: INestApplication;
  let url: string;
  let worker: INestApplication | null = null;
  let demo: DemoDepartement;
  let charge: Account;
  const prefix = runPrefix();
  let day = 0;
  let queue: Queue;

  const count = async (sql: string, params: unknown[] = []) => (await db.dataSource.query(sql, params))[0].n as number;
  /** True when BullMQ holds no job still to run (none waiting, delayed or running). */
  const queueIdle = async () => {
    const counts = await queue.getJobCounts('waiting', 'delayed', 'active', 'prioritized', 'waiting-children');
    return Object.values(counts).every((n) => n === 0);
  };

  /** Orients `n` flats to DIRECTE conventions; returns their proposition ids. */
  async function directePropositions(n: number): Promise<string[]> {
    const bailleurId = demo.bailleurs[0].id;
    const directe = new Set(
      demo.conventions.filter((c) => c.delegation.mode === 'DIRECTE' && c.delegation.delaiJours > 0).map((c) => c.id),
    );
    const flats = logementsLiberables(demo, bailleurId);
    const ids: string[] = [];
    while (ids.length < n) {
      const flat = flats[day++];
      const date = new Date(Date.UTC(2026, 8, 1) + (day % 100) * 86_400_000).toISOString().slice(0, 10);
      const id = await proposerVers(url, charge, { logementId: flat.id, date }, directe, 'DEMANDE_RESERVATAIRE');
      if (id) ids.push(id);
    }
    expect(ids).toHaveLength(n);
    return ids;
  }

  const expiredEvents = (ids: string[]) =>
    count(
      `SELECT count(*)::int AS n FROM event_log WHERE type = 'delai.expired' AND payload->>'propositionId' = ANY($1::text[])`,
      [ids],
    );
  const expiringEvents = (ids: string[]) =>
    count(
      `SELECT count(*)::int AS n FROM event_log WHERE type = 'delai.expiring' AND payload->>'propositionId' = ANY($1::text[])`,
      [ids],
    );

  beforeAll(async () => {
    t = await bootApp({ jobs: { prefix } });
    ({ app: api, url, database: db, demo } = t);
    queue = new Queue(JOBS_QUEUE, { connection: redisConnection(REDIS_URL), prefix });
    charge = await account(api, 'CHARGE', [demo.bailleurs[0].id]);
    await db.dataSource.query(
      `INSERT INTO politique_derogation (bailleur_id, toujours, ecart_cible, regle_souple) VALUES ($1, false, false, false)`,
      [demo.bailleurs[0].id],
    );
  });

  afterAll(async () => {
    await worker?.close();
    await t?.close();
    await queue?.obliterate({ force: true });
    await queue?.close();
  });

  it('keeps the délai jobs while the worker is down, then runs each once after its restart', async () => {
    worker = await bootWorker(db.url, prefix);
    await worker.close(); // the worker stops during the flow
    worker = null;

    const ids = await directePropositions(4);
    await waitUntil(
      'outbox relayed to Redis',
      async () => (await count(`SELECT count(*)::int AS n FROM outbox WHERE relayed_at IS NULL`)) === 0,
    );
    const running = (ids: string[]) =>
      count(`SELECT count(*)::int AS n FROM proposition WHERE id = ANY($1::uuid[]) AND delai_expire_at > now()`, [ids]);
    await waitUntil('every délai over', async () => (await running(ids)) === 0);
    expect(
      await count(`SELECT count(*)::int AS n FROM proposition WHERE id = ANY($1::uuid[]) AND status = 'EN_ATTENTE'`, [
        ids,
      ]),
    ).toBe(4);
    expect(await expiredEvents(ids)).toBe(0);

    worker = await bootWorker(db.url, prefix);
    await waitUntil('every délai expired', async () => (await expiredEvents(ids)) === 4);
    expect(
      await count(`SELECT count(*)::int AS n FROM proposition WHERE id = ANY($1::uuid[]) AND status = 'EXPIREE'`, [
        ids,
      ]),
    ).toBe(4);
    expect(await expiringEvents(ids)).toBe(4);

    // The relay retries rows it already relayed (e.g. a mark lost in a crash): nothing runs twice.
    await db.dataSource.query(`UPDATE outbox SET relayed_at = NULL`);
    expect(await api.get(OutboxRelay).relay()).toBeGreaterThanOrEqual(8);
    await waitUntil('the relayed jobs handled', queueIdle);
    expect([await expiredEvents(ids), await expiringEvents(ids)]).toEqual([4, 4]);
    const [{ retours }] = await db.dataSource.query(
      `SELECT count(*)::int AS retours FROM event_log WHERE type = 'etat.transition' AND payload->'transition'->>'kind' = 'expiration'`,
    );
    expect(retours).toBe(4);
  });

  it('a worker running all along processes the délais of new decisions exactly once', async () => {
    const ids = await directePropositions(3);
    await waitUntil('every délai expired', async () => (await expiredEvents(ids)) === 3);
    await waitUntil('no job left to run', queueIdle);
    expect([await expiredEvents(ids), await expiringEvents(ids)]).toEqual([3, 3]);
  });
});

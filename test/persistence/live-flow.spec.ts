import { EVENT_LOG_APPEND_LOCK, EventLogRepository, OutboxRepository } from '@aiguillage/persistence';
import { randomUUID } from 'crypto';
import type { DataSource } from 'typeorm';
import { openIsolatedDatabase, type IsolatedDatabase } from '../helpers/db';
import { aBailleur } from './fixtures';

jest.setTimeout(30_000);

/** Polls `check` until it holds (fails after `ms`). */
async function waitUntil(what: string, check: () => Promise<boolean>, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`Attendu en ${ms} ms : ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('outbox and event log', () => {
  let db: IsolatedDatabase;
  let ds: DataSource;

  beforeAll(async () => {
    db = await openIsolatedDatabase();
    ds = db.dataSource;
  });

  afterAll(() => db?.drop());

  describe('OutboxRepository', () => {
    it('keeps one message per job id, relays each pending message to exactly one concurrent relay', async () => {
      const outbox = new OutboxRepository(ds);
      expect(await outbox.enqueue({ topic: 'recommend', payload: { n: 1 }, jobId: 'job-1' })).toBe(true);
      expect(await outbox.enqueue({ topic: 'recommend', payload: { n: 1 }, jobId: 'job-1' })).toBe(false);
      for (let n = 2; n <= 6; n++) await outbox.enqueue({ topic: 'recommend', payload: { n }, jobId: `job-${n}` });

      const claimed: string[][] = [];
      // Neither relay marks its messages before both have claimed theirs: both hold their locks at once.
      let arrived = 0;
      let release!: () => void;
      const bothClaimed = new Promise<void>((resolve) => (release = resolve));
      const relay = () =>
        ds.transaction(async (manager) => {
          const repo = new OutboxRepository(manager);
          const messages = await repo.claimPending(4);
          if (++arrived === 2) release();
          await bothClaimed;
          await repo.markRelayed(messages.map((m) => m.id));
          claimed.push(messages.map((m) => m.jobId));
        });
      await Promise.all([relay(), relay()]);
      expect(claimed.flat().sort()).toEqual(['job-1', 'job-2', 'job-3', 'job-4', 'job-5', 'job-6']);
      expect(claimed.map((c) => c.length).sort()).toEqual([2, 4]);
      expect(await outbox.claimPending()).toEqual([]);
    });

    it('rolls back with the business transaction it was written in', async () => {
      await expect(
        ds.transaction(async (manager) => {
          await new OutboxRepository(manager).enqueue({ topic: 't', payload: {}, jobId: 'job-rolled-back' });
          throw new Error('échec métier');
        }),
      ).rejects.toThrow('échec métier');
      expect((await ds.query(`SELECT count(*)::int AS n FROM outbox WHERE job_id = 'job-rolled-back'`))[0].n).toBe(0);
    });
  });

  describe('EventLogRepository', () => {
    it('returns events after an id, scoped by bailleur or by réservataire', async () => {
      const events = new EventLogRepository(ds);
      const b1 = (await aBailleur(ds)).id;
      const b2 = (await aBailleur(ds)).id;
      const r1 = randomUUID();
      const [e1, e2, e3] = await events.append([
        { type: 'liberation.declared', bailleurId: b1, payload: { n: 1 } },
        { type: 'orientation.decided', bailleurId: b1, reservataireIds: [r1], payload: { n: 2 } },
        { type: 'liberation.declared', bailleurId: b2, payload: { n: 3 } },
      ]);
      expect(BigInt(e1.id) < BigInt(e2.id) && BigInt(e2.id) < BigInt(e3.id)).toBe(true);
      expect(e2).toEqual({
        id: e2.id,
        type: 'orientation.decided',
        bailleurId: b1,
        reservataireIds: [r1],
        payload: { n: 2 },
        createdAt: expect.any(Date),
      });
      expect((await events.since({ afterId: '0', bailleurIds: [b1] })).map((e) => e.payload)).toEqual([
        { n: 1 },
        { n: 2 },
      ]);
      expect((await events.since({ afterId: e1.id, bailleurIds: [b1] })).map((e) => e.payload)).toEqual([{ n: 2 }]);
      expect((await events.since({ afterId: '0', reservataireId: r1 })).map((e) => e.payload)).toEqual([{ n: 2 }]);
      expect(await events.since({ afterId: '0', bailleurIds: [] })).toEqual([]);
      await expect(events.since({ afterId: '0' })).rejects.toThrow('périmètre obligatoire');
    });

    it('orders by numeric id, not by its text ("100" after "99"), for events and outbox messages', async () => {
      const events = new EventLogRepository(ds);
      const outbox = new OutboxRepository(ds);
      const b = (await aBailleur(ds)).id;
      await ds.query(`SELECT setval(pg_get_serial_sequence('event_log', 'id'), 97)`);
      await ds.query(`SELECT setval(pg_get_serial_sequence('outbox', 'id'), 97)`);
      await events.append(
        [98, 99, 100, 101].map((n) => ({ type: 'liberation.declared', bailleurId: b, payload: { n } })),
      );
      for (const n of [98, 99, 100, 101]) await outbox.enqueue({ topic: 'ordre', payload: { n }, jobId: `ordre-${n}` });
      expect((await events.since({ afterId: '97', bailleurIds: [b] })).map((e) => e.id)).toEqual([
        '98',
        '99',
        '100',
        '101',
      ]);
      const pending = await ds.transaction((manager) => new OutboxRepository(manager).claimPending(10_000));
      expect(pending.filter((m) => m.topic === 'ordre').map((m) => m.id)).toEqual(['98', '99', '100', '101']);
    });

    it('commits ids in order: an append waits for the transaction of an earlier one', async () => {
      const events = new EventLogRepository(ds);
      const bailleurId = (await aBailleur(ds)).id;
      const order: string[] = [];
      let appended!: () => void;
      const slowAppended = new Promise<void>((resolve) => (appended = resolve));
      /** True once an append waits for the log's lock (held by the slow transaction). */
      const waiting = async () =>
        (
          await ds.query(
            `SELECT count(*)::int AS n FROM pg_locks
             WHERE locktype = 'advisory' AND objid = $1 AND NOT granted AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`,
            [EVENT_LOG_APPEND_LOCK],
          )
        )[0].n > 0;
      const slow = ds.transaction(async (manager) => {
        await new EventLogRepository(manager).append([{ type: 'slow', bailleurId, payload: {} }]);
        appended();
        await waitUntil('the fast append waiting for the lock', waiting);
        order.push('slow committed');
      });
      await slowAppended;
      const fast = events.append([{ type: 'fast', bailleurId, payload: {} }]).then((logged) => {
        order.push('fast appended');
        return logged;
      });
      await Promise.all([slow, fast]);
      expect(order).toEqual(['slow committed', 'fast appended']);
      expect((await events.since({ afterId: '0', bailleurIds: [bailleurId] })).map((e) => e.type)).toEqual([
        'slow',
        'fast',
      ]);
    });
  });
});

import { LogementRepository, type LogementInput } from '@aiguillage/persistence';
import type { DataSource } from 'typeorm';
import { openIsolatedDatabase, type IsolatedDatabase } from '../helpers/db';
import { aBailleur, aLogement } from './fixtures';

jest.setTimeout(60_000);

describe('LogementRepository.upsertLogements', () => {
  let db: IsolatedDatabase;
  let ds: DataSource;
  let repo: LogementRepository;
  let bailleurId: string;

  beforeAll(async () => {
    db = await openIsolatedDatabase();
    ds = db.dataSource;
    repo = new LogementRepository(ds);
    bailleurId = (await aBailleur(ds)).id;
  });

  afterAll(() => db?.drop());

  const generate = (n: number, prefix: string): LogementInput[] =>
    Array.from({ length: n }, (_, i) => {
      const { id: _id, ...row } = aLogement(bailleurId, {
        rplsId: `${prefix}${String(i).padStart(8, '0')}`,
        typologie: (['T1', 'T2', 'T3', 'T4', 'T5', 'T6'] as const)[i % 6],
        qpv: i % 4 === 0,
        qpvCode: i % 4 === 0 ? 'QN096001' : null,
        surfaceM2: 30 + (i % 90) + 0.25,
        loyerCentimes: 30000 + (i % 40000),
      });
      return row;
    });

  it('is idempotent: the same rows twice insert then change nothing, not even updated_at', async () => {
    const rows = generate(1200, 'IDEM');
    expect(await repo.upsertLogements(rows)).toEqual({ inserted: 1200, updated: 0, unchanged: 0 });
    const [before] = await ds.query(
      `SELECT max(updated_at) AS t, count(*)::int AS n FROM logement WHERE rpls_id LIKE 'IDEM%'`,
    );
    expect(await repo.upsertLogements(rows)).toEqual({ inserted: 0, updated: 0, unchanged: 1200 });
    const [after] = await ds.query(
      `SELECT max(updated_at) AS t, count(*)::int AS n FROM logement WHERE rpls_id LIKE 'IDEM%'`,
    );
    expect(after).toEqual(before);
  });

  it('updates only the rows that changed, keeps their id, inserts the new ones', async () => {
    const rows = generate(10, 'CHG');
    await repo.upsertLogements(rows);
    const [{ id }] = await ds.query(`SELECT id FROM logement WHERE rpls_id = $1`, [rows[3].rplsId]);
    const next = [...rows, ...generate(2, 'CHGNEW')];
    next[3] = { ...next[3], loyerCentimes: 51234, qpv: true, qpvCode: 'QN096002' };
    next[5] = { ...next[5], surfaceM2: null };
    expect(await repo.upsertLogements(next)).toEqual({ inserted: 2, updated: 2, unchanged: 8 });
    const loaded = await repo.findLogementById([bailleurId], id);
    expect(loaded).toEqual({ ...next[3], id });
  });

  it('rejects an RPLS id given twice in one batch', async () => {
    const rows = generate(3, 'DUP');
    await expect(repo.upsertLogements([...rows, rows[1]])).rejects.toThrow(
      `logements[3].rplsId : identifiant RPLS « ${rows[1].rplsId} » en double (déjà en logements[1])`,
    );
  });

  it('imports 30 000 flats (several chunks) in seconds, and re-imports them as unchanged', async () => {
    const rows = generate(30_000, 'BULK');
    let started = Date.now();
    expect(await repo.upsertLogements(rows)).toEqual({ inserted: 30_000, updated: 0, unchanged: 0 });
    const first = Date.now() - started;
    started = Date.now();
    expect(await repo.upsertLogements(rows)).toEqual({ inserted: 0, updated: 0, unchanged: 30_000 });
    const second = Date.now() - started;
    process.stdout.write(
      `upsertLogements: 30 000 rows inserted in ${first} ms, re-imported (unchanged) in ${second} ms\n`,
    );
    expect(first).toBeLessThan(15_000);
  });
});

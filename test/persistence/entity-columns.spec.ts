import { EventLogEntity } from '@aiguillage/persistence';
import { databaseWithEveryEntity, ids } from './entity-fixtures';
import type { DataSource } from 'typeorm';

jest.setTimeout(30_000);

describe('entities: column types (numerics, bigserial ids)', () => {
  const suite = databaseWithEveryEntity();
  let dataSource: DataSource;

  beforeAll(() => {
    dataSource = suite.dataSource;
  });

  it('reads rates as numbers and keeps numeric(9,6) exact', async () => {
    const [raw] = await dataSource.query(`SELECT cible_taux::text, poids_bail::text FROM convention WHERE id = $1`, [
      ids.convention,
    ]);
    expect(raw).toEqual({ cible_taux: '0.300000', poids_bail: '0.333334' });
    const sum = await dataSource.query(
      `SELECT (poids_proposition + poids_attribution + poids_bail)::text AS s FROM convention`,
    );
    expect(sum[0].s).toBe('1.000000');
  });

  it('keeps bigserial ids increasing for the outbox and the event log', async () => {
    await dataSource.manager.insert(EventLogEntity, { type: 'x', bailleurId: null, reservataireIds: [], payload: {} });
    const rows = await dataSource.query(`SELECT id::text FROM event_log ORDER BY created_at, id`);
    expect(rows.map((r: { id: string }) => r.id)).toEqual(['1', '2']);
  });
});

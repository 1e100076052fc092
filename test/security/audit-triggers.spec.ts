/**
 * Audit enforced by PostgreSQL: the override steps, the orientation decisions and the event log
 * refuse UPDATE and DELETE (trigger `forbid_update_delete`), whoever tries — tested by trying.
 */
import type { QueryFailedError } from 'typeorm';
import type { Account } from '../helpers/app';
import { auth, SecurityApp } from './security-app';

jest.setTimeout(120_000);

describe('audit tables are append-only in PostgreSQL', () => {
  let s: SecurityApp;

  beforeAll(async () => {
    s = await SecurityApp.start();
    const bailleurId = s.demo.bailleurs[0].id;
    const charge: Account = await s.account('CHARGE', [bailleurId]);
    const manager: Account = await s.account('MANAGER', [bailleurId]);
    // One of each: an override with its steps, a decision, events.
    const { overrideRequestId } = await s.pendingOverride(charge, manager, bailleurId);
    await s.http().post(`/api/overrides/${overrideRequestId}/approve`).set(auth(manager)).send({}).expect(201);
  });

  afterAll(() => s?.close());

  const refused = async (sql: string) => {
    const error = (await s.db.dataSource.query(sql).then(
      () => null,
      (e: unknown) => e,
    )) as QueryFailedError & { driverError?: { code?: string } };
    expect(error).not.toBeNull();
    expect(error.driverError?.code).toBe('23001');
    expect(error.message).toMatch(/journal d'audit/);
  };

  it.each([
    ['override_step', `UPDATE override_step SET comment = 'modifié'`, `DELETE FROM override_step`],
    ['override_request', `UPDATE override_request SET comment = 'modifié'`, `DELETE FROM override_request`],
    [
      'orientation_decision',
      `UPDATE orientation_decision SET is_override = NOT is_override`,
      `DELETE FROM orientation_decision`,
    ],
    ['event_log', `UPDATE event_log SET payload = '{}'::jsonb`, `DELETE FROM event_log`],
  ])('%s refuses UPDATE and DELETE, and keeps its rows', async (table, update, remove) => {
    const [{ n }] = await s.db.dataSource.query(`SELECT count(*)::int AS n FROM ${table}`);
    expect(n).toBeGreaterThan(0);
    await refused(update);
    await refused(remove);
    expect((await s.db.dataSource.query(`SELECT count(*)::int AS n FROM ${table}`))[0].n).toBe(n);
  });

  it('a second final step for an override request is refused by the partial unique index', async () => {
    const [step] = await s.db.dataSource.query(
      `SELECT override_request_id AS id, actor_id AS actor FROM override_step WHERE status = 'APPROVED' LIMIT 1`,
    );
    const error = await s.db.dataSource
      .query(`INSERT INTO override_step (override_request_id, status, actor_id) VALUES ($1, 'REJECTED', $2)`, [
        step.id,
        step.actor,
      ])
      .then(
        () => null,
        (e: { driverError?: { code?: string; constraint?: string } }) => e.driverError,
      );
    expect(error).toMatchObject({ code: '23505', constraint: 'uq_override_step_final' });
  });
});

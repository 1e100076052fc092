/**
 * Defect 1: an approve and a reject of one override sent at the same time both succeeded (the
 * journal read PENDING, REJECTED, APPROVED and the flat was oriented although the rejecter was told
 * it worked). One final step per request is now enforced by PostgreSQL: one call wins, the other 409.
 */
import type { Account } from '../helpers/app';
import { auth, SecurityApp } from './security-app';

jest.setTimeout(120_000);

describe('override approve / reject race (defect 1)', () => {
  let s: SecurityApp;
  let bailleurId: string;
  let charge: Account;
  let managers: Account[];

  beforeAll(async () => {
    s = await SecurityApp.start();
    bailleurId = s.demo.bailleurs[0].id;
    charge = await s.account('CHARGE', [bailleurId]);
    managers = [await s.account('MANAGER', [bailleurId]), await s.account('MANAGER', [bailleurId])];
  });

  afterAll(() => s?.close());

  const finals = async (overrideRequestId: string) =>
    (
      await s.db.dataSource.query(
        `SELECT status FROM override_step WHERE override_request_id = $1 AND status <> 'PENDING'`,
        [overrideRequestId],
      )
    ).map((r: { status: string }) => r.status);
  const decisions = async (liberationId: string) =>
    (
      await s.db.dataSource.query(`SELECT count(*)::int AS n FROM orientation_decision WHERE liberation_id = $1`, [
        liberationId,
      ])
    )[0].n;

  it.each([
    ['approve', 'reject'],
    ['reject', 'reject'],
    ['approve', 'approve'],
  ])('%s and %s at the same time: exactly one wins, the other gets a French 409 (8 rounds)', async (first, second) => {
    for (let round = 0; round < 8; round++) {
      const { overrideRequestId, liberationId } = await s.pendingOverride(charge, managers[0], bailleurId);
      const [a, b] = await Promise.all(
        [first, second].map((action, i) =>
          s
            .http()
            .post(`/api/overrides/${overrideRequestId}/${action}`)
            .set(auth(managers[i]))
            .send({ commentaire: `tour ${round}` }),
        ),
      );
      const statuses = [a.status, b.status].sort();
      const winner = a.status < 300 ? first : second;
      expect(statuses).toEqual(winner === 'approve' ? [201, 409] : [200, 409]);
      const loser = a.status === 409 ? a : b;
      expect(loser.body.message).toMatch(/déjà été traitée|déjà orienté/);
      expect(await finals(overrideRequestId)).toEqual([winner === 'approve' ? 'APPROVED' : 'REJECTED']);
      expect(await decisions(liberationId)).toBe(winner === 'approve' ? 1 : 0);
      if (winner === 'reject') {
        const events = await s.db.dataSource.query(
          `SELECT type FROM event_log WHERE payload->>'overrideRequestId' = $1 AND type IN ('override.approved', 'override.rejected')`,
          [overrideRequestId],
        );
        expect(events.map((e: { type: string }) => e.type)).toEqual(['override.rejected']);
      }
    }
  });
});

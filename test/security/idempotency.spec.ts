/**
 * Defect 7: an Idempotency-Key reused with another body silently returned the first result. It is
 * now refused with a French 422 naming the header; the same key with the same body still replays.
 */
import { logementsLiberables } from '@aiguillage/demo';
import type { Account } from '../helpers/app';
import { auth, SecurityApp } from './security-app';

jest.setTimeout(120_000);

describe('Idempotency-Key reused with another body (defect 7)', () => {
  let s: SecurityApp;
  let charge: Account;
  let flats: Array<{ id: string }>;

  beforeAll(async () => {
    s = await SecurityApp.start();
    const bailleurId = s.demo.bailleurs[0].id;
    charge = await s.account('CHARGE', [bailleurId]);
    flats = logementsLiberables(s.demo, bailleurId);
  });

  afterAll(() => s?.close());

  const declare = (body: object, key: string) =>
    s.http().post('/api/liberations').set(auth(charge)).set('Idempotency-Key', key).send(body);
  const liberations = async () => (await s.db.dataSource.query('SELECT count(*)::int AS n FROM liberation'))[0].n;

  it('replays the same body, refuses another body with 422 and creates nothing', async () => {
    const body = { logementId: flats[0].id, date: '2026-03-02', motif: 'CONGE' };
    const first = await declare(body, 'cle-7');
    expect(first.status).toBe(201);
    const replay = await declare(body, 'cle-7');
    expect(replay.status).toBe(200);
    expect(replay.body.liberation.id).toBe(first.body.liberation.id);
    const before = await liberations();
    for (const other of [
      { ...body, logementId: flats[1].id },
      { ...body, date: '2026-03-03' },
      { ...body, motif: 'DECES' },
      { ...body, kind: 'NEUF' },
    ]) {
      const res = await declare(other, 'cle-7');
      expect(res.status).toBe(422);
      expect(res.body.erreurs).toEqual([
        { champ: 'Idempotency-Key', raison: expect.stringMatching(/déjà servi pour une autre déclaration/) },
      ]);
    }
    expect(await liberations()).toBe(before);
  });
});

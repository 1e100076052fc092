/**
 * Defect 10: no way to turn an account off. An ADMIN now deactivates and reactivates accounts of its
 * bailleurs; a deactivated account's sessions end at once, websocket included, and its old tokens
 * stay refused after a reactivation.
 */
import type { Account } from '../helpers/app';
import { auth, SecurityApp } from './security-app';

jest.setTimeout(120_000);

describe('account deactivation (defect 10)', () => {
  let s: SecurityApp;
  let bailleurA: string;
  let bailleurB: string;
  let admin: Account;

  beforeAll(async () => {
    s = await SecurityApp.start();
    [bailleurA, bailleurB] = s.demo.bailleurs.map((b) => b.id);
    admin = await s.account('ADMIN', [bailleurA]);
  });

  afterAll(() => s?.close());

  const me = (a: { token: string }) => s.http().get('/api/me').set(auth(a));

  it('ends the REST and websocket sessions at once; a reactivated account logs in again, its old tokens stay refused', async () => {
    const charge = await s.account('CHARGE', [bailleurA]);
    const [{ email }] = await s.db.dataSource.query('SELECT email FROM app_user WHERE id = $1', [charge.userId]);
    const live = await s.client(charge);
    const closed = new Promise<string>((resolve) => live.socket.on('disconnect', (reason) => resolve(reason)));
    expect((await me(charge)).status).toBe(200);

    const off = await s.http().post(`/api/users/${charge.userId}/deactivate`).set(auth(admin)).send();
    expect(off.status).toBe(200);
    expect(off.body).toMatchObject({ id: charge.userId, active: false });
    expect(off.body.passwordHash).toBeUndefined();
    expect((await me(charge)).status).toBe(401);
    expect(await closed).toBe('io server disconnect');
    expect((await s.http().post('/api/auth/login').send({ email, password: 'mot-de-passe-de-test' })).status).toBe(401);

    const on = await s.http().post(`/api/users/${charge.userId}/reactivate`).set(auth(admin)).send();
    expect(on.status).toBe(200);
    expect(on.body.active).toBe(true);
    expect((await me(charge)).status).toBe(401);
    const login = await s.http().post('/api/auth/login').send({ email, password: 'mot-de-passe-de-test' });
    expect(login.status).toBe(200);
    expect((await me({ token: login.body.accessToken })).status).toBe(200);
  });

  it('a socket opened with a token of a deactivated account is refused', async () => {
    const charge = await s.account('CHARGE', [bailleurA]);
    await s.http().post(`/api/users/${charge.userId}/deactivate`).set(auth(admin)).send().expect(200);
    const live = new (await import('../helpers/app')).LiveClient(s.url, charge.token);
    await live.waitFor('refus', () => live.of('erreur')[0]);
    expect(live.of('connecte')).toHaveLength(0);
    live.close();
  });

  it('only an ADMIN, only within its bailleurs, never on itself', async () => {
    const other = await s.account('CHARGE', [bailleurB]);
    const both = await s.account('CHARGE', [bailleurA, bailleurB]);
    const manager = await s.account('MANAGER', [bailleurA]);
    const outside = await s.http().post(`/api/users/${other.userId}/deactivate`).set(auth(admin)).send();
    expect(outside.status).toBe(404);
    expect((await s.http().post(`/api/users/${both.userId}/deactivate`).set(auth(admin)).send()).status).toBe(404);
    const self = await s.http().post(`/api/users/${admin.userId}/deactivate`).set(auth(admin)).send();
    expect(self.status).toBe(409);
    expect(self.body.message).toMatch(/votre propre compte/);
    expect((await s.http().post(`/api/users/${other.userId}/deactivate`).set(auth(manager)).send()).status).toBe(403);
    const active = await s.db.dataSource.query(
      'SELECT bool_and(active) AS ok FROM app_user WHERE id = ANY($1::uuid[])',
      [[other.userId, both.userId, admin.userId]],
    );
    expect(active[0].ok).toBe(true);
  });
});

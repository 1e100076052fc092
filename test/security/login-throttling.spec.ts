/**
 * Defect 8: 50 wrong passwords in 2.4 s and never a 429. Logins are now throttled per account and
 * per client address (@nestjs/throttler), with a French 429 and Retry-After.
 */
import { randomBytes } from 'crypto';
import { AuthService, UsersService } from '@aiguillage/core';
import { ReservataireRepository, UserRepository } from '@aiguillage/persistence';
import { SecurityApp } from './security-app';

jest.setTimeout(120_000);

describe('login throttling (defect 8)', () => {
  let s: SecurityApp;
  const accounts: Array<{ email: string; password: string }> = [];

  beforeAll(async () => {
    s = await SecurityApp.start({ LOGIN_ESSAIS_COMPTE: '3', LOGIN_ESSAIS_ADRESSE: '12' });
    for (let i = 0; i < 2; i++) {
      const email = `throttle-${randomBytes(3).toString('hex')}@exemple.fr`;
      const password = 'mot-de-passe-de-test';
      await s.app
        .get(UsersService)
        .createAccount(
          { email, nom: 'Essai', password, role: 'CHARGE', bailleurIds: [s.demo.bailleurs[0].id] },
          s.app.get(UserRepository),
          s.app.get(ReservataireRepository),
        );
      accounts.push({ email, password });
    }
    expect(s.app.get(AuthService)).toBeDefined();
  });

  afterAll(() => s?.close());

  const login = (email: string, password: string) => s.http().post('/api/auth/login').send({ email, password });

  it('per account: after 3 attempts a minute, a French 429 with Retry-After, even with the right password', async () => {
    const [a, b] = accounts;
    for (let i = 0; i < 3; i++) expect((await login(a.email, 'mauvais')).status).toBe(401);
    const blocked = await login(a.email.toUpperCase(), a.password);
    expect(blocked.status).toBe(429);
    expect(blocked.body).toEqual({
      statusCode: 429,
      message: expect.stringMatching(/^Trop de tentatives de connexion : réessayez dans \d+ secondes$/),
    });
    const retryAfter = Number(blocked.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
    // Another account from the same address is not held back by this one.
    expect((await login(b.email, b.password)).status).toBe(200);
  });

  it('per address: beyond 12 attempts a minute, whatever the accounts, 429 for 5 minutes', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 10; i++) statuses.push((await login(`inconnu-${i}@exemple.fr`, 'x')).status);
    // The first test counted 4 attempts for the address (its blocked one stopped at the account's
    // limit): 8 more reach the 12 allowed; the next ones wait.
    expect(statuses.slice(0, 8)).toEqual(Array(8).fill(401));
    expect(statuses.slice(8)).toEqual([429, 429]);
    const blocked = await login(accounts[1].email, accounts[1].password);
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(60);
    expect(blocked.body.message).toMatch(/réessayez dans 5 minutes/);
  });
});

import request from 'supertest';
import { DataSource } from 'typeorm';
import { DemoBootstrapService } from '@aiguillage/core';
import { createTestApi, raisons, type TestApi } from './api-test-app';

let api: TestApi;

beforeAll(async () => {
  api = await createTestApi();
}, 120_000);
afterAll(() => api?.close());

describe('GET /api/health', () => {
  it('is public and answers the exact body', async () => {
    const response = await api.http.get('/api/health');
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ status: 'ok', database: 'up', queue: 'inline' });
  });
});

describe('login and tokens', () => {
  it('logs in every demo account and tells who it is', async () => {
    for (const role of ['ADMIN', 'MANAGER', 'CHARGE', 'RESERVATAIRE'] as const) {
      const { email, password } = api.logins[role];
      const login = await api.http.post('/api/auth/login').send({ email: email.toUpperCase(), password });
      expect(login.status).toBe(200);
      expect(login.body).toMatchObject({ tokenType: 'Bearer', utilisateur: { email, role } });
      const me = await request(api.app.getHttpServer())
        .get('/api/me')
        .set('Authorization', `Bearer ${login.body.accessToken}`);
      expect(me.status).toBe(200);
      expect(me.body).toMatchObject({ email, role });
      expect(me.body.bailleurIds.length).toBeGreaterThan(0);
      expect(me.body.reservataireId === null).toBe(role !== 'RESERVATAIRE');
    }
  });

  it('answers 401 with the same French message for a wrong password and an unknown e-mail', async () => {
    const wrong = await api.http
      .post('/api/auth/login')
      .send({ email: api.logins.CHARGE.email, password: 'pas-le-bon' });
    const unknown = await api.http.post('/api/auth/login').send({ email: 'personne@nulle-part.fr', password: 'x' });
    for (const response of [wrong, unknown]) {
      expect(response.status).toBe(401);
      expect(response.body).toEqual({ statusCode: 401, message: 'Identifiants invalides' });
    }
  });

  it('refuses a malformed login with each field in French', async () => {
    const response = await api.http.post('/api/auth/login').send({ email: 'pas-un-email', extra: 1 });
    expect(response.status).toBe(400);
    expect(response.body.message).toBe('Requête invalide');
    expect(raisons(response.body)).toMatchObject({
      email: 'doit être une adresse e-mail valide',
      password: 'doit être une chaîne de caractères',
      extra: "n'est pas un champ autorisé",
    });
  });

  it('refuses missing, forged and expired tokens, and deactivated accounts', async () => {
    const token = await api.token('CHARGE');
    const [header, payload] = token.split('.');
    const forged = `${header}.${payload}.${'A'.repeat(43)}`;
    for (const authorization of [undefined, 'Bearer', `Basic ${token}`, `Bearer ${forged}`, 'Bearer abc.def.ghi']) {
      const call = api.http.get('/api/me');
      const response = authorization ? await call.set('Authorization', authorization) : await call;
      expect(response.status).toBe(401);
      expect(response.body.statusCode).toBe(401);
    }
    const { JwtService } = await import('@nestjs/jwt');
    const me = (await api.http.get('/api/me').set('Authorization', `Bearer ${token}`)).body;
    const expired = await api.app.get(JwtService).signAsync({ sub: me.userId, role: 'CHARGE' }, { expiresIn: -10 });
    expect((await api.http.get('/api/me').set('Authorization', `Bearer ${expired}`)).status).toBe(401);

    await api.db.query('UPDATE app_user SET active = false WHERE id = $1', [me.userId]);
    try {
      const response = await api.http.get('/api/me').set('Authorization', `Bearer ${token}`);
      expect(response.status).toBe(401);
      expect(response.body.message).toBe('Compte inconnu ou désactivé');
      const login = await api.http
        .post('/api/auth/login')
        .send({ email: api.logins.CHARGE.email, password: api.logins.CHARGE.password });
      expect(login.status).toBe(401);
    } finally {
      await api.db.query('UPDATE app_user SET active = true WHERE id = $1', [me.userId]);
    }
  });

  it('stores only salted scrypt hashes', async () => {
    const rows: Array<{ password_hash: string }> = await api.db.query('SELECT password_hash FROM app_user');
    expect(rows.length).toBe(4);
    for (const { password_hash } of rows) expect(password_hash).toMatch(/^scrypt\$/);
    expect(new Set(rows.map((r) => r.password_hash)).size).toBe(4);
  });

  it('serves the OpenAPI documentation publicly', async () => {
    const response = await api.http.get('/api/docs/openapi.json');
    expect(response.status).toBe(200);
    expect(Object.keys(response.body.paths)).toEqual(
      expect.arrayContaining(['/api/health', '/api/auth/login', '/api/conventions']),
    );
  });
});

// Last: it takes the database away from the app.
describe('the demo at boot', () => {
  it('names its own département when a demo loaded before the names were kept has none, and loads nothing twice', async () => {
    await api.db.query(`DELETE FROM departement WHERE code = '96'`);
    const bailleurs = await api.db.query(`SELECT count(*)::int AS n FROM bailleur`);
    const status = await api.app.get(DemoBootstrapService).loadOnce();
    expect(status.loaded).toBe(false);
    expect(await api.db.query(`SELECT nom FROM departement WHERE code = '96'`)).toEqual([{ nom: 'Val-de-Loirette' }]);
    expect(await api.db.query(`SELECT count(*)::int AS n FROM bailleur`)).toEqual(bailleurs);
  });
});

describe('GET /api/health when PostgreSQL is unreachable', () => {
  it('answers 503 with the database down', async () => {
    await api.app.get(DataSource).destroy();
    const response = await api.http.get('/api/health');
    expect(response.status).toBe(503);
    expect(response.body).toEqual({ status: 'error', database: 'down', queue: 'inline' });
  });
});

/**
 * Defects 4, 5, 6 and 9: bad input answered 500 (NUL byte, 5 000-deep JSON, database error without
 * its field), prototype keys accepted, big bodies parsed before authentication, early refusals of
 * an import seen as a reset connection, no hardening headers, CORS open to every origin.
 */
import { request as httpRequest } from 'http';
import { io } from 'socket.io-client';
import type { Account } from '../helpers/app';
import { auth, SecurityApp } from './security-app';

jest.setTimeout(120_000);

/** Sends `size` bytes of `chunk` repeated, with a real HTTP client: the answer, or the socket error (a reset). */
function rawPost(
  url: string,
  path: string,
  headers: Record<string, string>,
  size: number,
  chunk = 'x'.repeat(64 * 1024),
) {
  return new Promise<{ status?: number; body?: any; error?: string }>((resolve) => {
    const target = new URL(path, url);
    const req = httpRequest(
      target,
      { method: 'POST', headers: { ...headers, 'Content-Length': String(size) } },
      (res) => {
        let text = '';
        res.on('data', (c) => (text += c));
        res.on('end', () => resolve({ status: res.statusCode, body: text ? JSON.parse(text) : undefined }));
        res.on('error', (e) => resolve({ error: e.message }));
      },
    );
    req.on('error', (e) => resolve({ error: (e as NodeJS.ErrnoException).code ?? e.message }));
    const data = Buffer.from(chunk);
    let sent = 0;
    const write = () => {
      while (sent < size) {
        const part = data.subarray(0, Math.min(data.length, size - sent));
        sent += part.length;
        if (!req.write(part)) return req.once('drain', write);
      }
      req.end();
    };
    write();
  });
}

describe('HTTP hardening', () => {
  let s: SecurityApp;
  let bailleurId: string;
  let manager: Account;
  let admin: Account;
  let charge: Account;

  beforeAll(async () => {
    s = await SecurityApp.start();
    bailleurId = s.demo.bailleurs[0].id;
    manager = await s.account('MANAGER', [bailleurId]);
    admin = await s.account('ADMIN', [bailleurId]);
    charge = await s.account('CHARGE', [bailleurId]);
  });

  afterAll(() => s?.close());

  const expectFrenchRefusal = (res: { status: number; body: any }, champ: RegExp | string) => {
    expect(res.status).toBe(400);
    expect(res.body.erreurs).toEqual([expect.objectContaining({ champ: expect.stringMatching(champ) })]);
    expect(res.body.erreurs[0].raison).toMatch(/[a-zé]/);
  };

  describe('defect 4: bad input is a 400 with its field, never a 500', () => {
    it('refuses a NUL character in any text field', async () => {
      const logement = s.demo.logements.find((l) => l.bailleurId === bailleurId)!;
      const users = await s.db.dataSource.query('SELECT count(*)::int AS n FROM app_user');
      const cases = [
        s.http().patch(`/api/logements/${logement.id}`).set(auth(manager)).send({ qpv: true, qpvCode: 'QN\u0000x' }),
        s.http().post('/api/conventions').set(auth(manager)).send({ reference: 'REF\u0000', bailleurId }),
        s
          .http()
          .post('/api/users')
          .set(auth(admin))
          .send({
            email: 'nul@exemple.fr',
            nom: 'A\u0000B',
            password: 'mot-de-passe-long',
            role: 'CHARGE',
            bailleurIds: [bailleurId],
          }),
        s
          .http()
          .post('/api/orientations')
          .set(auth(charge))
          .send({ liberationId: '00000000-0000-4000-8000-000000000000', motif: 'AUTRE', commentaire: 'x\u0000' }),
        s
          .http()
          .post('/api/propositions/00000000-0000-4000-8000-000000000000/candidats')
          .set(auth(charge))
          .send({ candidats: [{ numeroSne: '069\u0000', rang: 1, tailleMenage: 2, quartile: 1, prioritaire: false }] }),
        s.http().get('/api/logements?commune=69%00').set(auth(manager)),
      ];
      const champs = [/qpvCode/, /reference/, /nom/, /commentaire/, /candidats\[0\]\.numeroSne/, /commune/];
      const responses = await Promise.all(cases);
      responses.forEach((res, i) => {
        expectFrenchRefusal(res, champs[i]);
        expect(res.body.erreurs[0].raison).toMatch(/caractère nul/);
      });
      expect(await s.db.dataSource.query('SELECT count(*)::int AS n FROM app_user')).toEqual(users);
    });

    it('refuses a 5 000-deep JSON body, on the login without a token as on every JSON route', async () => {
      const deep = '['.repeat(5000) + ']'.repeat(5000);
      const login = await s.http().post('/api/auth/login').set('Content-Type', 'application/json').send(deep);
      expectFrenchRefusal(login, /^\(corps\)|^\[0\]/);
      expect(login.body.erreurs[0].raison).toMatch(/imbrication trop profonde/);
      const liberation = await s
        .http()
        .post('/api/liberations')
        .set(auth(charge))
        .set('Content-Type', 'application/json')
        .send(`{"logementId":${deep}}`);
      expectFrenchRefusal(liberation, /^logementId/);
    });

    it('refuses __proto__, constructor and prototype keys', async () => {
      for (const key of ['__proto__', 'constructor', 'prototype']) {
        const res = await s
          .http()
          .post('/api/auth/login')
          .set('Content-Type', 'application/json')
          .send(`{"email":"a@b.fr","password":"x","${key}":{"admin":true}}`);
        expectFrenchRefusal(res, key);
        const nested = await s
          .http()
          .put(`/api/bailleurs/${bailleurId}/politique-derogation`)
          .set(auth(manager))
          .set('Content-Type', 'application/json')
          .send(`{"toujours":true,"ecartCible":true,"regleSouple":true,"x":{"${key}":{"polluted":1}}}`);
        expectFrenchRefusal(nested, `x.${key}`);
      }
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    });

    it('an offset beyond what the database accepts is refused with its field', async () => {
      const res = await s.http().get('/api/logements?offset=99999999999999999999').set(auth(manager));
      expectFrenchRefusal(res, 'offset');
    });
  });

  describe('defect 5: body limits, authentication before parsing', () => {
    it('answers 401 to an unauthenticated body without reading it as JSON', async () => {
      // Not JSON at all: a parser running first would answer 400.
      const res = await rawPost(
        s.url,
        '/api/liberations',
        { 'Content-Type': 'application/json' },
        3 * 1024 * 1024,
        '{{{{',
      );
      expect(res).toEqual({
        status: 401,
        body: { statusCode: 401, message: 'Authentification requise : jeton Bearer manquant' },
      });
      const forged = await rawPost(
        s.url,
        '/api/liberations',
        { 'Content-Type': 'application/json', Authorization: 'Bearer abc.def.ghi' },
        1000,
        '{',
      );
      expect(forged.status).toBe(401);
    });

    it('limits JSON bodies to 1 MB (French 413), imports excepted', async () => {
      const big = JSON.stringify({ liberations: [{ logementId: 'x'.repeat(1100 * 1024) }] });
      const res = await s
        .http()
        .post('/api/liberations/lot')
        .set(auth(charge))
        .set('Content-Type', 'application/json')
        .send(big);
      expect(res.status).toBe(413);
      expect(res.body).toEqual({
        statusCode: 413,
        message: 'Requête trop volumineuse',
        erreurs: [{ champ: '(corps)', raison: 'dépasse la taille maximale de 1 Mo' }],
      });
      const importBody = JSON.stringify([{ reference: 'x'.repeat(1100 * 1024) }]);
      const imported = await s
        .http()
        .post(`/api/conventions/import?bailleurId=${bailleurId}`)
        .set(auth(manager))
        .set('Content-Type', 'application/json')
        .send(importBody);
      expect(imported.status).toBe(400);
      expect(imported.body.erreurs.length).toBeGreaterThan(0);
    });
  });

  describe('defect 6: an import refused early answers, the connection is not reset', () => {
    it('a bad header with a body over 64 KB gets its French 400', async () => {
      const res = await rawPost(
        s.url,
        `/api/conventions/import?bailleurId=${bailleurId}`,
        { 'Content-Type': 'text/csv', ...auth(manager) },
        256 * 1024,
        'colonne;inconnue\n' + 'a;b\n'.repeat(16000),
      );
      expect(res.error).toBeUndefined();
      expect(res.status).toBe(400);
      expect(res.body.message).toMatch(/./);
    });

    it('a wrong Content-Type with a big body gets its French 400', async () => {
      const res = await rawPost(
        s.url,
        `/api/conventions/import?bailleurId=${bailleurId}`,
        { 'Content-Type': 'image/png', ...auth(manager) },
        4 * 1024 * 1024,
      );
      expect(res.error).toBeUndefined();
      expect(res.status).toBe(400);
      expect(res.body.erreurs[0].champ).toBe('Content-Type');
    });

    it('a conventions CSV over 20 MB gets its French refusal', async () => {
      const line = 'reference;reservataire;departement\n' + 'R;X;69\n'.repeat(9000);
      const res = await rawPost(
        s.url,
        `/api/conventions/import?bailleurId=${bailleurId}`,
        { 'Content-Type': 'text/csv', ...auth(manager) },
        21 * 1024 * 1024,
        line,
      );
      expect(res.error).toBeUndefined();
      expect([400, 413]).toContain(res.status);
      expect(res.body.message).toMatch(/trop volumineux/);
    });
  });

  describe('defect 9: hardening headers, CORS and socket origins', () => {
    it('sends helmet headers with a CSP the console works with, no X-Powered-By', async () => {
      const res = await s.http().get('/api/health');
      expect(res.headers['x-powered-by']).toBeUndefined();
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['x-frame-options']).toBe('DENY');
      expect(res.headers['referrer-policy']).toBe('no-referrer');
      const csp = res.headers['content-security-policy'];
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("style-src 'self' 'unsafe-inline'");
      expect(csp).toContain("connect-src 'self' ws: wss:");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(res.headers['strict-transport-security']).toBeUndefined();
    });

    it('CORS: no other origin allowed by default', async () => {
      const res = await s
        .http()
        .options('/api/me')
        .set('Origin', 'https://ailleurs.example')
        .set('Access-Control-Request-Method', 'GET');
      expect(res.headers['access-control-allow-origin']).toBeUndefined();
      const get = await s.http().get('/api/health').set('Origin', 'https://ailleurs.example');
      expect(get.headers['access-control-allow-origin']).toBeUndefined();
    });

    it('socket.io: a page of another site is refused, a client without Origin or from the same origin connects', async () => {
      const attempt = (extraHeaders: Record<string, string>) =>
        new Promise<string>((resolve) => {
          const socket = io(s.url, {
            path: '/socket.io',
            transports: ['websocket'],
            auth: { token: charge.token },
            extraHeaders,
            reconnection: false,
            forceNew: true,
          });
          socket.on('connecte', () => (socket.close(), resolve('connecte')));
          socket.on('connect_error', () => (socket.close(), resolve('refusé')));
        });
      expect(await attempt({ Origin: 'https://ailleurs.example' })).toBe('refusé');
      expect(await attempt({})).toBe('connecte');
      expect(await attempt({ Origin: s.url })).toBe('connecte');
    });
  });
});

describe('CORS allowlist from the configuration', () => {
  let s: SecurityApp;
  beforeAll(async () => {
    s = await SecurityApp.start({ CORS_ORIGINS: 'https://console.example' });
  });
  afterAll(() => s?.close());

  it('allows exactly the configured origins', async () => {
    const ok = await s
      .http()
      .options('/api/me')
      .set('Origin', 'https://console.example')
      .set('Access-Control-Request-Method', 'GET');
    expect(ok.headers['access-control-allow-origin']).toBe('https://console.example');
    const other = await s
      .http()
      .options('/api/me')
      .set('Origin', 'https://ailleurs.example')
      .set('Access-Control-Request-Method', 'GET');
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
  });
});

import { randomUUID } from 'crypto';
import { bootApp, type TestApp } from '../helpers/app';

let api: TestApp;

beforeAll(async () => (api = await bootApp({ seed: false })), 120_000);
afterAll(() => api?.close());

/** Every route Express actually serves (path with Express params, HTTP method). */
function registeredRoutes(): Array<{ method: string; path: string }> {
  const express = api.app.getHttpAdapter().getInstance();
  const stack: Array<{ route?: { path: string; methods: Record<string, boolean> } }> = (
    express.router ?? express._router
  ).stack;
  return stack
    .filter((layer) => layer.route)
    .flatMap((layer) =>
      Object.keys(layer.route!.methods).map((method) => ({ method: method.toUpperCase(), path: layer.route!.path })),
    );
}

/** The only routes reachable without a token. Adding a route here must be a deliberate decision. */
const PUBLIC_ROUTES = ['GET /api/health', 'POST /api/auth/login'];

describe('every endpoint requires a token', () => {
  it('answers 401 on every registered route except the public ones', async () => {
    const routes = registeredRoutes().filter((r) => r.path.startsWith('/api/') && !r.path.startsWith('/api/docs'));
    expect(routes.length).toBeGreaterThan(25);
    const reachable: string[] = [];
    for (const { method, path } of routes) {
      const url = path.replace(/:\w+/g, randomUUID());
      const response = await api.http[method.toLowerCase() as 'get'](url).send({});
      if (response.status !== 401) reachable.push(`${method} ${path}`);
      else
        expect(response.body).toEqual({ statusCode: 401, message: 'Authentification requise : jeton Bearer manquant' });
    }
    expect(reachable.sort()).toEqual(PUBLIC_ROUTES.sort());
  });

  it('covers the resources of the brief', () => {
    const routes = registeredRoutes().map((r) => `${r.method} ${r.path}`);
    expect(routes).toEqual(
      expect.arrayContaining([
        'GET /api/bailleurs',
        'GET /api/bailleurs/:id',
        'GET /api/programmes',
        'GET /api/logements',
        'POST /api/logements',
        'PATCH /api/logements/:id',
        'GET /api/reservataires',
        'GET /api/conventions',
        'POST /api/conventions',
        'PUT /api/conventions/:id',
        'GET /api/exercices/:id/objectifs',
        'GET /api/profils-demande',
        'GET /api/liberations',
        'POST /api/users',
        'POST /api/bailleurs/:id/rpls',
        'POST /api/conventions/import',
        'POST /api/profils-demande/import',
        'POST /api/calculs/assiette',
        'GET /api/me',
      ]),
    );
  });

  it('serves the API docs without a token', async () => {
    expect((await api.http.get('/api/docs')).status).toBe(200);
  });
});

/**
 * The access matrix (test/security/access-matrix.ts) against the running API: every registered
 * route has its row; each role gets exactly the role refusals the row says; reads of another
 * bailleur's (or réservataire's) resources never answer 200; each role joins exactly its rooms.
 */
import { randomUUID } from 'crypto';
import type { UserRole } from '@aiguillage/core';
import type { Account } from '../helpers/app';
import { ROOMS, ROUTES, TENANT_READS, type Ressource } from './access-matrix';
import { auth, SecurityApp } from './security-app';

jest.setTimeout(180_000);

const ROLES: Record<string, UserRole> = { A: 'ADMIN', M: 'MANAGER', C: 'CHARGE', R: 'RESERVATAIRE' };

describe('access matrix', () => {
  let s: SecurityApp;
  let bailleurA: string;
  let bailleurB: string;
  let reservataireId: string;
  const accounts: Record<string, Account> = {};

  beforeAll(async () => {
    s = await SecurityApp.start();
    [bailleurA, bailleurB] = s.demo.bailleurs.map((b) => b.id);
    reservataireId = s.demo.conventions.find((c) => c.bailleurId === bailleurA)!.reservataireId;
    for (const [letter, role] of Object.entries(ROLES))
      accounts[letter] = await s.account(role, [bailleurA], role === 'RESERVATAIRE' ? reservataireId : null);
  });

  afterAll(() => s?.close());

  function registeredRoutes(): string[] {
    const express = s.app.getHttpAdapter().getInstance();
    const stack: Array<{ route?: { path: string; methods: Record<string, boolean> } }> = (
      express.router ?? express._router
    ).stack;
    return stack
      .filter(
        (layer) => layer.route && layer.route.path.startsWith('/api/') && !layer.route.path.startsWith('/api/docs'),
      )
      .flatMap((layer) =>
        Object.keys(layer.route!.methods).map((method) => `${method.toUpperCase()} ${layer.route!.path}`),
      );
  }

  it('has a row for every registered route, and no row for a route that does not exist', () => {
    const registered = registeredRoutes().sort();
    expect(registered.filter((r) => !(r in ROUTES))).toEqual([]);
    expect(Object.keys(ROUTES).filter((r) => !registered.includes(r))).toEqual([]);
  });

  it('each role is refused exactly where its row says (403 « réservé aux rôles »), public routes need no token', async () => {
    const mismatches: string[] = [];
    for (const route of registeredRoutes()) {
      const [method, path] = route.split(' ');
      const url = path.replace(/:\w+/g, randomUUID());
      const expected = ROUTES[route];
      if (expected === 'public') {
        const res = await s.http()[method.toLowerCase() as 'get'](url);
        if (res.status === 401 || res.status === 403) mismatches.push(`${route} sans jeton : ${res.status}`);
        continue;
      }
      for (const [letter, account] of Object.entries(accounts)) {
        const res = await s.http()[method.toLowerCase() as 'get'](url).set(auth(account)).send({});
        const refusedByRole = res.status === 403 && /^Accès refusé : réservé aux rôles /.test(res.body.message);
        if (res.status >= 500) mismatches.push(`${route} ${ROLES[letter]} : ${res.status}`);
        if (refusedByRole === expected.includes(letter))
          mismatches.push(`${route} ${ROLES[letter]} : ${res.status} ${res.body.message}`);
      }
    }
    expect(mismatches).toEqual([]);
  });

  it("reads another bailleur's (or réservataire's) resources never answer 200, its own do", async () => {
    const own: Record<Ressource, string> = {
      bailleur: bailleurA,
      logement: s.demo.logements.find((l) => l.bailleurId === bailleurA)!.id,
      convention: s.demo.conventions.find((c) => c.bailleurId === bailleurA && c.reservataireId === reservataireId)!.id,
      exercice: s.demo.exercices.find((e) => e.bailleurId === bailleurA)!.id,
    };
    const other: Record<Ressource, string> = {
      bailleur: bailleurB,
      logement: s.demo.logements.find((l) => l.bailleurId === bailleurB)!.id,
      convention: s.demo.conventions.find((c) => c.bailleurId === bailleurB)!.id,
      exercice: s.demo.exercices.find((e) => e.bailleurId === bailleurB)!.id,
    };
    const otherReservataire = s.demo.conventions.find(
      (c) => c.bailleurId === bailleurA && c.reservataireId !== reservataireId,
    )!.id;
    const mismatches: string[] = [];
    for (const { route, ressource, roles } of TENANT_READS) {
      const path = route.split(' ')[1];
      for (const letter of roles) {
        const get = (id: string) => s.http().get(path.replace(':id', id)).set(auth(accounts[letter]));
        const mine = await get(own[ressource]);
        if (mine.status !== 200) mismatches.push(`${route} ${ROLES[letter]} sien : ${mine.status}`);
        const theirs = await get(other[ressource]);
        if (![403, 404].includes(theirs.status))
          mismatches.push(`${route} ${ROLES[letter]} autre bailleur : ${theirs.status}`);
        if (letter === 'R' && ressource === 'convention') {
          const foreign = await get(otherReservataire);
          if (![403, 404].includes(foreign.status))
            mismatches.push(`${route} RESERVATAIRE autre réservataire : ${foreign.status}`);
        }
      }
    }
    expect(mismatches).toEqual([]);
  });

  it('each role joins exactly the rooms of its scope', async () => {
    for (const [letter, account] of Object.entries(accounts)) {
      const live = await s.client(account);
      const connecte = live.of('connecte')[0] as unknown as { rooms: string[] };
      const ids = {
        userId: account.userId,
        bailleurIds: [bailleurA],
        reservataireId: letter === 'R' ? reservataireId : null,
      };
      expect(connecte.rooms).toEqual((letter === 'R' ? ROOMS.reservataire : ROOMS.staff)(ids));
    }
  });
});

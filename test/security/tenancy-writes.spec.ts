/**
 * Defect 3: cross-tenant writes. A MANAGER attached its flat to another bailleur's programme (200;
 * a random id gave 409, revealing which ids exist elsewhere), and a MANAGER of one bailleur replaced
 * a demand profile shared by every bailleur. Now: a programme of the flat's own bailleur only (the
 * same 400 for unknown and foreign ids), and a shared profile is replaced by an ADMIN of all its
 * bailleurs only.
 */
import { randomUUID } from 'crypto';
import type { Account } from '../helpers/app';
import { auth, SecurityApp } from './security-app';

jest.setTimeout(120_000);

describe('cross-tenant writes (defect 3)', () => {
  let s: SecurityApp;
  let bailleurA: string;
  let bailleurB: string;
  let managerA: Account;

  beforeAll(async () => {
    s = await SecurityApp.start();
    [bailleurA, bailleurB] = s.demo.bailleurs.map((b) => b.id);
    managerA = await s.account('MANAGER', [bailleurA]);
  });

  afterAll(() => s?.close());

  it("refuses another bailleur's programme exactly like an unknown one, and writes nothing", async () => {
    const logement = s.demo.logements.find((l) => l.bailleurId === bailleurA)!;
    const foreign = s.demo.programmes.find((p) => p.bailleurId === bailleurB)!;
    const own = s.demo.programmes.find((p) => p.bailleurId === bailleurA && p.id !== logement.programmeId)!;
    const before = (await s.db.dataSource.query('SELECT programme_id FROM logement WHERE id = $1', [logement.id]))[0]
      .programme_id;
    const refusals = [];
    for (const programmeId of [foreign.id, randomUUID()]) {
      const res = await s.http().patch(`/api/logements/${logement.id}`).set(auth(managerA)).send({ programmeId });
      refusals.push([res.status, res.body]);
    }
    expect(refusals[0]).toEqual([
      400,
      {
        statusCode: 400,
        message: 'Requête invalide',
        erreurs: [{ champ: 'programmeId', raison: "n'est pas un programme du bailleur de ce logement" }],
      },
    ]);
    expect(refusals[1]).toEqual(refusals[0]);
    expect(
      (await s.db.dataSource.query('SELECT programme_id FROM logement WHERE id = $1', [logement.id]))[0].programme_id,
    ).toBe(before);
    const ok = await s.http().patch(`/api/logements/${logement.id}`).set(auth(managerA)).send({ programmeId: own.id });
    expect(ok.status).toBe(200);
    expect(ok.body.programmeId).toBe(own.id);
  });

  describe('a demand profile shared by several bailleurs', () => {
    const profil = (code: string) => [
      {
        reservataire: code,
        annee: 2026,
        demandes: [{ typologie: 'T2', demandeurs: 7 }],
        quartiles: [0.25, 0.25, 0.25, 0.25],
        prioritaires: 0.1,
        delaiMoyenJours: 10,
        tauxRefus: 0.1,
      },
    ];
    let shared: { id: string; code: string };

    beforeAll(async () => {
      const byReservataire = new Map<string, Set<string>>();
      for (const c of s.demo.conventions)
        byReservataire.set(c.reservataireId, (byReservataire.get(c.reservataireId) ?? new Set()).add(c.bailleurId));
      const id = [...byReservataire].find(([, b]) => b.has(bailleurA) && b.size >= 2)![0];
      shared = { id, code: s.demo.reservataires.find((r) => r.id === id)!.code };
    });

    /** The stored profile (with its lines) of the shared réservataire for 2026, as text. */
    const stored = async () =>
      JSON.stringify(
        await s.db.dataSource.query(
          `SELECT p.*, (SELECT json_agg(l ORDER BY l::text) FROM profil_demande_ligne l WHERE l.profil_demande_id = p.id) AS lignes
           FROM profil_demande p WHERE p.reservataire_id = $1 AND p.annee = 2026`,
          [shared.id],
        ),
      );
    let initial: string;
    beforeAll(async () => {
      initial = await stored();
    });

    it('a MANAGER may not import demand profiles', async () => {
      const res = await s.http().post('/api/profils-demande/import').set(auth(managerA)).send(profil(shared.code));
      expect(res.status).toBe(403);
      expect(await stored()).toBe(initial);
    });

    it('an ADMIN of one of its bailleurs is refused, naming the others; an ADMIN of all of them replaces it', async () => {
      const adminA = await s.account('ADMIN', [bailleurA]);
      const refused = await s.http().post('/api/profils-demande/import').set(auth(adminA)).send(profil(shared.code));
      expect(refused.status).toBe(403);
      expect(refused.body.message).toMatch(/seul un administrateur de tous ces bailleurs/);
      const others = s.demo.bailleurs.filter(
        (b) =>
          b.id !== bailleurA && s.demo.conventions.some((c) => c.bailleurId === b.id && c.reservataireId === shared.id),
      );
      for (const b of others) expect(refused.body.message).toContain(b.nom);
      expect(await stored()).toBe(initial);
      const adminAll = await s.account(
        'ADMIN',
        s.demo.bailleurs.map((b) => b.id),
      );
      const ok = await s.http().post('/api/profils-demande/import').set(auth(adminAll)).send(profil(shared.code));
      expect(ok.status).toBe(200);
      expect(await stored()).not.toBe(initial);
      expect(await stored()).toContain('"demandeurs":7');
    });
  });
});

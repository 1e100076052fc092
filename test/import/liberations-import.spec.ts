/**
 * `importLiberations` on the real PostgreSQL (own database, demo seeded): the CSV read, the RPLS ids
 * resolved by batches within the bailleur, each line declared in file order with the scope narrowed
 * to the bailleur. `declare` is the flow's injection point; here it records the calls (the HTTP
 * route with the real flow is covered by test/flow/liberations-import.e2e.spec.ts).
 */
import { Readable } from 'node:stream';
import type { AccessScope } from '@aiguillage/core';
import { NonTraitableError } from '@aiguillage/core/platform/live';
import { importLiberations, type DeclarerDansLeFlux, type DeclarerLiberation } from '@aiguillage/core/liberations';
import { ImportRefuseError } from '@aiguillage/core/imports';
import type { DemoDepartement } from '@aiguillage/demo';
import { openIsolatedDatabase, seedDemo, type IsolatedDatabase } from '../helpers/app';

jest.setTimeout(60_000);

let db: IsolatedDatabase;
let demo: DemoDepartement;
let bailleurId: string;
let scope: AccessScope;
/** Four flats of the bailleur (R1..R4) and one of another bailleur. */
let flats: Array<{ id: string; rplsId: string }>;
let other: { id: string; rplsId: string };

beforeAll(async () => {
  db = await openIsolatedDatabase();
  demo = await seedDemo(db.dataSource);
  bailleurId = demo.bailleurs[0].id;
  scope = {
    userId: 'u',
    email: 'charge@test',
    role: 'CHARGE',
    bailleurIds: [bailleurId, demo.bailleurs[1].id],
    reservataireId: null,
  };
  flats = demo.logements.filter((l) => l.bailleurId === bailleurId).slice(0, 4);
  other = demo.logements.find((l) => l.bailleurId === demo.bailleurs[1].id)!;
});
afterAll(() => db?.drop());

/** The real DataSource, counting its queries (its own, or its manager's: the repositories'); a `declare` recording its calls (idempotent on flat × day). */
function harness() {
  const queries: unknown[][] = [];
  const counting = <T extends object>(target: T): T =>
    new Proxy(target, {
      get: (t: any, prop) =>
        prop === 'query'
          ? (sql: string, params: unknown[]) => {
              queries.push(params);
              return t.query(sql, params);
            }
          : prop === 'manager'
            ? counting(t.manager)
            : Reflect.get(t, prop),
    });
  const dataSource = counting(db.dataSource);
  const declared: Array<{ scope: AccessScope; input: DeclarerLiberation; champ: string }> = [];
  const seen = new Set<string>();
  const declare: DeclarerDansLeFlux = async (s, input, _key, champ) => {
    declared.push({ scope: s, input, champ });
    if (input.date.startsWith('2031')) throw new NonTraitableError('date', "aucun exercice 2031 n'est défini");
    const k = `${input.logementId}@${input.date}`;
    const created = !seen.has(k);
    seen.add(k);
    return {
      created,
      liberation: {
        id: k,
        logementId: input.logementId,
        bailleurId,
        date: input.date,
        motif: input.motif,
        kind: input.kind ?? 'ROTATION',
      },
      recommendation: null,
    };
  };
  return { dataSource, declare, declared, queries };
}

describe('importLiberations', () => {
  it('declares the good lines in file order with the bailleur-narrowed scope, resolving RPLS ids by batches', async () => {
    const h = harness();
    const [r1, r2, r3, r4] = flats.map((f) => f.rplsId);
    const csv = [
      'RPLS;Date;Motif',
      `${r1};2026-01-02;conge`,
      `${r2};03/01/2026;DECES`,
      `${other.rplsId};2026-01-04;CONGE`,
      `${r1};2026-01-02;CONGE`,
      `${r3};2031-01-01;CONGE`,
      `${r4};2026-01-05;CONGE`,
    ].join('\n');
    const r = await importLiberations({
      dataSource: h.dataSource,
      scope,
      bailleurId,
      input: csv,
      declare: h.declare,
      batchSize: 2,
    });
    expect(r).toMatchObject({ lignes: 6, creees: 3, existantes: 1, lignesEnErreur: 2, delimiter: ';' });
    expect(r.erreurs).toEqual([
      { ligne: 4, colonne: 'RPLS', message: `logement RPLS « ${other.rplsId} » inconnu pour ce bailleur` },
      { ligne: 6, colonne: 'Date', message: "aucun exercice 2031 n'est défini" },
    ]);
    expect(h.declared.map((d) => d.champ)).toEqual(['ligne 2', 'ligne 3', 'ligne 5', 'ligne 6', 'ligne 7']);
    expect(h.declared[1].input).toEqual({
      logementId: flats[1].id,
      date: '2026-01-03',
      motif: 'DECES',
      kind: 'ROTATION',
    });
    expect(h.declared.every((d) => d.scope.bailleurIds.length === 1 && d.scope.bailleurIds[0] === bailleurId)).toBe(
      true,
    );
    expect(h.queries).toHaveLength(3); // one per batch of 2 lines
    expect(h.queries.every((p) => p[0] === bailleurId)).toBe(true);
  });

  it('processes at most maxLignes lines and reports the following ones', async () => {
    const h = harness();
    const lines = flats.concat(flats[0]).map((f, i) => `${f.rplsId},2026-02-0${i + 1},CONGE`);
    const input = Readable.from([Buffer.from(['rpls,date,motif', ...lines].join('\n'))]);
    const r = await importLiberations({
      dataSource: h.dataSource,
      scope,
      bailleurId,
      input,
      declare: h.declare,
      maxLignes: 3,
    });
    expect(r).toMatchObject({ lignes: 5, creees: 3, lignesEnErreur: 2 });
    expect(r.erreurs.map((e) => [e.ligne, e.message])).toEqual([
      [5, 'au plus 3 lignes par fichier : ligne non traitée'],
      [6, 'au plus 3 lignes par fichier : ligne non traitée'],
    ]);
  });

  it('refuses a header without an identifier, date or motif column before declaring anything', async () => {
    const h = harness();
    await expect(
      importLiberations({
        dataSource: h.dataSource,
        scope,
        bailleurId,
        input: `rpls;motif\n${flats[0].rplsId};CONGE\n`,
        declare: h.declare,
      }),
    ).rejects.toThrow(
      new ImportRefuseError('En-tête inutilisable : colonne « date » introuvable (en-tête lu : rpls;motif).'),
    );
    await expect(
      importLiberations({
        dataSource: h.dataSource,
        scope,
        bailleurId,
        input: 'numero;jour\n1;2\n',
        declare: h.declare,
      }),
    ).rejects.toThrow(/colonnes « rpls » ou « logementId », « date », « motif » introuvables/);
    expect(h.declared).toHaveLength(0);
  });
});

/**
 * `POST /api/bailleurs/:id/liberations/import` on the real PostgreSQL (own database, jobs in-process):
 * a CSV of notices keyed by RPLS id, each valid line declared through the live flow (recommendation
 * stored and `recommendation.created` pushed to the bailleur's staff), bad lines reported with line,
 * column and a French reason, re-upload idempotent, unusable header refused, access scoped.
 */
process.env.FLOW_DUREE_JOUR_MS = '60000';
process.env.FLOW_POLL_MS = '200';

import type { INestApplication } from '@nestjs/common';
import { logementsLiberables, type DemoDepartement } from '@aiguillage/demo';
import request from 'supertest';
import { account, bootApp, LiveClient, type Account, type IsolatedDatabase, type TestApp } from '../helpers/app';

jest.setTimeout(60_000);

describe('libérations import (POST /api/bailleurs/:id/liberations/import)', () => {
  let t: TestApp;
  let db: IsolatedDatabase;
  let app: INestApplication;
  let url: string;
  let demo: DemoDepartement;
  let bailleurId: string;
  let charge: Account;
  let live: LiveClient;
  let flatCursor = 0;

  const http = () => request(url);
  const auth = (a: Account) => ({ Authorization: `Bearer ${a.token}` });
  const route = () => `/api/bailleurs/${bailleurId}/liberations/import`;
  const freeFlat = () => logementsLiberables(demo, bailleurId)[flatCursor++];
  const counts = async () => {
    const [row] = await db.dataSource.query(
      `SELECT (SELECT count(*) FROM liberation WHERE bailleur_id = $1)::int AS liberations,
              (SELECT count(*) FROM recommendation WHERE bailleur_id = $1)::int AS recommendations`,
      [bailleurId],
    );
    return row as { liberations: number; recommendations: number };
  };
  const liberationOf = async (logementId: string, date: string) => {
    const rows: Array<{ id: string; motif: string; kind: string; recos: number }> = await db.dataSource.query(
      `SELECT l.id, l.motif, l.kind, (SELECT count(*) FROM recommendation r WHERE r.liberation_id = l.id)::int AS recos
       FROM liberation l WHERE l.logement_id = $1 AND l.date = $2`,
      [logementId, date],
    );
    return rows;
  };

  /**
   * Checks one upload of a 5-line file (2 good lines, then an unknown RPLS id, a bad date, an unknown
   * motif) and its re-upload; `send` posts the file.
   */
  const checkFile = async (
    send: () => request.Test,
    good: Array<{ logementId: string; date: string; motif: string; kind: string }>,
    cols: { id: string; date: string; motif: string },
  ) => {
    const before = await counts();
    const res = await send();
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ lignes: 5, creees: 2, existantes: 0, lignesEnErreur: 3 });
    expect(res.body.erreurs).toEqual([
      {
        ligne: 4,
        colonne: cols.id,
        message: expect.stringMatching(/^logement RPLS « INCONNU-\d+ » inconnu pour ce bailleur$/),
      },
      {
        ligne: 5,
        colonne: cols.date,
        message: expect.stringContaining("n'est pas une date valide (attendu AAAA-MM-JJ ou JJ/MM/AAAA)"),
      },
      {
        ligne: 6,
        colonne: cols.motif,
        message: expect.stringMatching(
          /^« demenagement » n'est pas un motif de libération \(attendu l'un de : CONGE, /i,
        ),
      },
    ]);
    expect(await counts()).toEqual({
      liberations: before.liberations + 2,
      recommendations: before.recommendations + 2,
    });

    for (const g of good) {
      const [lib, ...others] = await liberationOf(g.logementId, g.date);
      expect(others).toHaveLength(0);
      expect(lib).toMatchObject({ motif: g.motif, kind: g.kind, recos: 1 });
      const pushed = await live.waitFor(`recommendation.created de ${lib.id}`, () =>
        live.of('recommendation.created').find((e) => e.liberationId === lib.id),
      );
      expect(pushed).toMatchObject({
        bailleurId,
        date: g.date,
        logement: expect.objectContaining({ id: g.logementId }),
      });
    }
    const pushedBefore = live.of('recommendation.created').length;

    // The same file again: nothing created, nothing pushed.
    const again = await send();
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ lignes: 5, creees: 0, existantes: 2, lignesEnErreur: 3 });
    expect(again.body.erreurs).toEqual(res.body.erreurs);
    expect(await counts()).toEqual({
      liberations: before.liberations + 2,
      recommendations: before.recommendations + 2,
    });
    // A marker logged after the re-upload: had it pushed anything, it would have arrived before it.
    const beforeMarker = await live.barrier(db.dataSource, bailleurId);
    expect(beforeMarker.filter((e) => e.type === 'recommendation.created')).toHaveLength(pushedBefore);
  };

  beforeAll(async () => {
    t = await bootApp();
    ({ app, url, database: db, demo } = t);
    bailleurId = demo.bailleurs[0].id;
    charge = await account(app, 'CHARGE', [bailleurId]);
    live = new LiveClient(url, charge.token);
    await live.connected();
  });

  afterAll(async () => {
    live?.close();
    await t?.close();
  });

  it('imports a Latin-1 file with `;` keyed by RPLS id: each good line declared and pushed, bad lines reported; a re-upload creates nothing', async () => {
    const a = freeFlat();
    const b = freeFlat();
    const c = freeFlat();
    const d = freeFlat();
    const csv = [
      'Identifiant RPLS;Date libération;Motif;Commentaire',
      `${a.rplsId};15/06/2026;conge;congé reçu le 2 mai`,
      `${b.rplsId};2026-06-16;Mutation_Sortante;préavis réduit`,
      'INCONNU-1;2026-06-17;CONGE;',
      `${c.rplsId};31/02/2026;CONGE;date erronée`,
      `${d.rplsId};2026-06-18;DEMENAGEMENT;`,
    ].join('\r\n');
    const body = Buffer.from(csv + '\r\n', 'latin1');
    expect(body.includes(Buffer.from('é', 'utf8'))).toBe(false); // really Latin-1

    await checkFile(
      () => http().post(route()).set(auth(charge)).set('Content-Type', 'text/csv').send(body),
      [
        { logementId: a.id, date: '2026-06-15', motif: 'CONGE', kind: 'ROTATION' },
        { logementId: b.id, date: '2026-06-16', motif: 'MUTATION_SORTANTE', kind: 'ROTATION' },
      ],
      { id: 'Identifiant RPLS', date: 'Date libération', motif: 'Motif' },
    );
    const res = await http().post(route()).set(auth(charge)).set('Content-Type', 'text/csv').send(body);
    expect(res.body).toMatchObject({ encoding: 'windows-1252', delimiter: ';' });
  });

  it('imports a UTF-8 file with `,` (multipart), a line keyed by logementId and a type column', async () => {
    const a = freeFlat();
    const b = freeFlat();
    const c = freeFlat();
    const d = freeFlat();
    const csv = [
      'rpls,logementId,date,motif,type,commentaire',
      `${a.rplsId},,2026-07-01,DECES,rotation,"décès, succession ouverte"`,
      `,${b.id},01/07/2026,conge,,`,
      'INCONNU-2,,2026-07-02,CONGE,,',
      `${c.rplsId},,2026-13-01,CONGE,,`,
      `${d.rplsId},,2026-07-03,demenagement,,`,
    ].join('\n');
    const file = Buffer.from(csv + '\n', 'utf8');

    await checkFile(
      () =>
        http()
          .post(route())
          .set(auth(charge))
          .attach('fichier', file, { filename: 'conges-juillet.csv', contentType: 'text/csv' }),
      [
        { logementId: a.id, date: '2026-07-01', motif: 'DECES', kind: 'ROTATION' },
        { logementId: b.id, date: '2026-07-01', motif: 'CONGE', kind: 'ROTATION' },
      ],
      { id: 'rpls', date: 'date', motif: 'motif' },
    );
    const res = await http()
      .post(route())
      .set(auth(charge))
      .attach('fichier', file, { filename: 'conges-juillet.csv', contentType: 'text/csv' });
    expect(res.body).toMatchObject({ encoding: 'utf-8', delimiter: ',' });
  });

  it('reports a flat of another bailleur, a year without exercice and a bad type as line errors', async () => {
    const other = demo.logements.find((l) => l.bailleurId !== bailleurId)!;
    const a = freeFlat();
    const b = freeFlat();
    const before = await counts();
    const csv = [
      'rpls;logementId;date;motif;type',
      `${other.rplsId};;2026-08-01;CONGE;`,
      `;${other.id};2026-08-01;CONGE;`,
      `${a.rplsId};;2031-08-01;CONGE;`,
      `${b.rplsId};;2026-08-01;CONGE;VENTE`,
    ].join('\n');
    const res = await http().post(route()).set(auth(charge)).set('Content-Type', 'text/csv').send(csv);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ lignes: 4, creees: 0, existantes: 0, lignesEnErreur: 4 });
    expect(res.body.erreurs).toEqual([
      { ligne: 2, colonne: 'rpls', message: `logement RPLS « ${other.rplsId} » inconnu pour ce bailleur` },
      { ligne: 3, colonne: 'logementId', message: `logement inconnu « ${other.id} »` },
      { ligne: 4, colonne: 'date', message: expect.stringContaining("aucun exercice 2031 n'est défini") },
      { ligne: 5, colonne: 'type', message: expect.stringContaining("« VENTE » n'est pas un type de libération") },
    ]);
    expect(await counts()).toEqual(before);
  });

  it('refuses a file without a date column as a whole (400, French reason, nothing created)', async () => {
    const a = freeFlat();
    const before = await counts();
    const res = await http()
      .post(route())
      .set(auth(charge))
      .set('Content-Type', 'text/csv')
      .send(`rpls;motif\n${a.rplsId};CONGE\n`);
    expect(res.status).toBe(400);
    expect(res.body.message).toMatch(/^En-tête inutilisable : colonne « date » introuvable/);
    const sansId = await http()
      .post(route())
      .set(auth(charge))
      .set('Content-Type', 'text/csv')
      .send(`numero;date;motif\n${a.rplsId};2026-09-01;CONGE\n`);
    expect(sansId.status).toBe(400);
    expect(sansId.body.message).toContain('« rpls » ou « logementId »');
    expect(await counts()).toEqual(before);
  });

  it("refuses another bailleur's chargé and a réservataire (403), nothing created", async () => {
    const a = freeFlat();
    const before = await counts();
    const csv = `rpls;date;motif\n${a.rplsId};2026-09-02;CONGE\n`;
    const stranger = await account(app, 'CHARGE', [demo.bailleurs[1].id]);
    const res = await http().post(route()).set(auth(stranger)).set('Content-Type', 'text/csv').send(csv);
    expect(res.status).toBe(403);
    expect(res.body.message).toContain('périmètre');
    const reservataireId = demo.conventions.find((c) => c.bailleurId === bailleurId)!.reservataireId;
    const reservataire = await account(app, 'RESERVATAIRE', [bailleurId], reservataireId);
    const refused = await http().post(route()).set(auth(reservataire)).set('Content-Type', 'text/csv').send(csv);
    expect(refused.status).toBe(403);
    expect(refused.body.message).toContain('ADMIN, MANAGER, CHARGE');
    expect(await counts()).toEqual(before);
    expect(await liberationOf(a.id, '2026-09-02')).toHaveLength(0);
  });
});

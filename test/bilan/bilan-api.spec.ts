/**
 * The bilan through the API on a real PostgreSQL: the hand-computed year written row by row, then
 * generated as a background job (progress pushed on the websocket), read back from SQL into exactly
 * the figures of the pure computation; same hash twice; immutable snapshot; who may read what.
 */
import type { INestApplication } from '@nestjs/common';
import { execFileSync } from 'child_process';
import { mkdtempSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import ExcelJS from 'exceljs';
import request from 'supertest';
import { calculerBilan } from '@aiguillage/core/bilan/compute';
import {
  account,
  bootApp,
  LiveClient,
  openIsolatedDatabase,
  type Account,
  type IsolatedDatabase,
} from '../helpers/app';
import { fixtureInput, IDS } from './fixture/annee-fixture';
import { insererFixture } from './fixture/inserer';

/** supertest parser keeping a binary body (XLSX, PDF) as a Buffer. */
const binaire = (res: request.Response, cb: (err: Error | null, body: Buffer) => void) => {
  const stream = res as unknown as NodeJS.ReadableStream;
  const chunks: Buffer[] = [];
  stream.on('data', (c: Buffer) => chunks.push(c));
  stream.on('end', () => cb(null, Buffer.concat(chunks)));
};

jest.setTimeout(30_000);

describe('bilan annuel par l’API', () => {
  let db: IsolatedDatabase;
  let app: INestApplication;
  let url: string;
  let manager: Account;
  let als: Account;
  let etat: Account;
  let socket: LiveClient;
  let snapshotId: string;
  const http = () => request(url);

  beforeAll(async () => {
    db = await openIsolatedDatabase();
    await insererFixture(db.dataSource);
    ({ app, url } = await bootApp({ databaseUrl: db.url, seed: false }));
    manager = await account(app, 'MANAGER', [IDS.bailleur]);
    als = await account(app, 'RESERVATAIRE', [IDS.bailleur], IDS.als);
    etat = await account(app, 'RESERVATAIRE', [IDS.bailleur], IDS.etat);
    socket = new LiveClient(url, manager.token);
    await socket.connected();
  }, 60_000);

  afterAll(async () => {
    socket?.close();
    await app?.close();
    await db?.drop();
  });

  const generer = async (token: string) => {
    const res = await http()
      .post('/api/bilans')
      .set('Authorization', `Bearer ${token}`)
      .send({ bailleurId: IDS.bailleur, departement: '93', annee: 2025 });
    return res;
  };

  it('génère le bilan en tâche de fond, pousse la progression sur le websocket, puis le met à disposition', async () => {
    const res = await generer(manager.token);
    expect(res.status).toBe(202);
    expect(res.body).toMatchObject({ statut: 'EN_ATTENTE', progression: 0, annee: 2025 });
    const id = res.body.id;
    const fin = await socket.waitFor('bilan terminé', () =>
      socket.of('bilan.progression').find((e) => e.generationId === id && e.statut === 'TERMINEE'),
    );
    const etapes = socket
      .of('bilan.progression')
      .filter((e) => e.generationId === id)
      .map((e) => e.progression);
    expect(etapes).toEqual([10, 50, 80, 100]);
    snapshotId = fin.snapshotId as string;
    const statut = await http().get(`/api/bilans/generations/${id}`).set('Authorization', `Bearer ${manager.token}`);
    expect(statut.body).toMatchObject({ statut: 'TERMINEE', progression: 100, snapshotId });
  });

  it('lu depuis SQL, le bilan donne exactement les chiffres calculés à la main', async () => {
    const res = await http().get(`/api/bilans/${snapshotId}`).set('Authorization', `Bearer ${manager.token}`);
    expect(res.status).toBe(200);
    expect(res.body.lignes).toBe(20);
    expect(res.body.hash).toMatch(/^[0-9a-f]{64}$/);
    // The forecast objectives are the live flow's (a territorial rate takes its territory's share of
    // the supply model: C4's 10 % of the commune's flux, not of the whole département's).
    const live = await http()
      .get(`/api/exercices/${IDS.exercice}/progression?date=2025-12-31`)
      .set('Authorization', `Bearer ${manager.token}`);
    expect(live.status).toBe(200);
    const objectifsPrevus = Object.fromEntries(
      live.body.conventions.map((c: { conventionId: string; objectifPrevu: number }) => [
        c.conventionId,
        c.objectifPrevu,
      ]),
    );
    expect(objectifsPrevus[IDS.c4]).toBeLessThan(2);
    // With the département's name, read from the référentiel (the migration names the official ones).
    expect(res.body.bilan).toEqual({
      ...JSON.parse(JSON.stringify(calculerBilan({ ...fixtureInput(), objectifsPrevus }))),
      departementNom: 'Seine-Saint-Denis',
    });
    expect(res.body.departementNom).toBe('Seine-Saint-Denis');
  });

  it('même année, même version : même empreinte, même instantané ; l’instantané est immuable', async () => {
    const res = await generer(manager.token);
    const again = await socket.waitFor('second bilan', () =>
      socket.of('bilan.progression').find((e) => e.generationId === res.body.id && e.statut === 'TERMINEE'),
    );
    expect(again.snapshotId).toBe(snapshotId);
    expect(again.etape).toMatch(/identique à un instantané existant/);
    const liste = await http().get('/api/bilans?annee=2025').set('Authorization', `Bearer ${manager.token}`);
    expect(liste.body).toHaveLength(1);
    expect(liste.body[0]).toMatchObject({ id: snapshotId, calculePar: manager.nom });
    await expect(
      db.dataSource.query(`UPDATE bilan_snapshot SET lignes = 0 WHERE id = $1`, [snapshotId]),
    ).rejects.toThrow(/journal d'audit/);
    await expect(db.dataSource.query(`DELETE FROM bilan_snapshot WHERE id = $1`, [snapshotId])).rejects.toThrow(
      /journal d'audit/,
    );
  });

  it('un bilan calculé par un traitement (sans auteur) est listé avec calculePar à null', async () => {
    await db.dataSource.query(
      `INSERT INTO bilan_snapshot (bailleur_id, departement, annee, version_evenements, hash, contenu, lignes)
       VALUES ($1, '93', 2019, 0, $2, '{}', 0)`,
      [IDS.bailleur, 'a'.repeat(64)],
    );
    const liste = await http().get('/api/bilans?annee=2019').set('Authorization', `Bearer ${manager.token}`);
    expect(liste.status).toBe(200);
    expect(liste.body).toEqual([expect.objectContaining({ annee: 2019, calculePar: null })]);
  });

  it('chaque chiffre s’ouvre sur ses logements et décisions', async () => {
    const res = await http()
      .get(`/api/bilans/${snapshotId}/detail`)
      .query({ perimetre: 'convention', id: IDS.c1, indicateur: 'retours' })
      .set('Authorization', `Bearer ${manager.token}`);
    expect(res.status).toBe(200);
    expect(res.body.nombre).toBe(1);
    expect(res.body.lignes[0]).toMatchObject({
      rpls: 'RPLS-93-0002',
      statutProposition: 'Délai expiré (retour)',
      decisionId: IDS.decision(2),
      commune: 'Saint-Écluse',
    });
    const parPeriode = await http()
      .get(`/api/bilans/${snapshotId}/detail`)
      .query({ perimetre: 'bailleur', indicateur: 'attribues', dimension: 'qpv', valeur: 'QPV' })
      .set('Authorization', `Bearer ${manager.token}`);
    expect(parPeriode.body.lignes.map((l: { rpls: string }) => l.rpls)).toEqual(['RPLS-93-0001', 'RPLS-93-0006']);
    const bad = await http()
      .get(`/api/bilans/${snapshotId}/detail`)
      .query({ perimetre: 'bailleur', indicateur: 'nimporte' })
      .set('Authorization', `Bearer ${manager.token}`);
    expect(bad.status).toBe(400);
    expect(bad.body.erreurs).toEqual([expect.objectContaining({ champ: 'indicateur' })]);
    const sansId = await http()
      .get(`/api/bilans/${snapshotId}/detail`)
      .query({ perimetre: 'convention', indicateur: 'proposes' })
      .set('Authorization', `Bearer ${manager.token}`);
    expect(sansId.status).toBe(400);
    expect(sansId.body.erreurs).toEqual([{ champ: 'id', raison: 'obligatoire pour le périmètre convention' }]);
  });

  it('un réservataire ne lit et ne télécharge que son propre bilan', async () => {
    const auth = { Authorization: `Bearer ${als.token}` };
    const lu = await http().get(`/api/bilans/${snapshotId}`).set(auth);
    expect(lu.status).toBe(200);
    expect(lu.body.bilan.conventions.map((c: { reference: string }) => c.reference)).toEqual(['C2-ALS']);
    expect(lu.body.bilan.consolide).toBeUndefined();
    expect(lu.body.bilan.epcis).toEqual([]);
    expect(lu.body.bilan.derogations.map((d: { rplsId: string }) => d.rplsId)).toEqual(['RPLS-93-0007']);
    const xlsx = await http()
      .get(`/api/bilans/${snapshotId}/reservataires/${IDS.als}/xlsx`)
      .set(auth)
      .buffer(true)
      .parse(binaire);
    expect(xlsx.status).toBe(200);
    expect(xlsx.headers['content-disposition']).toContain('bilan-2025-93-action-logement-services.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.body);
    expect(wb.getWorksheet('Détail')!.rowCount).toBe(5);
    expect((await http().get(`/api/bilans/${snapshotId}/reservataires/${IDS.etat}/pdf`).set(auth)).status).toBe(403);
    expect((await http().get(`/api/bilans/${snapshotId}/consolide/xlsx`).set(auth)).status).toBe(403);
    const autre = await http()
      .get(`/api/bilans/${snapshotId}/detail`)
      .query({ perimetre: 'convention', id: IDS.c1, indicateur: 'proposes' })
      .set(auth);
    expect(autre.status).toBe(403);
    expect(autre.body.message).toMatch(/ses propres conventions/);
    expect(
      (
        await http()
          .get(`/api/bilans/${snapshotId}/detail`)
          .query({ perimetre: 'bailleur', indicateur: 'proposes' })
          .set(auth)
      ).status,
    ).toBe(403);
    const sien = await http()
      .get(`/api/bilans/${snapshotId}/detail`)
      .query({ perimetre: 'convention', id: IDS.c2, indicateur: 'baux' })
      .set(auth);
    expect(sien.body.nombre).toBe(3);
    expect((await generer(als.token)).status).toBe(403);
    const pdf = await http()
      .get(`/api/bilans/${snapshotId}/reservataires/${IDS.etat}/pdf`)
      .set('Authorization', `Bearer ${etat.token}`)
      .buffer(true)
      .parse(binaire);
    expect(pdf.status).toBe(200);
    expect(pdf.body.subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('le consolidé (CIL) est réservé aux équipes du bailleur, en CSV pour Excel', async () => {
    const csv = await http()
      .get(`/api/bilans/${snapshotId}/consolide/csv`)
      .set('Authorization', `Bearer ${manager.token}`);
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    expect(csv.text.charCodeAt(0)).toBe(0xfeff);
    expect(csv.text.trim().split('\r\n')).toHaveLength(21);
    expect(
      (await http().get(`/api/bilans/${snapshotId}/consolide/odt`).set('Authorization', `Bearer ${manager.token}`))
        .status,
    ).toBe(400);
  });

  it('refuse une demande invalide en français sans rien écrire', async () => {
    const [{ n }] = await db.dataSource.query(`SELECT count(*)::int AS n FROM bilan_generation`);
    const res = await http()
      .post('/api/bilans')
      .set('Authorization', `Bearer ${manager.token}`)
      .send({ bailleurId: 'x', departement: '9999', annee: 'deux mille' });
    expect(res.status).toBe(400);
    expect(res.body.erreurs.map((e: { champ: string }) => e.champ).sort()).toEqual([
      'annee',
      'bailleurId',
      'departement',
    ]);
    const periodes = await http()
      .post('/api/bilans')
      .set('Authorization', `Bearer ${manager.token}`)
      .send({
        bailleurId: IDS.bailleur,
        departement: '93',
        annee: 2025,
        periodes: [{ libelle: 'x', debut: 2000, fin: 1990 }],
      });
    expect(periodes.status).toBe(400);
    expect(periodes.body.erreurs).toEqual([{ champ: 'periodes.0', raison: 'début (2000) après la fin (1990)' }]);
    expect((await db.dataSource.query(`SELECT count(*)::int AS n FROM bilan_generation`))[0].n).toBe(n);
  });

  it('propose l’actualisation 2026, chaque chiffre expliqué ; un gestionnaire la modifie puis la valide dans le nouvel exercice', async () => {
    const auth = { Authorization: `Bearer ${manager.token}` };
    expect(
      (await http().post('/api/actualisations').set('Authorization', `Bearer ${als.token}`).send({ snapshotId }))
        .status,
    ).toBe(403);
    const res = await http().post('/api/actualisations').set(auth).send({ snapshotId });
    expect(res.status).toBe(201);
    const p = res.body.proposition.proposition;
    // patrimoine: 20 flats, 1 DEFENSE, 1 in the sale plan; 17 ROTATION libérations in the flux in 2025 on 18 flats in the flux
    expect([p.assiette.logements.valeur, p.assiette.stockDefense.valeur, p.assiette.plansVente.valeur]).toEqual([
      20, 1, 1,
    ]);
    expect(p.rotationHistorique).toEqual([
      { annee: 2023, liberations: 0, taux: null },
      { annee: 2024, liberations: 0, taux: null },
      { annee: 2025, liberations: 17, taux: 0.944444 },
    ]);
    expect(p.assiette.tauxRotation.explication).toMatch(/prudence/);
    // (20 − 1 − 1) × 94,44 % = 17 ; minus the exclusions realised in 2025 (1 mutation, 2 NPNRU) = 14
    expect([p.fluxBrut, p.fluxARepartir.valeur]).toEqual([17, 14]);
    const obj = Object.fromEntries(
      p.objectifs.map((o: { reference: string; objectif: { valeur: number }; deficitReporte: { valeur: number } }) => [
        o.reference,
        [o.objectif.valeur, o.deficitReporte.valeur],
      ]),
    );
    // C1: 30 % × 14 + 1 carried = 5.2 → 5 ; C2 (the engine's closing: gap 2.6 + the 1 still due from the
    // 2025 spread = 3.6 → 4): 40 % × 14 + 4 / 2 = 7.6 → 8 ; C3 (the engine's closing of its pool: 6 rights
    // over 3 years, 1 lease in 2025 → 5 over 2): 2.5 → 3, nothing carried ; C4: 10 % × 14 = 1.4 → 1
    expect(obj).toEqual({ 'C1-PREFET': [5, 1], 'C2-ALS': [8, 4], 'C3-VILLE': [3, 0], 'C4-HOPITAL': [1, 0] });
    const c3 = p.objectifs.find((o: { reference: string }) => o.reference === 'C3-VILLE');
    expect(c3.suite.cible).toEqual({ type: 'DROITS_UNIQUES', nombre: 5, annees: 2 });
    expect(c3.objectif.explication).toMatch(/5 droit\(s\) unique\(s\) restant\(s\) sur 2 an\(s\)/);
    const id = res.body.id;
    const mod = await http()
      .patch(`/api/actualisations/${id}`)
      .set(auth)
      .send({ tauxRotation: 0.5, objectifs: [{ conventionId: IDS.c3, objectif: 4 }] });
    expect(mod.status).toBe(200);
    const q = mod.body.proposition.proposition;
    expect([q.fluxBrut, q.fluxARepartir.valeur]).toEqual([9, 6]);
    expect(q.objectifs.find((o: { reference: string }) => o.reference === 'C3-VILLE').objectif).toMatchObject({
      valeur: 4,
      explication: expect.stringMatching(/Saisi par le gestionnaire/),
    });
    const bad = await http().patch(`/api/actualisations/${id}`).set(auth).send({ tauxRotation: 3 });
    expect(bad.status).toBe(400);
    expect(bad.body.erreurs[0].champ).toBe('tauxRotation');
    const lettre = await http().get(`/api/actualisations/${id}/lettre.pdf`).set(auth).buffer(true).parse(binaire);
    const file = join(mkdtempSync(join(tmpdir(), 'lettre-')), 'lettre.pdf');
    writeFileSync(file, lettre.body);
    const text = execFileSync('pdftotext', ['-layout', file, '-']).toString('utf8');
    expect(text).toContain('prévision 2026 des logements exclus du flux');
    expect(text).toContain('Département : Seine-Saint-Denis (93)');
    expect(text).toMatch(/Relogements NPNRU\s+1\s+2\s+2/);
    const ok = await http().post(`/api/actualisations/${id}/valider`).set(auth);
    expect(ok.body.erreurs).toBeUndefined();
    expect(ok.status).toBe(200);
    expect(ok.body.statut).toBe('VALIDEE');
    const [ex] = await db.dataSource.query(
      `SELECT id, flux_a_repartir AS flux FROM exercice WHERE annee = 2026 AND bailleur_id = $1`,
      [IDS.bailleur],
    );
    expect(ex).toMatchObject({ id: ok.body.exerciceId, flux: 6 });
    const objectifs = await db.dataSource.query(
      `SELECT convention_id AS c, objectif FROM exercice_objectif WHERE exercice_id = $1 ORDER BY convention_id`,
      [ex.id],
    );
    expect(objectifs.map((o: { objectif: number }) => o.objectif)).toEqual([3, 4, 4, 1]); // flux 6: C1 0,3 × 6 + 1 = 2,8 → 3 ; C2 0,4 × 6 + 4 / 2 = 4,4 → 4 ; C3 entered 4 ; C4 0,6 → 1
    const [c2] = await db.dataSource.query(`SELECT deficit_reporte AS d FROM convention WHERE id = $1`, [IDS.c2]);
    expect(c2.d).toBe(4);
    // Written as the year closing writes: a version from 1 January 2026 (deficit, its year, the pool left), 2025's terms kept.
    const versions = async (id: string) =>
      (await http().get(`/api/conventions/${id}/versions`).set(auth)).body as Array<{
        dateEffet: string;
        convention: { deficitReporte: number; deficitAnnee: number | null; cible: unknown };
      }>;
    const v2 = await versions(IDS.c2);
    expect(v2.map((v) => [v.dateEffet, v.convention.deficitReporte, v.convention.deficitAnnee])).toEqual([
      ['2024-01-01', 2, 2025],
      ['2026-01-01', 4, 2026],
    ]);
    expect((await versions(IDS.c3)).at(-1)).toMatchObject({
      dateEffet: '2026-01-01',
      convention: { cible: { type: 'DROITS_UNIQUES', nombre: 5, annees: 2 }, deficitAnnee: 2026 },
    });
    // One guard each way: the closing of 2025 is refused after the validated actualisation.
    const cloture = await http().post(`/api/exercices/${IDS.exercice}/cloture`).set(auth).send({});
    expect(cloture.status).toBe(409);
    expect(cloture.body.message ?? JSON.stringify(cloture.body)).toMatch(/actualisation 2026 est déjà validée/);
    expect((await http().patch(`/api/actualisations/${id}`).set(auth).send({ tauxRotation: 0.4 })).status).toBe(409);
  });

  it('une nouvelle transition du moteur change la version d’événements : un nouvel instantané, l’ancien reste lisible', async () => {
    const [event] = await db.dataSource.query(
      `INSERT INTO event_log (type, bailleur_id, payload) VALUES ('etat.transition', $1, $2::jsonb) RETURNING id::text`,
      [
        IDS.bailleur,
        JSON.stringify({ exerciceId: IDS.exercice, transition: { kind: 'candidatsRecus', conventionId: IDS.c1 } }),
      ],
    );
    const res = await generer(manager.token);
    const fin = await socket.waitFor('bilan à la nouvelle version', () =>
      socket.of('bilan.progression').find((e) => e.generationId === res.body.id && e.statut === 'TERMINEE'),
    );
    expect(fin.snapshotId).not.toBe(snapshotId);
    const auth = { Authorization: `Bearer ${manager.token}` };
    const [nouveau, ancien] = await Promise.all([
      http()
        .get(`/api/bilans/${fin.snapshotId as string}`)
        .set(auth),
      http().get(`/api/bilans/${snapshotId}`).set(auth),
    ]);
    expect(nouveau.body.versionEvenements).toBe(event.id);
    expect(ancien.body.versionEvenements).toBe('0');
    expect(nouveau.body.hash).not.toBe(ancien.body.hash);
    expect(nouveau.body.bilan.consolide).toEqual(ancien.body.bilan.consolide);
  });
});

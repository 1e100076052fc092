/**
 * Issue 9 through the API, finding 3 wired: closing a year writes each convention's result onto the
 * next year, once, under its corrective action (and the droits-uniques pool), from 1 January N+1,
 * year N's own figures unchanged.
 */
import type { Convention, Exercice, Reservataire } from '@aiguillage/engine';
import { createTestApi, type TestApi } from '../api/api-test-app';

jest.setTimeout(90_000);
let api: TestApi;

beforeAll(async () => (api = await createTestApi()), 120_000);
afterAll(() => api?.close(), 60_000);

interface Ligne {
  conventionId: string;
  reference: string;
  objectif: number;
  realise: number;
  ecart: number;
  aRembourser: number;
  reportee: boolean;
  suite: Pick<Convention, 'deficitReporte' | 'deficitAnnee' | 'cible'>;
}

async function progression(exerciceId: string, date: string) {
  const res = await api.http
    .get(`/api/exercices/${exerciceId}/progression?date=${date}`)
    .set(await api.auth('MANAGER'));
  expect(res.status).toBe(200);
  return res.body.conventions as Array<{ conventionId: string; objectifPrevu: number; realise: number }>;
}

describe('clôture d’un exercice (constat 3 câblé)', () => {
  it('reporte le résultat de chaque convention sur l’année suivante selon son action corrective, une seule fois', async () => {
    const manager = await api.auth('MANAGER');
    const [e2026]: Exercice[] = (
      await api.http.get(`/api/exercices?annee=2026&bailleurId=${api.bailleurId}`).set(manager)
    ).body;
    const conventions: Convention[] = (await api.http.get(`/api/conventions?bailleurId=${api.bailleurId}`).set(manager))
      .body;
    const reservataires: Reservataire[] = (await api.http.get('/api/reservataires').set(manager)).body;
    const kind = (c: Convention) => reservataires.find((r) => r.id === c.reservataireId)!.kind;
    // One convention under each corrective action, and a droits-uniques pool when the demo has one.
    const taux = conventions.filter(
      (c) => c.cible.type === 'TAUX' && !c.dateFin && kind(c) !== 'DEFENSE' && kind(c) !== 'ETAT',
    );
    const [report, rembourse] = [taux[0], taux[1]];
    const put = async (c: Convention, over: Partial<Convention>) => {
      const { id, ...body } = c;
      const res = await api.http
        .put(`/api/conventions/${id}`)
        .set(manager)
        .send({ ...body, ...over, dateEffet: c.dateDebut });
      expect(res.status).toBe(200);
    };
    await put(report, { actionCorrective: 'REPORT', deficitReporte: 0 });
    await put(rembourse, { actionCorrective: 'REMBOURSEMENT', etalementAnnees: null, deficitReporte: 0 });
    const pool = conventions.find((c) => c.cible.type === 'DROITS_UNIQUES' && !c.dateFin);
    const avant = await progression(e2026.id, '2026-12-31');

    expect((await api.http.get(`/api/exercices/${e2026.id}/cloture`).set(manager)).body).toEqual({
      cloturee: false,
      cloture: null,
    });
    const droitsNouveaux = pool ? [{ conventionId: pool.id, nombre: 4 }] : [];
    const cloture = await api.http.post(`/api/exercices/${e2026.id}/cloture`).set(manager).send({ droitsNouveaux });
    expect(cloture.status).toBe(201);
    const lignes: Ligne[] = cloture.body.conventions;
    const ligne = (c: Convention) => lignes.find((l) => l.conventionId === c.id)!;
    const attendu = (c: Convention) => avant.find((x) => x.conventionId === c.id)!;

    // REPORT: the whole gap due in 2027, once.
    const r = ligne(report);
    expect(r).toMatchObject({
      objectif: attendu(report).objectifPrevu,
      realise: attendu(report).realise,
      reportee: true,
    });
    expect(r.ecart).toBeCloseTo(attendu(report).objectifPrevu - attendu(report).realise, 6);
    // Whole flats are carried.
    expect(r.suite).toMatchObject({ deficitReporte: Math.round(r.ecart), deficitAnnee: 2027 });
    expect((await api.http.get(`/api/conventions/${report.id}`).set(manager)).body).toMatchObject({
      deficitReporte: Math.round(r.ecart),
      deficitAnnee: 2027,
    });
    const versions = (await api.http.get(`/api/conventions/${report.id}/versions`).set(manager)).body;
    expect(versions.map((v: { dateEffet: string }) => v.dateEffet)).toEqual([report.dateDebut, '2027-01-01']);
    // REMBOURSEMENT: the deficit recorded as owed, nothing carried.
    const m = ligne(rembourse);
    expect(m.aRembourser).toBeCloseTo(Math.max(0, m.ecart), 6);
    expect(m.suite.deficitReporte).toBe(Math.round(Math.min(0, m.ecart)));
    // The droits-uniques pool: shrinks by what it received, grows by the new rights, one year less.
    if (pool && pool.cible.type === 'DROITS_UNIQUES') {
      const p = ligne(pool);
      expect(p.suite.cible).toEqual({
        type: 'DROITS_UNIQUES',
        nombre: Math.round(Math.max(0, pool.cible.nombre - p.realise) + 4),
        annees: Math.max(1, pool.cible.annees - 1),
      });
    }
    // DEFENSE stock is not closed.
    expect(lignes.every((l) => kind(conventions.find((c) => c.id === l.conventionId)!) !== 'DEFENSE')).toBe(true);

    // Year 2026's own figures are unchanged; 2027 owes the carried gap once, 2028 no more.
    expect(
      (await progression(e2026.id, '2026-12-31')).find((x) => x.conventionId === report.id)!.objectifPrevu,
    ).toBeCloseTo(attendu(report).objectifPrevu, 6);
    const { id: _id, ...body } = e2026;
    const e2027 = (
      await api.http
        .post('/api/exercices')
        .set(manager)
        .send({ ...body, annee: 2027, objectifs: [] })
    ).body as Exercice;
    const e2028 = (
      await api.http
        .post('/api/exercices')
        .set(manager)
        .send({ ...body, annee: 2028, objectifs: [] })
    ).body as Exercice;
    const base = (report.cible as { taux: number }).taux * e2026.fluxARepartir;
    const o2027 = (await progression(e2027.id, '2027-06-30')).find((x) => x.conventionId === report.id)!.objectifPrevu;
    const o2028 = (await progression(e2028.id, '2028-06-30')).find((x) => x.conventionId === report.id)!.objectifPrevu;
    if (
      !report.territoire &&
      (await api.http.get(`/api/reservataires/${report.reservataireId}`).set(manager)).body.territoire.communes ===
        undefined
    ) {
      expect(o2027).toBeCloseTo(Math.max(0, base + Math.round(r.ecart)), 3);
      expect(o2028).toBeCloseTo(base, 3);
    } else {
      expect(o2027 - o2028).toBeCloseTo(Math.max(-o2028, Math.round(r.ecart)), 3);
    }

    // Once: a second closing is refused, nothing written again.
    const encore = await api.http.post(`/api/exercices/${e2026.id}/cloture`).set(manager).send({});
    expect(encore.status).toBe(409);
    expect(encore.body.message).toMatch(/L'exercice 2026 est déjà clôturé/);
    expect((await api.http.get(`/api/conventions/${report.id}`).set(manager)).body.deficitReporte).toBe(
      Math.round(r.ecart),
    );
    expect((await api.http.get(`/api/exercices/${e2026.id}/cloture`).set(manager)).body).toMatchObject({
      cloturee: true,
      cloture: { annee: 2026, conventions: expect.any(Array) },
    });
    // Only the bailleur's editors close a year.
    expect(
      (
        await api.http
          .post(`/api/exercices/${e2026.id}/cloture`)
          .set(await api.auth('CHARGE'))
          .send({})
      ).status,
    ).toBe(403);
  });

  it('l’actualisation d’une année déjà clôturée n’est pas validée : la clôture a déjà reporté les déficits (un garde dans chaque sens)', async () => {
    const manager = await api.auth('MANAGER');
    const [e2026]: Exercice[] = (
      await api.http.get(`/api/exercices?annee=2026&bailleurId=${api.bailleurId}`).set(manager)
    ).body;
    const cloture = await api.http.post(`/api/exercices/${e2026.id}/cloture`).set(manager).send({});
    expect([201, 409]).toContain(cloture.status); // closed here, or by the test above
    const generation = await api.http
      .post('/api/bilans')
      .set(manager)
      .send({ bailleurId: api.bailleurId, departement: e2026.departement, annee: 2026 });
    expect(generation.status).toBe(202);
    let statut = generation.body;
    for (let i = 0; i < 200 && statut.statut !== 'TERMINEE' && statut.statut !== 'ECHEC'; i++)
      statut = (await api.http.get(`/api/bilans/generations/${generation.body.id as string}`).set(manager)).body;
    expect(statut.statut).toBe('TERMINEE');
    const proposee = await api.http.post('/api/actualisations').set(manager).send({ snapshotId: statut.snapshotId });
    expect(proposee.status).toBe(201);
    const versionsAvant = (await api.db.query(`SELECT count(*)::int AS n FROM convention_version`))[0].n;
    const valider = await api.http.post(`/api/actualisations/${proposee.body.id as string}/valider`).set(manager);
    expect(valider.status).toBe(409);
    expect(valider.body.message).toMatch(/L'exercice 2026 est déjà clôturé/);
    // Nothing written: no version, the draft still a draft.
    expect((await api.db.query(`SELECT count(*)::int AS n FROM convention_version`))[0].n).toBe(versionsAvant);
    expect((await api.http.get(`/api/actualisations/${proposee.body.id as string}`).set(manager)).body.statut).toBe(
      'BROUILLON',
    );
  });
});

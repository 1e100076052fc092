/**
 * Issue 9 through the API (continued): NEUF first lettings outside the flux unless the convention
 * counts them (constat 8), and a carried deficit due once, in the year it is carried into (constat 3).
 */
// One "day" of a délai lasts a second: a DIRECTE délai opened here ends within the run, so that
// closing the app does not wait a month for its job.
process.env.FLOW_DUREE_JOUR_MS = '1000';

import type { Convention, Exercice } from '@aiguillage/engine';
import { createTestApi, logementsLibres, type TestApi } from '../api/api-test-app';

jest.setTimeout(60_000);
let api: TestApi;

beforeAll(async () => (api = await createTestApi()), 120_000);
afterAll(() => api?.close(), 120_000);

async function exercice(annee: number): Promise<Exercice> {
  const headers = await api.auth('MANAGER');
  const [found]: Exercice[] = (
    await api.http.get(`/api/exercices?annee=${annee}&bailleurId=${api.bailleurId}`).set(headers)
  ).body;
  if (found) return found;
  const [modele]: Exercice[] = (
    await api.http.get(`/api/exercices?annee=2026&bailleurId=${api.bailleurId}`).set(headers)
  ).body;
  const { id: _id, ...body } = modele;
  const saved = await api.http
    .post('/api/exercices')
    .set(headers)
    .send({ ...body, annee, objectifs: [] });
  expect(saved.status).toBe(201);
  return saved.body;
}

async function ligne(exerciceId: string, conventionId: string, date: string) {
  const res = await api.http
    .get(`/api/exercices/${exerciceId}/progression?date=${date}`)
    .set(await api.auth('MANAGER'));
  expect(res.status).toBe(200);
  return res.body.conventions.find((c: { conventionId: string }) => c.conventionId === conventionId) as {
    objectif: number;
    progress: { propositions: number };
    premieresLocations: number;
  };
}

describe('premières mises en location (NEUF) hors du flux (constat 8)', () => {
  it('recommandé et proposé, un logement neuf n’est pas compté ; il l’est pour une convention qui le prévoit', async () => {
    const charge = await api.auth('CHARGE');
    const [ex] = [await exercice(2026)];
    const flats = await logementsLibres(api, 30);
    let cursor = 0;
    const declarer = async (date: string) => {
      const res = await api.http
        .post('/api/liberations')
        .set(charge)
        .send({ logementId: flats[cursor++], date, motif: 'PREMIERE_MISE_EN_LOCATION', kind: 'NEUF' });
      expect(res.status).toBe(201);
      return res.body as {
        liberation: { id: string };
        recommendation: { recommandee: { kind: string; conventionId?: string } | null };
      };
    };
    let first = await declarer('2026-09-01');
    while (first.recommendation.recommandee?.kind !== 'CONVENTION') first = await declarer('2026-09-01');
    const conventionId = first.recommendation.recommandee.conventionId!;
    const avant = await ligne(ex.id, conventionId, '2026-09-02');
    const decided = await api.http.post('/api/orientations').set(charge).send({ liberationId: first.liberation.id });
    expect(decided.status).toBe(201);
    const apres = await ligne(ex.id, conventionId, '2026-09-02');
    expect(apres.progress.propositions).toBe(avant.progress.propositions); // was +1: counted for the convention
    expect(apres.premieresLocations).toBe(avant.premieresLocations + 1);

    // The convention says, from 2 September, that first lettings count: the next one it receives is
    // counted (a vacancy follows the terms in force on its libération date, constat 11).
    const manager = await api.auth('MANAGER');
    const convention: Convention = (await api.http.get(`/api/conventions/${conventionId}`).set(manager)).body;
    const { id, ...body } = convention;
    expect(
      (
        await api.http
          .put(`/api/conventions/${id}`)
          .set(manager)
          .send({ ...body, comptePremieresLocations: true, dateEffet: '2026-09-02' })
      ).status,
    ).toBe(200);
    let next = await declarer('2026-09-03');
    while (
      next.recommendation.recommandee?.kind !== 'CONVENTION' ||
      next.recommendation.recommandee.conventionId !== conventionId
    ) {
      if (cursor >= flats.length) throw new Error('aucune recommandation vers la convention');
      next = await declarer('2026-09-03');
    }
    const avant2 = await ligne(ex.id, conventionId, '2026-09-04');
    expect(
      (await api.http.post('/api/orientations').set(charge).send({ liberationId: next.liberation.id })).status,
    ).toBe(201);
    const apres2 = await ligne(ex.id, conventionId, '2026-09-04');
    expect(apres2.progress.propositions).toBe(avant2.progress.propositions + 1);
    expect(apres2.premieresLocations).toBe(avant2.premieresLocations);
  });
});

describe('déficit reporté dû une fois, l’année où il est reporté (constat 3)', () => {
  it('+8 reporté sur 2027 compte en 2027, plus en 2028', async () => {
    const manager = await api.auth('MANAGER');
    const [e2027, e2028] = [await exercice(2027), await exercice(2028)];
    const conventions: Convention[] = (await api.http.get(`/api/conventions?bailleurId=${api.bailleurId}`).set(manager))
      .body;
    const convention = conventions.find(
      (c) => c.cible.type === 'TAUX' && !c.dateFin && !c.territoire && c.deficitReporte === 0,
    )!;
    const { id, ...body } = convention;
    const put = await api.http
      .put(`/api/conventions/${id}`)
      .set(manager)
      .send({ ...body, deficitReporte: 8, deficitAnnee: 2027, actionCorrective: 'REPORT' });
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject({ deficitReporte: 8, deficitAnnee: 2027 });
    const o2027 = (await ligne(e2027.id, id, '2027-06-30')).objectif;
    const o2028 = (await ligne(e2028.id, id, '2028-06-30')).objectif;
    const base = (convention.cible as { taux: number }).taux * e2027.fluxARepartir;
    expect(o2027).toBeCloseTo(base + 8, 3);
    expect(o2028).toBeCloseTo(base, 3); // before: +8 again every year
  });
});

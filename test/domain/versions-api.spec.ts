/**
 * Issue 9 through the API, finding 11: a convention change takes effect from its date; what was
 * counted before stays counted (conventions are versioned). Each vacancy counts under the terms in
 * force on its libération date.
 */
// One "day" of a délai lasts a second: the délais opened here (30 and 60 days) end long after the
// steps of the test, which bring candidates or decline before.
process.env.FLOW_DUREE_JOUR_MS = '1000';

import type { Convention, Reservataire } from '@aiguillage/engine';
import { createTestApi, modifierConvention, orienterVersLaConvention, type TestApi } from '../api/api-test-app';

jest.setTimeout(90_000);
let api: TestApi;
let exerciceId: string;
let convention: Convention;

beforeAll(async () => {
  api = await createTestApi();
  const manager = await api.auth('MANAGER');
  exerciceId = (await api.http.get(`/api/exercices?annee=2026&bailleurId=${api.bailleurId}`).set(manager)).body[0].id;
  const reservataires: Reservataire[] = (await api.http.get('/api/reservataires').set(manager)).body;
  const conventions: Convention[] = (await api.http.get(`/api/conventions?bailleurId=${api.bailleurId}`).set(manager))
    .body;
  const als = reservataires.find((r) => r.kind === 'ALS')!;
  convention = conventions.find((c) => c.reservataireId === als.id && c.delegation.mode === 'DIRECTE')!;
}, 120_000);
afterAll(() => api?.close(), 120_000);

/** A flat freed on `date`, oriented to the convention (an override approved when the engine recommended another). */
const proposer = (date: string) => orienterVersLaConvention(api, convention.id, date, 'test des versions');

async function realise(): Promise<{ realise: number; objectifPrevu: number }> {
  const res = await api.http
    .get(`/api/exercices/${exerciceId}/progression?date=2026-12-31`)
    .set(await api.auth('MANAGER'));
  expect(res.status).toBe(200);
  return res.body.conventions.find((c: { conventionId: string }) => c.conventionId === convention.id);
}

/** The délai of a proposition, in days (`FLOW_DUREE_JOUR_MS` = 1 s). */
async function delaiJours(propositionId: string): Promise<number> {
  const [{ ms }] = await api.db.query(
    `SELECT extract(epoch FROM delai_expire_at - sent_at) * 1000 AS ms FROM proposition WHERE id = $1`,
    [propositionId],
  );
  return Math.round(Number(ms) / 1000);
}

const candidat = (numeroSne: string) => ({ numeroSne, rang: 1, tailleMenage: 2, quartile: 2, prioritaire: false });

async function louer(propositionId: string, numeroSne: string, jour: string): Promise<void> {
  const charge = await api.auth('CHARGE');
  const url = `/api/propositions/${propositionId}`;
  const recus = await api.http
    .post(`${url}/candidats`)
    .set(charge)
    .send({ candidats: [candidat(numeroSne)] });
  expect(recus.status).toBe(200);
  const id = recus.body.candidats[0].id;
  expect(
    (
      await api.http
        .post(`${url}/cal`)
        .set(charge)
        .send({ candidatId: id, decision: 'ATTRIBUTION', rang: 1, dateCal: jour })
    ).status,
  ).toBe(200);
  expect((await api.http.post(`${url}/bail`).set(charge).send({ candidatId: id, signedAt: jour })).status).toBe(200);
}

describe('conventions versionnées (constat 11)', () => {
  it('un logement revenu non compté sous un délai de 30 jours le reste après une modification datée plus tard ; un logement libéré après suit la nouvelle règle', async () => {
    const manager = await api.auth('MANAGER');
    const { id, ...body } = convention;
    // The terms of the year: délai 30 days, a returned flat does not count, counted at the proposition.
    const initiales = {
      ...body,
      decompte: { mode: 'PROPOSITION' },
      delegation: { ...body.delegation, mode: 'DIRECTE', delaiJours: 30, retourCompte: false },
    };
    expect((await modifierConvention(api, id, { ...initiales, dateEffet: body.dateDebut })).status).toBe(200);
    expect((await api.http.get(`/api/conventions/${id}/versions`).set(manager)).body).toEqual([]);

    const avant = await realise();
    // A: freed in March, declined by the réservataire (returned as at an expired délai): not counted.
    const a = await proposer('2026-03-02');
    expect(await delaiJours(a)).toBe(30);
    expect(
      (
        await api.http
          .post(`/api/propositions/${a}/declin`)
          .set(await api.auth('CHARGE'))
          .send({ motif: 'Aucun demandeur' })
      ).status,
    ).toBe(200);
    // B: freed in March, proposed: counted at the proposition (then let in July, under its March terms).
    const b = await proposer('2026-03-03');
    expect((await realise()).realise).toBe(avant.realise + 1);

    // From 1 June: délai 60 days, a returned flat counts, counted at the lease.
    const nouvelles = {
      ...initiales,
      decompte: { mode: 'BAIL' },
      delegation: { ...initiales.delegation, delaiJours: 60, retourCompte: true },
    };
    const put = await modifierConvention(api, id, { ...nouvelles, dateEffet: '2026-06-01' });
    expect(put.status).toBe(200);
    expect(put.body.delegation).toMatchObject({ delaiJours: 60, retourCompte: true });
    const versions = (await api.http.get(`/api/conventions/${id}/versions`).set(manager)).body;
    expect(
      versions.map((v: { dateEffet: string; convention: Convention }) => [
        v.dateEffet,
        v.convention.decompte.mode,
        v.convention.delegation.delaiJours,
      ]),
    ).toEqual([
      [body.dateDebut, 'PROPOSITION', 30],
      ['2026-06-01', 'BAIL', 60],
    ]);
    // Before: the year replayed under the new terms (A counted as returned, B no longer counted without a lease).
    const apres = await realise();
    expect(apres.realise).toBe(avant.realise + 1);
    expect(apres.objectifPrevu).toBeCloseTo(avant.objectifPrevu, 6); // same rate on both sides of the change

    // B let in July: proposed under the March terms, already counted, not counted twice.
    await louer(b, 'SNE-V1', '2026-07-10');
    expect((await realise()).realise).toBe(avant.realise + 1);

    // C: freed in July, under the new terms: délai 60, proposed but not counted until its lease.
    const c = await proposer('2026-07-01');
    expect(await delaiJours(c)).toBe(60);
    expect((await realise()).realise).toBe(avant.realise + 1);
    await louer(c, 'SNE-V2', '2026-08-01');
    expect((await realise()).realise).toBe(avant.realise + 2);

    // A change dated before the last version is refused, nothing written.
    const tot = await modifierConvention(api, id, { ...nouvelles, dateEffet: '2026-05-01' });
    expect(tot.status).toBe(400);
    expect(tot.body.erreurs).toEqual([
      {
        champ: 'dateEffet',
        raison: expect.stringMatching(
          new RegExp(`convention ${convention.reference} a déjà une version en vigueur le 01/06/2026`),
        ),
      },
    ]);
  });
});

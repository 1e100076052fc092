/**
 * The bilan on versioned conventions (issue 13 after issue 9, finding 11): a convention changed in
 * mid-year through the API (PUT with `dateEffet`) keeps, in the bilan, the objective and the count
 * of the live progression at 31 December — each version's share, each vacancy under the terms of
 * its libération date, the territory's share of the flux.
 */
import type { Convention, Reservataire } from '@aiguillage/engine';
import { createTestApi, modifierConvention, orienterVersLaConvention, type TestApi } from '../api/api-test-app';

jest.setTimeout(120_000);
let api: TestApi;

beforeAll(async () => (api = await createTestApi()), 120_000);
afterAll(() => api?.close(), 60_000);

interface Ligne {
  conventionId: string;
  /** The exercice's objective (the bilan's forecast), not the real year's. */
  objectifPrevu: number;
  realise: number;
}

async function bilan2026(departement: string) {
  const manager = await api.auth('MANAGER');
  const res = await api.http
    .post('/api/bilans')
    .set(manager)
    .send({ bailleurId: api.bailleurId, departement, annee: 2026 });
  expect(res.status).toBe(202);
  let statut = res.body;
  // The job runs inline in the test app: poll its status until it is done.
  for (let i = 0; i < 200 && statut.statut !== 'TERMINEE' && statut.statut !== 'ECHEC'; i++)
    statut = (await api.http.get(`/api/bilans/generations/${res.body.id as string}`).set(manager)).body;
  expect(statut.statut).toBe('TERMINEE');
  const snapshot = await api.http.get(`/api/bilans/${statut.snapshotId as string}`).set(manager);
  expect(snapshot.status).toBe(200);
  return snapshot.body.bilan.conventions as Array<{
    conventionId: string;
    objectif: { prevision: number; decompte: number };
  }>;
}

/** A flat freed on `date`, oriented to the convention (an override approved when the engine recommended another). */
const proposer = (conventionId: string, date: string) =>
  orienterVersLaConvention(api, conventionId, date, 'test du bilan versionné');

describe('bilan et conventions versionnées', () => {
  it('une convention modifiée en cours d’année : l’objectif et le réalisé du bilan sont ceux de la progression au 31/12', async () => {
    const manager = await api.auth('MANAGER');
    const [exercice] = (await api.http.get(`/api/exercices?annee=2026&bailleurId=${api.bailleurId}`).set(manager)).body;
    const conventions: Convention[] = (await api.http.get(`/api/conventions?bailleurId=${api.bailleurId}`).set(manager))
      .body;
    const reservataires: Reservataire[] = (await api.http.get('/api/reservataires').set(manager)).body;
    const kind = (c: Convention) => reservataires.find((r) => r.id === c.reservataireId)!.kind;
    const progression = async (): Promise<Ligne[]> =>
      (await api.http.get(`/api/exercices/${exercice.id as string}/progression?date=2026-12-31`).set(manager)).body
        .conventions;
    // An Action Logement convention, a rate of the flux, counted at the proposition, delegated.
    const choisie = conventions.find((c) => kind(c) === 'ALS' && c.cible.type === 'TAUX' && !c.dateFin)!;
    expect(choisie).toBeDefined();
    const { id, ...body } = choisie;
    // Delegated: no délai left running once the test ends.
    const initiales = {
      ...body,
      decompte: { mode: 'PROPOSITION' },
      delegation: { ...body.delegation, mode: 'DELEGUEE', retourCompte: false },
    };
    expect((await modifierConvention(api, id, { ...initiales, dateEffet: body.dateDebut })).status).toBe(200);
    // Freed in March: counted at its proposition, under the terms of its date.
    await proposer(id, '2026-03-02');
    const avant = await progression();
    const realiseAvant = avant.find((l) => l.conventionId === id)!.realise;
    expect(realiseAvant).toBeGreaterThan(0);

    // From 1 July: half the rate, counted at the lease.
    const taux = choisie.cible.type === 'TAUX' ? choisie.cible.taux : 0;
    const put = await modifierConvention(api, id, {
      ...initiales,
      cible: { type: 'TAUX', taux: taux / 2 },
      decompte: { mode: 'BAIL' },
      dateEffet: '2026-07-01',
    });
    expect(put.status).toBe(200);
    // Freed in August, proposed: not counted before its lease under the new terms.
    await proposer(id, '2026-08-03');

    const live = (await progression()).find((l) => l.conventionId === id)!;
    // The March flat stays counted under the terms of its date; the August one waits for its lease.
    expect(live.realise).toBe(realiseAvant);
    const ligne = (await bilan2026(exercice.departement as string)).find((c) => c.conventionId === id)!;
    expect(ligne).toBeDefined();
    expect(ligne.objectif.prevision).toBeCloseTo(live.objectifPrevu, 6);
    expect(ligne.objectif.decompte).toBeCloseTo(live.realise, 6);

    // Every convention of the year: the bilan's forecast objective and count are the live ones.
    const toutes = await bilan2026(exercice.departement as string);
    for (const l of await progression()) {
      const b = toutes.find((c) => c.conventionId === l.conventionId);
      if (!b) continue; // DEFENSE stock conventions are outside the flux
      expect([l.conventionId, b.objectif.prevision]).toEqual([l.conventionId, expect.closeTo(l.objectifPrevu, 6)]);
      expect([l.conventionId, b.objectif.decompte]).toEqual([l.conventionId, expect.closeTo(l.realise, 6)]);
    }
  });
});

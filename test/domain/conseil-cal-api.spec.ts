/**
 * The order the engine advises the CAL (`rangConseille`, `motifsConseil` on GET /api/propositions/:id):
 * the réservataire's order stands unless its convention lacks priority households, and only the
 * bailleur's staff sees it.
 */
// One "day" of a délai lasts a second (as in cycle-vie-api.spec.ts): the délais opened here end within the run.
process.env.FLOW_DUREE_JOUR_MS = '1000';

import type { Convention, OptionOrientation, Reservataire } from '@aiguillage/engine';
import { createTestApi, exerciceEtConventions, logementsLibres, orienter, type TestApi } from '../api/api-test-app';

jest.setTimeout(180_000);
let api: TestApi;
let exerciceId: string;
let directes: Convention[];
let noms: Map<string, string>;

beforeAll(async () => {
  api = await createTestApi();
  const lus = await exerciceEtConventions(api);
  exerciceId = lus.exerciceId;
  directes = lus.conventions.filter((c) => c.delegation.mode === 'DIRECTE');
  const reservataires: Reservataire[] = (await api.http.get('/api/reservataires').set(await api.auth('MANAGER'))).body;
  noms = new Map(reservataires.map((r) => [r.id, r.nom]));
}, 120_000);
afterAll(() => api?.close(), 120_000);

interface Progres {
  attributions: number;
  attributionsPrioritaires: number;
}

async function progres(conventionId: string): Promise<Progres> {
  const res = await api.http
    .get(`/api/exercices/${exerciceId}/progression?date=2026-12-31`)
    .set(await api.auth('MANAGER'));
  return res.body.conventions.find((c: { conventionId: string }) => c.conventionId === conventionId).progress;
}

const candidat = (numeroSne: string, rang: number, prioritaire: boolean) => ({
  numeroSne,
  rang,
  tailleMenage: 3,
  quartile: 2,
  prioritaire,
});

/**
 * Frees flats on `date` until one may go to the convention, and orients it there: the proposition's
 * id. A flat the convention may not take (the préfet's floor claims it once the convention has had a
 * few) goes where the engine recommends, so that the floor is kept and the next one can be had.
 */
async function proposer(convention: Convention, date: string): Promise<string> {
  const charge = await api.auth('CHARGE');
  const commentaire = 'Préparation de CAL (test)';
  for (let essai = 0; essai < 20; essai++) {
    const [logementId] = await logementsLibres(api, 1);
    const res = await api.http.post('/api/liberations').set(charge).send({ logementId, date, motif: 'CONGE' });
    expect(res.status).toBe(201);
    const liberationId: string = res.body.liberation.id;
    const options: OptionOrientation[] = res.body.recommendation.options;
    const vers = options.find(
      (o) =>
        o.eligible &&
        o.destination.kind === 'CONVENTION' &&
        o.destination.conventionId === convention.id &&
        !o.destination.sousQuota,
    );
    const destination = (vers ?? options.find((o) => o.eligible)!).destination;
    const { propositionId } = await orienter(api, { liberationId, destination, motif: 'MUTATION', commentaire });
    if (vers) return propositionId;
  }
  throw new Error(`aucun logement libre ne peut aller à la convention ${convention.reference}`);
}

/** A flat proposed to the convention on `date` with its candidates received: the proposition's id. */
async function candidatsRecus(convention: Convention, date: string, candidats: object[]): Promise<string> {
  const propositionId = await proposer(convention, date);
  const recus = await api.http
    .post(`/api/propositions/${propositionId}/candidats`)
    .set(await api.auth('CHARGE'))
    .send({ candidats });
  expect(recus.status).toBe(200);
  return propositionId;
}

/** One attribution at rank 1 for the convention, to a priority household or not. */
async function attribuer(convention: Convention, date: string, prioritaire: boolean): Promise<void> {
  const propositionId = await candidatsRecus(convention, date, [
    candidat(`SNE-${date}-${prioritaire}`, 1, prioritaire),
  ]);
  const charge = await api.auth('CHARGE');
  const vue = await api.http.get(`/api/propositions/${propositionId}`).set(charge);
  const decision = await api.http
    .post(`/api/propositions/${propositionId}/cal`)
    .set(charge)
    .send({ candidatId: vue.body.candidats[0].id, decision: 'ATTRIBUTION', rang: 1, dateCal: date });
  expect(decision.status).toBe(200);
  // Attributed: the CAL is past, the advice is no longer given.
  const apres = await api.http.get(`/api/propositions/${propositionId}`).set(charge);
  expect(apres.body.status).toBe('ATTRIBUEE');
  expect(apres.body.candidats[0].rangConseille).toBeUndefined();
}

/** Households the convention still lacks for its priority target (CCH L.441-1), margin included. */
function manquePrioritaires(convention: Convention, p: Progres): number {
  const cible = convention.engagements?.prioritairesMin ?? 0.25;
  return cible * (p.attributions + 1) - p.attributionsPrioritaires + 1;
}

type Vu = { numeroSne: string; rang: number; rangConseille?: number; motifsConseil?: string[] };

describe('ordre conseillé à la CAL', () => {
  it('une convention sans ménage prioritaire attribué : le candidat prioritaire passe devant, motivé ; le réservataire ne voit pas le conseil', async () => {
    const convention = directes[0];
    await attribuer(convention, '2026-03-02', false);
    await attribuer(convention, '2026-03-03', false);
    const p = await progres(convention.id);
    expect(p.attributions).toBeGreaterThanOrEqual(2);
    expect(manquePrioritaires(convention, p)).toBeGreaterThan(0);

    const propositionId = await candidatsRecus(convention, '2026-03-04', [
      candidat('SNE-NON-PRIO', 1, false),
      candidat('SNE-PRIO', 2, true),
    ]);
    const vue = await api.http.get(`/api/propositions/${propositionId}`).set(await api.auth('CHARGE'));
    expect(vue.status).toBe(200);
    const [nonPrio, prio]: Vu[] = vue.body.candidats;
    // The réservataire's order is kept in the list; the advice is beside it.
    expect([nonPrio.numeroSne, nonPrio.rang, prio.numeroSne, prio.rang]).toEqual(['SNE-NON-PRIO', 1, 'SNE-PRIO', 2]);
    expect(prio.rangConseille).toBe(1);
    expect(nonPrio.rangConseille).toBe(2);
    expect(nonPrio.motifsConseil).toEqual([]);
    const nom = noms.get(convention.reservataireId)!;
    expect(prio.motifsConseil).toEqual([
      expect.stringContaining(
        `Ménages prioritaires : ${p.attributionsPrioritaires} des ${p.attributions} attributions chez ${nom} (`,
      ),
    ]);
    expect(prio.motifsConseil![0]).toContain(`(convention ${convention.reference})`);

    // The CAL's preparation is the bailleur's: the réservataire reads its proposition without it.
    const reservataire = await api.account('RESERVATAIRE', [api.bailleurId], convention.reservataireId);
    const lue = await api.http
      .get(`/api/propositions/${propositionId}`)
      .set({ Authorization: `Bearer ${reservataire.token}` });
    expect(lue.status).toBe(200);
    expect(lue.body.candidats).toHaveLength(2);
    for (const c of lue.body.candidats as Vu[]) {
      expect(c).not.toHaveProperty('rangConseille');
      expect(c).not.toHaveProperty('motifsConseil');
    }

    // The CAL refuses the priority household: the advice ranks only those still in the running.
    const charge = await api.auth('CHARGE');
    const prioId = (vue.body.candidats as Array<Vu & { id: string }>)[1].id;
    expect(
      (
        await api.http
          .post(`/api/propositions/${propositionId}/cal`)
          .set(charge)
          .send({ candidatId: prioId, decision: 'REFUS', dateCal: '2026-03-10' })
      ).status,
    ).toBe(200);
    const apresRefus = await api.http.get(`/api/propositions/${propositionId}`).set(charge);
    expect((apresRefus.body.candidats as Vu[]).map((c) => [c.numeroSne, c.rangConseille, c.motifsConseil])).toEqual([
      ['SNE-NON-PRIO', 1, []],
      ['SNE-PRIO', undefined, undefined],
    ]);
  });

  it('une convention à son objectif de ménages prioritaires garde l’ordre du réservataire, sans motif', async () => {
    // The same convention as above (the demo's flats reach it), brought up to its target.
    const convention = directes[0];
    let jour = 10;
    while (manquePrioritaires(convention, await progres(convention.id)) > 0)
      await attribuer(convention, `2026-04-${jour++}`, true);
    const propositionId = await candidatsRecus(convention, '2026-05-04', [
      candidat('SNE-NON-PRIO-2', 1, false),
      candidat('SNE-PRIO-2', 2, true),
    ]);
    const vue = await api.http.get(`/api/propositions/${propositionId}`).set(await api.auth('MANAGER'));
    expect((vue.body.candidats as Vu[]).map((c) => [c.numeroSne, c.rang, c.rangConseille, c.motifsConseil])).toEqual([
      ['SNE-NON-PRIO-2', 1, 1, []],
      ['SNE-PRIO-2', 2, 2, []],
    ]);
  });
});

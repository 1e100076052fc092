/**
 * Issue 9, constat 13: each step of a proposition has its right outcome, and refusals (by the CAL,
 * the candidate, the réservataire) and vacancy days are recorded per flat and per convention.
 */
// One "day" of a délai lasts a second: the DIRECTE délais opened here (21 to 30 days) end within the
// run, long after its steps, so that closing the app does not wait a month for their jobs.
process.env.FLOW_DUREE_JOUR_MS = '1000';

import { calculerAssiette, type Convention, type OptionOrientation } from '@aiguillage/engine';
import {
  createTestApi,
  exerciceEtConventions,
  orienter,
  orienterUnLogement,
  logementsLibres,
  type TestApi,
} from '../api/api-test-app';

jest.setTimeout(60_000);
let api: TestApi;
let exerciceId: string;
let directes: Map<string, Convention>;

beforeAll(async () => {
  api = await createTestApi();
  const lus = await exerciceEtConventions(api);
  exerciceId = lus.exerciceId;
  directes = new Map(lus.conventions.filter((c) => c.delegation.mode === 'DIRECTE').map((c) => [c.id, c]));
}, 120_000);
afterAll(() => api?.close(), 120_000);

/** Declares flats freed on `date` until one is recommended to a DIRECTE convention, and decides it. */
async function propositionDirecte(date: string): Promise<{ propositionId: string; conventionId: string }> {
  const directe = (o: OptionOrientation) =>
    o.destination.kind === 'CONVENTION' && directes.has(o.destination.conventionId);
  const { propositionId, destination } = await orienterUnLogement(api, date, directe);
  return { propositionId, conventionId: (destination as { conventionId: string }).conventionId };
}

async function suivi(conventionId: string) {
  const res = await api.http
    .get(`/api/exercices/${exerciceId}/progression?date=2026-12-31`)
    .set(await api.auth('MANAGER'));
  return res.body.conventions.find((c: { conventionId: string }) => c.conventionId === conventionId) as {
    progress: { propositions: number };
    suivi: { refusCal: number; refusCandidats: number; declins: number; baux: number; joursVacance: number };
  };
}

const candidat = (numeroSne: string, rang: number) => ({
  numeroSne,
  rang,
  tailleMenage: 2,
  quartile: 2,
  prioritaire: false,
});

describe('cycle de vie d’une proposition (constat 13)', () => {
  it('la CAL refuse tous les candidats : de nouveaux candidats sont reçus ; ajournement, bail, jours de vacance ; pas de refus après le bail', async () => {
    const charge = await api.auth('CHARGE');
    const { propositionId, conventionId } = await propositionDirecte('2026-06-10');
    const avant = await suivi(conventionId);
    const url = `/api/propositions/${propositionId}`;
    const recus = await api.http
      .post(`${url}/candidats`)
      .set(charge)
      .send({ candidats: [candidat('SNE-A', 1), candidat('SNE-B', 2)] });
    expect(recus.status).toBe(200);
    const [a, b] = recus.body.candidats;
    for (const c of [a, b])
      expect(
        (
          await api.http
            .post(`${url}/cal`)
            .set(charge)
            .send({ candidatId: c.id, decision: 'REFUS', dateCal: '2026-06-20' })
        ).status,
      ).toBe(200);
    // Refused by the CAL: no second decision on them.
    expect(
      (
        await api.http
          .post(`${url}/cal`)
          .set(charge)
          .send({ candidatId: a.id, decision: 'ATTRIBUTION', rang: 1, dateCal: '2026-06-21' })
      ).status,
    ).toBe(409);
    // Before: 409, the flat was stuck.
    const relance = await api.http
      .post(`${url}/candidats`)
      .set(charge)
      .send({ candidats: [candidat('SNE-C', 1)] });
    expect(relance.status).toBe(200);
    const c = relance.body.candidats.find((x: { numeroSne: string }) => x.numeroSne === 'SNE-C');
    // AJOURNEMENT: the case comes back before a later CAL.
    expect(
      (
        await api.http
          .post(`${url}/cal`)
          .set(charge)
          .send({ candidatId: c.id, decision: 'AJOURNEMENT', dateCal: '2026-07-01' })
      ).status,
    ).toBe(200);
    const memeJour = await api.http
      .post(`${url}/cal`)
      .set(charge)
      .send({ candidatId: c.id, decision: 'ATTRIBUTION', rang: 1, dateCal: '2026-07-01' });
    expect(memeJour.status).toBe(400);
    expect(memeJour.body.erreurs[0]).toEqual({
      champ: 'dateCal',
      raison: expect.stringMatching(/ajourné le 01\/07\/2026 : il revient devant une CAL ultérieure/),
    });
    expect(
      (await api.http.post(`${url}/bail`).set(charge).send({ candidatId: c.id, signedAt: '2026-07-05' })).status,
    ).toBe(409);
    expect(
      (
        await api.http
          .post(`${url}/cal`)
          .set(charge)
          .send({ candidatId: c.id, decision: 'ATTRIBUTION', rang: 1, dateCal: '2026-07-15' })
      ).status,
    ).toBe(200);
    const bail = await api.http.post(`${url}/bail`).set(charge).send({ candidatId: c.id, signedAt: '2026-07-20' });
    expect(bail.status).toBe(200);
    expect(bail.body.joursVacance).toBe(40); // 10 June → 20 July
    // Before: accepted after the lease.
    const tard = await api.http.post(`${url}/refus`).set(charge).send({ candidatId: c.id });
    expect(tard.status).toBe(409);
    expect(tard.body.message).toMatch(/bail est signé/);
    const apres = await suivi(conventionId);
    expect(apres.suivi.refusCal - avant.suivi.refusCal).toBe(2);
    expect(apres.suivi.baux - avant.suivi.baux).toBe(1);
    expect(apres.suivi.joursVacance - avant.suivi.joursVacance).toBe(40);
  });

  it('un candidat qui refuse est enregistré ; le réservataire décline un logement, avec son motif : retour au bailleur', async () => {
    const charge = await api.auth('CHARGE');
    const p1 = await propositionDirecte('2026-06-12');
    const avant1 = await suivi(p1.conventionId);
    const recus = await api.http
      .post(`/api/propositions/${p1.propositionId}/candidats`)
      .set(charge)
      .send({ candidats: [candidat('SNE-D', 1)] });
    expect(
      (
        await api.http
          .post(`/api/propositions/${p1.propositionId}/refus`)
          .set(charge)
          .send({ candidatId: recus.body.candidats[0].id })
      ).status,
    ).toBe(200);
    expect((await suivi(p1.conventionId)).suivi.refusCandidats - avant1.suivi.refusCandidats).toBe(1);

    const p2 = await propositionDirecte('2026-06-14');
    const avant = await suivi(p2.conventionId);
    const sansMotif = await api.http.post(`/api/propositions/${p2.propositionId}/declin`).set(charge).send({});
    expect(sansMotif.status).toBe(400);
    const declin = await api.http
      .post(`/api/propositions/${p2.propositionId}/declin`)
      .set(charge)
      .send({ motif: 'Aucun demandeur pour un T5 sur la commune' });
    expect(declin.status).toBe(200);
    expect(declin.body.status).toBe('ANNULEE');
    const apres = await suivi(p2.conventionId);
    expect(apres.suivi.declins - avant.suivi.declins).toBe(1);
    const compte = directes.get(p2.conventionId)!.delegation.retourCompte ? 0 : -1;
    expect(apres.progress.propositions - avant.progress.propositions).toBe(compte);
    expect(
      (
        await api.http
          .post(`/api/propositions/${p2.propositionId}/candidats`)
          .set(charge)
          .send({ candidats: [candidat('SNE-E', 1)] })
      ).status,
    ).toBe(409);
    const [{ motif }] = await api.db.query('SELECT declin_motif AS motif FROM proposition WHERE id = $1', [
      p2.propositionId,
    ]);
    expect(motif).toBe('Aucun demandeur pour un T5 sur la commune');
  });
});

describe('usage exclu au-delà du prévisionnel (constat 9)', () => {
  it('un relogement ORCOD de plus que prévu s’enregistre avec son motif, hors flux, au lieu d’un 422', async () => {
    const manager = await api.auth('MANAGER');
    const [modele] = (await api.http.get(`/api/exercices?annee=2026&bailleurId=${api.bailleurId}`).set(manager)).body;
    const { id: _id, ...body } = modele;
    const assiette = { ...body.assiette, mutations: 0, relogements: { npnru: 0, orcod: 0, lhi: 0 } };
    expect(
      (
        await api.http
          .post('/api/exercices')
          .set(manager)
          .send({
            ...body,
            annee: 2029,
            assiette,
            fluxARepartir: calculerAssiette(assiette).fluxARepartir,
            objectifs: [],
          })
      ).status,
    ).toBe(201);
    const [logementId] = await logementsLibres(api, 1);
    const charge = await api.auth('CHARGE');
    const lib = await api.http
      .post('/api/liberations')
      .set(charge)
      .send({ logementId, date: '2029-03-01', motif: 'CONGE' });
    expect(lib.status).toBe(201);
    const liberationId: string = lib.body.liberation.id;
    const destination = { kind: 'EXCLU', usage: 'ORCOD' } as const;
    const sansCommentaire = await api.http
      .post('/api/orientations')
      .set(charge)
      .send({ liberationId, destination, motif: 'URGENCE' });
    expect(sansCommentaire.status).toBe(400);
    expect(sansCommentaire.body.erreurs[0]).toEqual({
      champ: 'commentaire',
      raison: expect.stringMatching(/au-delà du prévisionnel/),
    });
    // before: 422, the forecast was a hard cap
    const commentaire = 'Huitième ménage de la copropriété dégradée, arrêté de péril du 12 février';
    await orienter(api, { liberationId, destination, motif: 'URGENCE', commentaire });
    const [{ n }] = await api.db.query(
      `SELECT count(*)::int AS n FROM exclusion_use WHERE logement_id = $1 AND usage = 'ORCOD'`,
      [logementId],
    );
    expect(n).toBe(1);
  });
});

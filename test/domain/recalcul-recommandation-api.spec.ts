/**
 * Recomputing a libération's recommendation on today's state (`POST /api/liberations/:id/recommendation`)
 * and the decision panel saying when its recommendation was computed and whether the conventions'
 * progress has moved since (`recommandation` of `GET /api/console/liberations/:id/panneau`). A flat
 * waits while another is oriented to the convention it was recommended: its panel says so, the
 * recomputed reasons carry the new figures, and the decision is judged against the new one only.
 */
process.env.FLOW_DUREE_JOUR_MS = '60000';

import { keyOf, type Destination, type OptionOrientation } from '@aiguillage/engine';
import { EngineStateStore, exerciceKey } from '@aiguillage/core/platform/live';
import type { RecommandationCalculee } from '../../apps/api/src/console/console.types';
import { LiveClient } from '../helpers/app';
import { enAttenteTelle, type Declaree } from '../helpers/recommandation-du-jour';
import { createTestApi, logementsLibres, orienter, raisons, type TestApi } from '../api/api-test-app';

jest.setTimeout(180_000);
let api: TestApi;
const DATE = '2026-06-10';

beforeAll(async () => {
  api = await createTestApi();
}, 120_000);
afterAll(() => api?.close(), 120_000);

interface Raison {
  texte: string;
  valeur: number | null;
  unite: string | null;
}
interface OptionPanneau {
  destination: { destination: Destination; libelle: string };
  eligible: boolean;
  pour: Raison[];
  contre: Raison[];
}

async function declarer(logementId: string): Promise<{ liberationId: string; options: OptionOrientation[] }> {
  const res = await api.http
    .post('/api/liberations')
    .set(await api.auth('CHARGE'))
    .send({ logementId, date: DATE, motif: 'CONGE' });
  expect(res.status).toBe(201);
  return { liberationId: res.body.liberation.id, options: res.body.recommendation.options };
}

async function panneau(liberationId: string) {
  const res = await api.http.get(`/api/console/liberations/${liberationId}/panneau`).set(await api.auth('CHARGE'));
  expect(res.status).toBe(200);
  return res.body as {
    recommendationId: string;
    recommandation: RecommandationCalculee;
    options: OptionPanneau[];
  };
}

const recalculer = async (liberationId: string, role: 'CHARGE' | 'MANAGER' | 'RESERVATAIRE' = 'CHARGE') =>
  api.http.post(`/api/liberations/${liberationId}/recommendation`).set(await api.auth(role));

/** The figures in flats of an option's reasons, by wording without its figure. */
const chiffres = (o: OptionPanneau) =>
  [...o.pour, ...o.contre].filter((r) => r.unite === 'logement').map((r) => `${r.texte} ${r.valeur}`);

/** Frees flats until one may go to `destination`, and orients it there: its libération. */
async function orienterUnAutreVers(destination: Destination): Promise<string> {
  for (let essai = 0; essai < 40; essai++) {
    const [logementId] = await logementsLibres(api, 1);
    const { liberationId, options } = await declarer(logementId);
    if (!options.some((o) => o.eligible && keyOf(o.destination) === keyOf(destination))) continue;
    await orienter(api, { liberationId, destination, motif: 'MUTATION' });
    return liberationId;
  }
  throw new Error('aucun logement libre ne peut aller à la destination recommandée');
}

describe('recomputing the recommendation of a flat still to orient', () => {
  let attente: string;
  let ancienne: string;
  let destination: Destination;

  it('says when the recommendation was computed and that it is up to date while nothing moved (200, nothing stored)', async () => {
    const [logementId] = await logementsLibres(api, 1);
    const declared = await declarer(logementId);
    attente = declared.liberationId;
    destination = declared.options.find(
      (o) => o.eligible && o.destination.kind === 'CONVENTION' && o.motifs?.some((m) => m.unite === 'logement'),
    )!.destination;
    const lu = await panneau(attente);
    ancienne = lu.recommendationId;
    expect(lu.recommandation).toMatchObject({
      id: ancienne,
      aJour: true,
      decisionsDepuis: 0,
      changementsDepuis: 0,
      recalculable: true,
    });
    expect(Number.isNaN(Date.parse(lu.recommandation.calculeeLe))).toBe(false);
    const res = await recalculer(attente);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ recalculee: false, recommendation: { id: ancienne } });
  });

  it('says the panel is stale once another flat goes to its convention, recomputes it with new figures, pushed live', async () => {
    const avant = await panneau(attente);
    await orienterUnAutreVers(destination);
    const perimee = await panneau(attente);
    expect(perimee.recommandation).toMatchObject({
      id: ancienne,
      aJour: false,
      decisionsDepuis: 1,
      recalculable: true,
    });
    expect(perimee.recommandation.changementsDepuis).toBeGreaterThanOrEqual(1);
    expect(perimee.options).toEqual(
      avant.options.map((o) => expect.objectContaining({ pour: o.pour, contre: o.contre })),
    );

    const live = new LiveClient(api.url, await api.token('CHARGE'));
    try {
      await live.connected();
      const res = await recalculer(attente);
      expect(res.status).toBe(201);
      expect(res.body.recalculee).toBe(true);
      const nouvelle: string = res.body.recommendation.id;
      expect(nouvelle).not.toBe(ancienne);
      await live.waitFor('recommendation.created du recalcul', () =>
        live.of('recommendation.created').find((e) => e.recommendationId === nouvelle && e.liberationId === attente),
      );

      const recalcule = await panneau(attente);
      expect(recalcule.recommendationId).toBe(nouvelle);
      expect(recalcule.recommandation).toMatchObject({ id: nouvelle, aJour: true, decisionsDepuis: 0 });
      expect(Date.parse(recalcule.recommandation.calculeeLe)).toBeGreaterThan(
        Date.parse(avant.recommandation.calculeeLe),
      );
      const de = (p: { options: OptionPanneau[] }) =>
        p.options.find((o) => keyOf(o.destination.destination) === keyOf(destination))!;
      // The convention that got the other flat: its reasons' figures in flats are today's, not those of the declaration.
      expect(chiffres(de(avant)).length).toBeGreaterThan(0);
      expect(chiffres(de(recalcule))).not.toEqual(chiffres(de(avant)));

      const perimeeRefusee = await api.http
        .post('/api/orientations')
        .set(await api.auth('CHARGE'))
        .send({ liberationId: attente, recommendationId: ancienne });
      expect(perimeeRefusee.status).toBe(409);
      expect(perimeeRefusee.body.message).toContain('Recommandation périmée');
      const acceptee = await api.http
        .post('/api/orientations')
        .set(await api.auth('CHARGE'))
        .send({ liberationId: attente, recommendationId: nouvelle });
      expect(acceptee.status).toBe(201);
    } finally {
      live.close();
    }
  });

  it('refuses a decided libération (409 in French), and the panel offers no recomputation', async () => {
    const res = await recalculer(attente);
    expect(res.status).toBe(409);
    expect(res.body.message).toMatch(
      /^Recommandation non recalculée : la libération n’est plus à orienter\. Logement déjà orienté par /,
    );
    expect((await panneau(attente)).recommandation.recalculable).toBe(false);
  });

  it('refuses a libération whose override waits for approval (409)', async () => {
    const [logementId] = await logementsLibres(api, 1);
    const { liberationId, options } = await declarer(logementId);
    const alternative = options.filter((o) => o.eligible)[1];
    await api.http
      .put(`/api/bailleurs/${api.bailleurId}/politique-derogation`)
      .set(await api.auth('MANAGER'))
      .send({ toujours: true, ecartCible: false, regleSouple: false })
      .expect(200);
    await api.http
      .post('/api/orientations')
      .set(await api.auth('CHARGE'))
      .send({ liberationId, destination: alternative.destination, motif: 'URGENCE', commentaire: 'test' })
      .expect(202);
    const res = await recalculer(liberationId, 'MANAGER');
    expect(res.status).toBe(409);
    expect(res.body.message).toContain("attend l'approbation d'un responsable");
  });

  it('is for the bailleur’s staff only, and names a bad id', async () => {
    expect((await recalculer(attente, 'RESERVATAIRE')).status).toBe(403);
    const mauvais = await api.http.post('/api/liberations/pas-un-uuid/recommendation').set(await api.auth('CHARGE'));
    expect(mauvais.status).toBe(400);
    expect(raisons(mauvais.body)).toEqual({ id: 'doit être un identifiant UUID' });
    const inconnu = await recalculer('00000000-0000-4000-8000-000000000000');
    expect(inconnu.status).toBe(404);
    expect(inconnu.body.message).toContain('Libération introuvable');
  });

  it('deciding « sur l’état du jour » (POST /api/orientations, surEtatDuJour): refusals in French', async () => {
    const decider = async (body: object, role: 'CHARGE' | 'RESERVATAIRE' = 'CHARGE') =>
      api.http
        .post('/api/orientations')
        .set(await api.auth(role))
        .send({ surEtatDuJour: true, ...body });
    const mauvais = await decider({ liberationId: 'pas-un-uuid', recommendationId: 'x', surEtatDuJour: 'oui' });
    expect(mauvais.status).toBe(400);
    expect(Object.keys(raisons(mauvais.body)).sort()).toEqual(['liberationId', 'recommendationId', 'surEtatDuJour']);
    expect((await decider({ liberationId: attente }, 'RESERVATAIRE')).status).toBe(403);
    const inconnu = await decider({ liberationId: '00000000-0000-4000-8000-000000000000' });
    expect(inconnu.status).toBe(404);
    expect(inconnu.body.message).toContain('Libération introuvable');
    const decidee = await decider({ liberationId: attente });
    expect(decidee.status).toBe(409);
    expect(decidee.body.message).toMatch(/^Logement déjà orienté par /);
  });

  it('an override « sur l’état du jour » whose recommendation now names another destination: 409, both named, nothing written', async () => {
    const libres = await logementsLibres(api, 60);
    const declaree = await enAttenteTelle(
      api,
      async () => {
        const res = await api.http
          .post('/api/liberations')
          .set(await api.auth('CHARGE'))
          .send({ logementId: libres.shift(), date: DATE, motif: 'CONGE' });
        expect(res.status).toBe(201);
        return res.body as Declaree;
      },
      async (liberationId) =>
        expect(
          (
            await api.http
              .post('/api/orientations')
              .set(await api.auth('CHARGE'))
              .send({ liberationId })
          ).status,
        ).toBe(201),
      (aujourdhui, declaree) => aujourdhui !== declaree,
    );
    const autre = (declaree.recommendation as unknown as { options: OptionOrientation[] }).options.find(
      (o) => o.eligible && keyOf(o.destination) !== keyOf(declaree.recommendation.recommandee),
    )!;
    const res = await api.http
      .post('/api/orientations')
      .set(await api.auth('CHARGE'))
      .send({
        liberationId: declaree.liberation.id,
        recommendationId: declaree.recommendation.id,
        destination: autre.destination,
        motif: 'URGENCE',
        surEtatDuJour: true,
      });
    expect(res.status).toBe(409);
    expect(res.body.message).toMatch(
      /^L’avancement des conventions a bougé depuis le calcul de la recommandation : elle propose maintenant .+ \(au lieu de .+\)\. Rien n’est décidé/,
    );
    expect(res.body.changement).toEqual({ avant: expect.any(String), apres: expect.any(String) });
    const ecrits = await api.db.query(
      `SELECT (SELECT count(*)::int FROM orientation_decision WHERE liberation_id = $1) AS d,
              (SELECT count(*)::int FROM override_request WHERE liberation_id = $1) AS o`,
      [declaree.liberation.id],
    );
    expect(ecrits).toEqual([{ d: 0, o: 0 }]);
  });
});

describe('recomputing on a node whose live state lags behind the journal', () => {
  it('recomputes on the committed state, as the panel counts it, not on what its tail has delivered so far', async () => {
    const [logementId] = await logementsLibres(api, 1);
    const { liberationId, options } = await declarer(logementId);
    const destination = options.find((o) => o.eligible && o.destination.kind === 'CONVENTION')!.destination;
    const [{ departement }] = await api.db.query(`SELECT departement FROM logement WHERE id = $1`, [logementId]);
    const live = await api.app.get(EngineStateStore).get(exerciceKey(api.bailleurId, departement, DATE));
    const avant = { state: live.state, version: live.version };
    await orienterUnAutreVers(destination);
    expect((await panneau(liberationId)).recommandation).toMatchObject({ aJour: false, decisionsDepuis: 1 });
    // As if this node's tail had not delivered that decision yet (another node made it a moment ago).
    Object.assign(live, avant);

    const res = await recalculer(liberationId);
    expect(res.status).toBe(201);
    expect(res.body.recalculee).toBe(true);
    expect((await panneau(liberationId)).recommandation).toMatchObject({
      id: res.body.recommendation.id,
      aJour: true,
      decisionsDepuis: 0,
    });
  });
});

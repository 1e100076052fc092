import type { DemoLogin } from '@aiguillage/core';
import type { Convention, Destination, OptionOrientation } from '@aiguillage/engine';
import type { DataSource } from 'typeorm';
import { bootApp, type TestApp } from '../helpers/app';

/** The API suites' app: the harness's, with the demo loaded by the bootstrap of `npm start`. */
export interface TestApi extends TestApp {
  /** The demo manager's first bailleur, the one the suites work on. */
  bailleurId: string;
  /** The `Authorization` header of the demo account of `role`. */
  auth(role: DemoLogin['role']): Promise<{ Authorization: string }>;
}

/**
 * The real API module on a database of its own, loaded with a small demo département through the
 * same `DemoBootstrapService` as `npm start`, with one account per role (`token(role)`, `auth(role)`).
 */
export async function createTestApi(): Promise<TestApi> {
  const app = await bootApp({ seed: { seed: 11, scale: 0.03, logins: true } });
  const auth = async (role: DemoLogin['role']) => ({ Authorization: `Bearer ${await app.token(role)}` });
  const me = await app.http.get('/api/me').set(await auth('MANAGER'));
  return Object.assign(app, { auth, bailleurId: me.body.bailleurIds[0] as string });
}

/** Row count of a table, to prove a rejected request wrote nothing. */
export async function count(db: DataSource, table: string): Promise<number> {
  const [{ n }] = await db.query(`SELECT count(*)::int AS n FROM "${table}"`);
  return n;
}

/** A 400's French errors as one object, `{ champ: raison }`. */
export function raisons(body: { erreurs: Array<{ champ: string; raison: string }> }): Record<string, string> {
  return Object.fromEntries(body.erreurs.map((e) => [e.champ, e.raison]));
}

/**
 * The bailleur's flats never freed, in the flux (neither stock défense nor outside the assiette), by
 * RPLS id; `where` (SQL on `logement`) narrows them.
 */
export async function logementsLibres(api: TestApi, n: number, where = 'TRUE'): Promise<string[]> {
  const rows: Array<{ id: string }> = await api.db.query(
    `SELECT id FROM logement WHERE bailleur_id = $1 AND NOT stock_defense AND hors_assiette IS NULL AND (${where})
       AND id NOT IN (SELECT logement_id FROM liberation) ORDER BY rpls_id LIMIT $2`,
    [api.bailleurId, n],
  );
  return rows.map((r) => r.id);
}

/**
 * Orients a libération as the chargé (`POST /api/orientations`), the manager approving the override
 * when the bailleur's policy makes it wait: the decision's body (`propositionId`...).
 */
export async function orienter(
  api: TestApi,
  decision: { liberationId: string; destination: Destination; motif: string; commentaire?: string },
): Promise<{ propositionId: string }> {
  let decided = await api.http
    .post('/api/orientations')
    .set(await api.auth('CHARGE'))
    .send(decision);
  if (decided.status === 202)
    decided = await api.http
      .post(`/api/overrides/${decided.body.overrideRequestId as string}/approve`)
      .set(await api.auth('MANAGER'))
      .send({ commentaire: 'test' });
  expect(decided.status).toBe(201);
  return decided.body;
}

/**
 * Frees the bailleur's flats on `date`, one after the other, until the engine's recommendation has an
 * eligible option that `retenir` accepts, and orients that flat to it (`orienter`, motif MUTATION):
 * the proposition, the flat and the destination.
 */
export async function orienterUnLogement(
  api: TestApi,
  date: string,
  retenir: (option: OptionOrientation) => boolean,
  opts: { commentaire?: string; where?: string } = {},
): Promise<{ propositionId: string; logementId: string; destination: Destination }> {
  const charge = await api.auth('CHARGE');
  for (let essai = 0; essai < 60; essai++) {
    const [logementId] = await logementsLibres(api, 1, opts.where);
    if (!logementId) break;
    const res = await api.http.post('/api/liberations').set(charge).send({ logementId, date, motif: 'CONGE' });
    expect(res.status).toBe(201);
    const options: OptionOrientation[] = res.body.recommendation.options;
    const option = options.find((o) => o.eligible && retenir(o));
    if (!option) continue;
    const { destination } = option;
    const liberationId: string = res.body.liberation.id;
    const { commentaire } = opts;
    const { propositionId } = await orienter(api, { liberationId, destination, motif: 'MUTATION', commentaire });
    return { propositionId, logementId, destination };
  }
  throw new Error('aucune recommandation ne retient un logement libre');
}

/**
 * `orienterUnLogement` to the convention itself (not one of its sous-quotas), the override explained
 * by `commentaire`: the proposition's id.
 */
export async function orienterVersLaConvention(
  api: TestApi,
  conventionId: string,
  date: string,
  commentaire: string,
): Promise<string> {
  const retenir = (o: OptionOrientation) =>
    o.destination.kind === 'CONVENTION' && o.destination.conventionId === conventionId && !o.destination.sousQuota;
  return (await orienterUnLogement(api, date, retenir, { commentaire })).propositionId;
}

/** `PUT /api/conventions/:id` as the manager (a new version from `body.dateEffet`, when given). */
export async function modifierConvention(api: TestApi, id: string, body: object) {
  return api.http
    .put(`/api/conventions/${id}`)
    .set(await api.auth('MANAGER'))
    .send(body);
}

/** The demo bailleur's exercice of 2026 and its conventions, read as its manager. */
export async function exerciceEtConventions(api: TestApi): Promise<{ exerciceId: string; conventions: Convention[] }> {
  const manager = await api.auth('MANAGER');
  const [exercice] = (await api.http.get(`/api/exercices?annee=2026&bailleurId=${api.bailleurId}`).set(manager)).body;
  const conventions = (await api.http.get(`/api/conventions?bailleurId=${api.bailleurId}`).set(manager)).body;
  return { exerciceId: exercice.id, conventions };
}

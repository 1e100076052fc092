/**
 * A suggestion kept true when its recommendation is computed again (the console's « Recalculer la
 * recommandation » after the progress moved): the message is updated in place, its buttons decide
 * the new recommendation, and a click on the old one is refused privately. « Accepter » on a
 * suggestion nobody recalculated decides on today's state: the same destination is decided on the
 * fresh recommendation; another one is told privately, nothing decided, and the message updated.
 */
process.env.FLOW_POLL_MS = '200';

import { ACTION_ACCEPTER } from '@aiguillage/core/slack';
import { keyOf } from '@aiguillage/engine';
import request from 'supertest';
import { account } from '../helpers/app';
import { enAttenteTelle, recommandeeDuJour } from '../helpers/recommandation-du-jour';
import { auth, Liberations, mapChannel, slackAccount, startSlackTestApp, type SlackTestApp } from './slack-app';
import { outilsSuggestions } from './suggestion-outils';

jest.setTimeout(90_000);

const CANAL = 'C0RECALCUL';

describe('suggestion Slack et recommandation recalculée', () => {
  let t: SlackTestApp;
  let bailleurId: string;
  let charge: Awaited<ReturnType<typeof slackAccount>>;
  let liberations: Liberations;
  const { suggestionDe, tsDe, clic, boutons, decisions, majDe, ouvrirDerogation, envoyerDerogation } =
    outilsSuggestions(() => t, CANAL);

  beforeAll(async () => {
    t = await startSlackTestApp();
    bailleurId = t.demo.bailleurs[0].id;
    const admin = await account(t.app, 'ADMIN', [bailleurId]);
    charge = await slackAccount(t, 'UCHARGE', 'CHARGE', [bailleurId]);
    liberations = new Liberations(t);
    await mapChannel(t, admin, bailleurId, CANAL);
  });

  afterAll(() => t?.close());

  /** A flat still waiting whose recommendation today meets `voulu` (against the one its message shows). */
  const enAttente = async (voulu: (aujourdhui: string, affichee: string) => boolean) => {
    const d = await enAttenteTelle(
      t,
      async () => (await liberations.declarer(charge, bailleurId)).body,
      orienter,
      voulu,
    );
    return { liberationId: d.liberation.id, body: d };
  };
  const orienter = (liberationId: string) =>
    request(t.url).post('/api/orientations').set(auth(charge)).send({ liberationId }).expect(201);
  /** The libération's latest recommendation, as the API gives it. */
  const derniereRecommandation = async (liberationId: string) =>
    (await request(t.url).get(`/api/liberations/${liberationId}/recommendation`).set(auth(charge)).expect(200)).body;
  const recommendationDecidee = async (liberationId: string) =>
    (
      await t.db.dataSource.query(`SELECT recommendation_id AS id FROM orientation_decision WHERE liberation_id = $1`, [
        liberationId,
      ])
    )[0]?.id;

  it('a recommendation recalculated in the console updates the message: its buttons decide the new one, the old is refused', async () => {
    const { liberationId } = await liberations.declarer(charge, bailleurId);
    const post = await suggestionDe(liberationId);
    const ts = await tsDe(liberationId);
    const ancien = boutons(post)[0].value as string;
    // Another flat decided: the progress moved, so the recommendation is computed again.
    const autre = await liberations.declarer(charge, bailleurId);
    await request(t.url)
      .post('/api/orientations')
      .set(auth(charge))
      .send({ liberationId: autre.liberationId })
      .expect(201);
    const avant = t.slack.calls.length;
    const recalcul = await request(t.url)
      .post(`/api/liberations/${liberationId}/recommendation`)
      .set(auth(charge))
      .expect(201);
    const nouvelId = recalcul.body.recommendation.id as string;
    const maj = await majDe(ts, avant);
    const bouton = (maj.args.blocks as any[]).find((b) => b.type === 'actions').elements[0];
    expect(bouton.value).toBe(`${liberationId}|${nouvelId}`);
    expect(ancien).not.toBe(bouton.value);
    // The old button (a client that had not refreshed): refused privately; the new one decides.
    expect((await clic('UCHARGE', ACTION_ACCEPTER, ancien, post, ts)).status).toBe(200);
    const refus = await t.slack.waitFor('éphémère', () =>
      t.slack.calls.slice(avant).find((c) => c.method === 'chat.postEphemeral' && c.args.user === 'UCHARGE'),
    );
    expect(refus.args.text).toMatch(/^Action refusée : Recommandation périmée/);
    expect(await decisions(liberationId)).toEqual([]);
    const fin = t.slack.calls.length;
    expect((await clic('UCHARGE', ACTION_ACCEPTER, bouton.value, maj, ts)).status).toBe(200);
    expect(JSON.stringify((await majDe(ts, fin)).args.blocks)).toContain('(recommandation suivie)');
    expect(await decisions(liberationId)).toEqual([{ decidedBy: charge.userId, isOverride: false }]);
  });

  it('« Accepter » after the progress moved, same destination today: decided on the fresh recommendation', async () => {
    const { liberationId, body } = await enAttente((aujourdhui, affichee) => aujourdhui === affichee);
    const post = await suggestionDe(liberationId);
    const ts = await tsDe(liberationId);
    const fin = t.slack.calls.length;
    expect((await clic('UCHARGE', ACTION_ACCEPTER, boutons(post)[0].value, post, ts)).status).toBe(200);
    await t.slack.waitFor('message décidé', () =>
      t.slack.calls
        .slice(fin)
        .find(
          (c) =>
            c.method === 'chat.update' &&
            c.args.ts === ts &&
            JSON.stringify(c.args.blocks).includes('(recommandation suivie)'),
        ),
    );
    const retenue = await recommendationDecidee(liberationId);
    expect(retenue).not.toBe(body.recommendation.id);
    const derniere = await derniereRecommandation(liberationId);
    expect(retenue).toBe(derniere.id);
    expect(t.slack.calls.slice(fin).filter((c) => c.method === 'chat.postEphemeral')).toEqual([]);
  });

  it('« Accepter » after the progress moved, another destination today: nothing decided, told privately, message updated', async () => {
    const { liberationId, body } = await enAttente((aujourdhui, affichee) => aujourdhui !== affichee);
    const initiale = keyOf(body.recommendation.recommandee);
    const post = await suggestionDe(liberationId);
    const ts = await tsDe(liberationId);
    expect(await recommandeeDuJour(t.app, t.demo, body)).not.toBe(initiale);
    const avant = t.slack.calls.length;
    expect((await clic('UCHARGE', ACTION_ACCEPTER, boutons(post)[0].value, post, ts)).status).toBe(200);
    const refus = await t.slack.waitFor('éphémère', () =>
      t.slack.calls.slice(avant).find((c) => c.method === 'chat.postEphemeral' && c.args.user === 'UCHARGE'),
    );
    expect(refus.args.text).toMatch(
      /^Action refusée : L’avancement des conventions a bougé depuis le calcul de la recommandation : elle propose maintenant (.+ — convention .+|Part du bailleur|Usage exclu : .+) \(au lieu de (.+ — convention .+|Part du bailleur|Usage exclu : .+)\)\./,
    );
    expect(await decisions(liberationId)).toEqual([]);
    const maj = await majDe(ts, avant);
    const bouton = boutons(maj)[0];
    const derniere = await derniereRecommandation(liberationId);
    expect(bouton.value).toBe(`${liberationId}|${derniere.id}`);
    expect(keyOf(derniere.recommandee)).not.toBe(initiale);
    // Read, then accepted: decided on the recommendation the updated message shows.
    const fin = t.slack.calls.length;
    expect((await clic('UCHARGE', ACTION_ACCEPTER, bouton.value, maj, ts)).status).toBe(200);
    expect(JSON.stringify((await majDe(ts, fin)).args.blocks)).toContain('(recommandation suivie)');
    expect(await recommendationDecidee(liberationId)).toBe(derniere.id);
  });

  it('« Déroger… » after the progress moved, another destination today: the modal says so, the override sets today’s aside', async () => {
    const { liberationId, body } = await enAttente((aujourdhui, affichee) => aujourdhui !== affichee);
    const post = await suggestionDe(liberationId);
    const ts = await tsDe(liberationId);
    const view = await ouvrirDerogation('UCHARGE', post, ts);
    const derniere = await derniereRecommandation(liberationId);
    expect(derniere.id).not.toBe(body.recommendation.id);
    expect(JSON.parse(view.private_metadata).recommendationId).toBe(derniere.id);
    expect(JSON.stringify(view.blocks)).toMatch(
      /L’avancement des conventions a changé depuis le message : la recommandation est maintenant .+ \(au lieu de .+\)\. Le message est mis à jour\./,
    );
    const soumis = await envoyerDerogation('UCHARGE', view);
    expect(soumis.status).toBe(200);
    // Decided at once or awaiting a manager: the recommendation set aside is today's.
    const ecartees = await t.db.dataSource.query<Array<{ id: string }>>(
      `SELECT recommendation_id AS id FROM override_request WHERE liberation_id = $1
       UNION ALL SELECT recommendation_id FROM orientation_decision WHERE liberation_id = $1`,
      [liberationId],
    );
    expect(ecartees.length).toBeGreaterThan(0);
    expect(ecartees.map((r) => r.id)).toEqual(ecartees.map(() => derniere.id));
  });

  it('« Déroger… » sent after the progress moved again since the modal opened: refused in the modal, nothing written', async () => {
    const { liberationId, body } = await liberations.declarer(charge, bailleurId);
    const post = await suggestionDe(liberationId);
    const ts = await tsDe(liberationId);
    const view = await ouvrirDerogation('UCHARGE', post, ts);
    const lue = keyOf(body.recommendation.recommandee);
    // Other flats decided while the modal is open, until today's recommendation names another destination.
    for (let i = 0; i < 30 && (await recommandeeDuJour(t.app, t.demo, body)) === lue; i++)
      await orienter((await liberations.declarer(charge, bailleurId)).liberationId);
    expect(await recommandeeDuJour(t.app, t.demo, body)).not.toBe(lue);
    const soumis = await envoyerDerogation('UCHARGE', view);
    expect(soumis.status).toBe(200);
    expect(soumis.body.response_action).toBe('errors');
    expect(soumis.body.errors.destination).toMatch(
      /^Action refusée : L’avancement des conventions a bougé depuis le calcul de la recommandation : elle propose maintenant .+ \(au lieu de .+\)\. Rien n’est décidé/,
    );
    expect(await decisions(liberationId)).toEqual([]);
    const [{ n }] = await t.db.dataSource.query(
      `SELECT count(*)::int AS n FROM override_request WHERE liberation_id = $1`,
      [liberationId],
    );
    expect(n).toBe(0);
  });
});

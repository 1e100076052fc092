/**
 * A suggestion kept true when its recommendation is computed again (the console's « Recalculer la
 * recommandation » after the progress moved): the message is updated in place, its buttons decide
 * the new recommendation, and a click on the old one is refused privately.
 */
process.env.FLOW_POLL_MS = '200';

import { ACTION_ACCEPTER } from '@aiguillage/core/slack';
import request from 'supertest';
import { account } from '../helpers/app';
import { auth, Liberations, mapChannel, slackAccount, startSlackTestApp, type SlackTestApp } from './slack-app';
import { outilsSuggestions } from './suggestion-outils';

jest.setTimeout(90_000);

const CANAL = 'C0RECALCUL';

describe('suggestion Slack et recommandation recalculée', () => {
  let t: SlackTestApp;
  let bailleurId: string;
  let charge: Awaited<ReturnType<typeof slackAccount>>;
  let liberations: Liberations;
  const { suggestionDe, tsDe, clic, boutons, decisions, majDe } = outilsSuggestions(() => t, CANAL);

  beforeAll(async () => {
    t = await startSlackTestApp();
    bailleurId = t.demo.bailleurs[0].id;
    const admin = await account(t.app, 'ADMIN', [bailleurId]);
    charge = await slackAccount(t, 'UCHARGE', 'CHARGE', [bailleurId]);
    liberations = new Liberations(t);
    await mapChannel(t, admin, bailleurId, CANAL);
  });

  afterAll(() => t?.close());

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
});

/**
 * Socket Mode (SLACK_APP_TOKEN): the bot opens its connection itself (apps.connections.open on the
 * fake Slack, then its WebSocket) and handles the same commands and buttons as over HTTP.
 */
process.env.FLOW_POLL_MS = '200';

import { ACTION_ACCEPTER } from '@aiguillage/core/slack';
import { account } from '../helpers/app';
import { Liberations, mapChannel, slackAccount, startSlackTestApp, type SlackTestApp } from './slack-app';

jest.setTimeout(60_000);

describe('mode socket', () => {
  let t: SlackTestApp;

  beforeAll(async () => {
    t = await startSlackTestApp({}, { socketMode: true });
  });

  afterAll(() => t?.close());

  it('connects without an HTTP receiver, answers /aiguillage and the « Accepter » button', async () => {
    expect(t.bot.port).toBeNull();
    expect(t.slack.of('apps.connections.open')[0].token).toBe('xapp-jeton-de-test');
    const bailleurId = t.demo.bailleurs[0].id;
    const admin = await account(t.app, 'ADMIN', [bailleurId]);
    const charge = await slackAccount(t, 'UCHARGE', 'CHARGE', [bailleurId]);
    await mapChannel(t, admin, bailleurId, 'C0SOCKET');

    await t.slack.envelope('slash_commands', {
      token: 'x',
      team_id: 'T0AIGUIL',
      channel_id: 'C0SOCKET',
      user_id: 'UCHARGE',
      command: '/aiguillage',
      text: 'aide',
      response_url: `${t.slack.url}reponse/socket`,
      trigger_id: '1.2.3',
      api_app_id: 'A0AIGUIL',
    });
    const reponse = await t.slack.waitFor('réponse de la commande', () =>
      t.slack.calls.find((c) => c.method === 'reponse/socket'),
    );
    expect(reponse.args.response_type).toBe('ephemeral');
    expect(reponse.args.text).toContain('*Commandes Aiguillage*');

    const { liberationId } = await new Liberations(t).declarer(charge, bailleurId);
    const post = await t.slack.waitFor('suggestion', () =>
      t.slack.of('chat.postMessage').find((c) => JSON.stringify(c.args.blocks).includes(`Libération ${liberationId}`)),
    );
    const value = (post.args.blocks as any[]).find((b) => b.type === 'actions').elements[0].value;
    await t.slack.envelope('interactive', {
      type: 'block_actions',
      team: { id: 'T0AIGUIL' },
      user: { id: 'UCHARGE' },
      api_app_id: 'A0AIGUIL',
      token: 'x',
      trigger_id: '4.5.6',
      container: { type: 'message', channel_id: 'C0SOCKET' },
      channel: { id: 'C0SOCKET' },
      message: { ts: '1', blocks: post.args.blocks },
      response_url: `${t.slack.url}reponse/clic`,
      actions: [{ type: 'button', action_id: ACTION_ACCEPTER, block_id: 'suggestion', value, action_ts: '1' }],
    });
    await t.slack.waitFor('message mis à jour', () =>
      t.slack.of('chat.update').find((c) => JSON.stringify(c.args.blocks).includes('depuis Slack')),
    );
    const decisions = await t.db.dataSource.query(
      `SELECT decided_by AS "decidedBy" FROM orientation_decision WHERE liberation_id = $1`,
      [liberationId],
    );
    expect(decisions).toEqual([{ decidedBy: charge.userId }]);
  });
});

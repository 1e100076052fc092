/** What the suggestion suites read and click: the posted suggestion, its ts, its buttons, its updates, the decisions. */
import { ACTION_DEROGER, VUE_DEROGATION } from '@aiguillage/core/slack';
import { blockActionBody, type SlackCall } from './fake-slack';
import { posterSigne, viewSubmissionBody, type SlackTestApp } from './slack-app';

/** `app`: the suite's app, read when a helper runs (it is started in `beforeAll`). */
export function outilsSuggestions(app: () => SlackTestApp, canal: string) {
  const suggestionDe = (liberationId: string) =>
    app().slack.waitFor(`suggestion de ${liberationId}`, () =>
      app()
        .slack.of('chat.postMessage')
        .find((c) => !c.args.thread_ts && JSON.stringify(c.args.blocks ?? []).includes(`Libération ${liberationId}`)),
    );
  const tsDe = async (liberationId: string): Promise<string> => {
    for (let i = 0; i < 200; i++) {
      const [row] = await app().db.dataSource.query(`SELECT ts FROM slack_message WHERE cle = $1 AND ts IS NOT NULL`, [
        `suggestion-${liberationId}`,
      ]);
      if (row) return row.ts;
      await new Promise((r) => setTimeout(r, 20));
    }
    throw new Error(`ts de la suggestion ${liberationId} non enregistré`);
  };
  const clic = (slackUserId: string, actionId: string, value: string, post: SlackCall, ts: string, channel = canal) =>
    posterSigne(
      app(),
      blockActionBody({
        slackUserId,
        actionId,
        value,
        channel,
        message: { ts, text: post.args.text, blocks: post.args.blocks },
      }),
    );
  const boutons = (post: SlackCall) => (post.args.blocks as any[]).find((b) => b.type === 'actions')?.elements ?? [];
  const decisions = async (liberationId: string) =>
    await app().db.dataSource.query<any[]>(
      `SELECT decided_by AS "decidedBy", is_override AS "isOverride" FROM orientation_decision WHERE liberation_id = $1`,
      [liberationId],
    );
  const majDe = (ts: string, after = 0) =>
    app().slack.waitFor(`chat.update de ${ts}`, () =>
      app()
        .slack.calls.slice(after)
        .find((c) => c.method === 'chat.update' && c.args.ts === ts),
    );
  /** « Déroger… » clicked on the suggestion `post`: the modal the bot opened. */
  const ouvrirDerogation = async (slackUserId: string, post: SlackCall, ts: string) => {
    const avant = app().slack.calls.length;
    expect((await clic(slackUserId, ACTION_DEROGER, boutons(post)[1].value, post, ts)).status).toBe(200);
    const open = await app().slack.waitFor('views.open', () =>
      app()
        .slack.calls.slice(avant)
        .find((c) => c.method === 'views.open'),
    );
    return open.args.view;
  };
  /** The override modal `view` sent with its first destination, motif URGENCE and a comment. */
  const envoyerDerogation = (slackUserId: string, view: any) =>
    posterSigne(
      app(),
      viewSubmissionBody(slackUserId, {
        callback_id: VUE_DEROGATION,
        private_metadata: view.private_metadata,
        values: {
          destination: {
            choix: {
              type: 'static_select',
              selected_option: view.blocks.find((b: any) => b.block_id === 'destination').element.options[0],
            },
          },
          motif: { choix: { type: 'static_select', selected_option: { value: 'URGENCE' } } },
          commentaire: { texte: { type: 'plain_text_input', value: 'Sinistre' } },
        },
      }),
    );
  return { suggestionDe, tsDe, clic, boutons, decisions, majDe, ouvrirDerogation, envoyerDerogation };
}

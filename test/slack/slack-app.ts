/**
 * The Slack bot end to end on the real PostgreSQL: the harness's app (jobs in-process) with Slack
 * configured against a local fake Slack Web API and the Bolt app on an HTTP receiver, and signed
 * requests as Slack sends them.
 */
import type { INestApplication } from '@nestjs/common';
import type { AppConfig, UserRole } from '@aiguillage/core';
import { logementsLiberables, type DemoDepartement } from '@aiguillage/demo';
import request from 'supertest';
import type { SlackBot } from '../../apps/slack-bot/src/slack-bot';
import { auth, bootApp, type Account, type IsolatedDatabase, type TestApp } from '../helpers/app';
import { SIGNING_SECRET } from '../helpers/slack';
import { FakeSlack, slackSignature } from './fake-slack';

export { auth, SIGNING_SECRET };

/** The Slack suites' view of the harness's app (the fake Slack as `slack`, the isolated database as `db`). */
export interface SlackTestApp {
  harness: TestApp;
  slack: FakeSlack;
  db: IsolatedDatabase;
  app: INestApplication;
  url: string;
  bot: SlackBot;
  botUrl: string;
  demo: DemoDepartement;
  config: AppConfig;
  close(): Promise<void>;
}

export async function startSlackTestApp(
  env: Record<string, string> = {},
  opts: { socketMode?: boolean } = {},
): Promise<SlackTestApp> {
  const t = await bootApp({ env, slack: opts });
  const slack = t.slack!;
  return {
    harness: t,
    slack: slack.fake,
    db: t.database,
    app: t.app,
    url: t.url,
    bot: slack.bot,
    botUrl: slack.botUrl,
    demo: t.demo,
    config: t.config,
    close: () => t.close(),
  };
}

/** An account and its Slack user (the fake's users.info answers its e-mail). */
export async function slackAccount(
  t: SlackTestApp,
  slackId: string,
  role: UserRole,
  bailleurIds: string[],
  reservataireId?: string,
): Promise<Account & { nom: string; email: string }> {
  const a = await t.harness.account(role, bailleurIds, reservataireId ?? null);
  t.slack.users.set(slackId, a.email);
  return a;
}

/** Maps the bailleur to a channel through the ADMIN route. */
export async function mapChannel(t: SlackTestApp, admin: Account, bailleurId: string, canal: string): Promise<void> {
  await request(t.url)
    .put(`/api/bailleurs/${bailleurId}/slack-canaux`)
    .set(auth(admin))
    .send({ canaux: [{ canal }] })
    .expect(200);
}

/** Declares freed flats of `bailleur` over HTTP, one per day from `jour`; returns the API's answers. */
export class Liberations {
  private cursor = 0;
  private day = 0;
  constructor(private readonly t: SlackTestApp) {}

  async declarer(
    a: Account,
    bailleurId: string,
    opts: { deuxOptions?: boolean } = {},
  ): Promise<{ liberationId: string; body: any }> {
    const flats = logementsLiberables(this.t.demo, bailleurId);
    for (let i = 0; i < 60; i++) {
      const date = new Date(Date.UTC(2026, 2, 1) + this.day++ * 3_600_000 * 6).toISOString().slice(0, 10);
      const res = await request(this.t.url)
        .post('/api/liberations')
        .set(auth(a))
        .send({ logementId: flats[this.cursor++ % flats.length].id, date, motif: 'CONGE' });
      if (res.status !== 201) continue;
      const eligibles = res.body.recommendation?.options?.filter((o: any) => o.eligible) ?? [];
      if (eligibles.length >= (opts.deuxOptions ? 2 : 1))
        return { liberationId: res.body.liberation.id, body: res.body };
    }
    throw new Error('aucune libération déclarable avec assez d’options');
  }
}

/** POSTs a form body to the bot, signed like Slack (or with another secret / timestamp). */
export async function posterSigne(
  t: SlackTestApp,
  body: string,
  opts: { secret?: string; timestamp?: number; headers?: Record<string, string>; json?: boolean } = {},
) {
  const headers = opts.headers ?? slackSignature(opts.secret ?? SIGNING_SECRET, body, opts.timestamp);
  return request(t.botUrl)
    .post('/slack/events')
    .set('content-type', opts.json ? 'application/json' : 'application/x-www-form-urlencoded')
    .set(headers)
    .send(body);
}

/** The body of an Events API callback (JSON). */
export function eventBody(event: Record<string, unknown>, n: number): string {
  return JSON.stringify({
    token: 'jeton-de-verification-obsolete',
    team_id: 'T0AIGUIL',
    api_app_id: 'A0AIGUIL',
    event,
    type: 'event_callback',
    event_id: `Ev${n}`,
    event_time: Math.floor(Date.now() / 1000),
  });
}

/** The body of a view_submission (the override modal sent). */
export function viewSubmissionBody(
  slackUserId: string,
  view: { callback_id: string; private_metadata: string; values: Record<string, Record<string, unknown>> },
): string {
  const payload = {
    type: 'view_submission',
    team: { id: 'T0AIGUIL', domain: 'aiguillage' },
    user: { id: slackUserId, username: slackUserId.toLowerCase(), team_id: 'T0AIGUIL' },
    api_app_id: 'A0AIGUIL',
    token: 'jeton-de-verification-obsolete',
    trigger_id: '456.789.def',
    view: {
      id: 'V0MODAL',
      type: 'modal',
      team_id: 'T0AIGUIL',
      callback_id: view.callback_id,
      private_metadata: view.private_metadata,
      state: { values: view.values },
      hash: 'h',
    },
  };
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}

/** The body of a slash command. */
export function commandBody(t: SlackTestApp, slackUserId: string, text: string, n: number): string {
  return new URLSearchParams({
    token: 'jeton-de-verification-obsolete',
    team_id: 'T0AIGUIL',
    channel_id: 'C0COMMANDE',
    user_id: slackUserId,
    command: '/aiguillage',
    text,
    response_url: `${t.slack.url}reponse/${n}`,
    trigger_id: `789.${n}.ghi`,
    api_app_id: 'A0AIGUIL',
  }).toString();
}

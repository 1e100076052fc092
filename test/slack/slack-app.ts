/**
 * The Slack bot end to end on the real PostgreSQL: the API (jobs in-process) with Slack configured
 * against a local fake Slack Web API, the Bolt app on an HTTP receiver, the demo seeded, accounts
 * and their Slack users, and signed requests as Slack sends them.
 */
import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { loadConfig, type AppConfig } from '@aiguillage/core';
import { logementsLiberables, type DemoDepartement } from '@aiguillage/demo';
import { mkdtempSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import request from 'supertest';
import { ApiModule } from '../../apps/api/src/api.module';
import { setupApp } from '../../apps/api/src/setup-app';
import { slackBotDeps, startSlackBot, type SlackBot } from '../../apps/slack-bot/src/slack-bot';
import { openIsolatedDatabase, type IsolatedDatabase } from '../helpers/db';
import { account, JWT_SECRET, seedDemo, type Account } from '../flow/flow-app';
import { FakeSlack, slackSignature } from './fake-slack';

export const SIGNING_SECRET = 'secret-de-signature-slack-de-test';

export interface SlackTestApp {
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
  const slack = new FakeSlack();
  await slack.start();
  if (opts.socketMode) await slack.startSocketMode();
  const db = await openIsolatedDatabase();
  const demo = await seedDemo(db.dataSource);
  const config = loadConfig({
    NODE_ENV: 'test',
    DATABASE_URL: db.url,
    JWT_SECRET,
    DEMO_ENABLED: 'false',
    LOG_LEVEL: 'silent',
    DATA_DIR: mkdtempSync(join(tmpdir(), 'aiguillage-slack-')),
    SLACK_BOT_TOKEN: 'xoxb-jeton-de-test',
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_PORT: '0',
    SLACK_API_URL: slack.url,
    SLACK_INTERVALLE_CANAL_MS: '0',
    SLACK_DIGEST_HEURE: 'aucun',
    ...(opts.socketMode ? { SLACK_APP_TOKEN: 'xapp-jeton-de-test' } : {}),
    ...env,
  });
  const moduleRef = await Test.createTestingModule({
    imports: [ApiModule.forRoot({ config, databaseUrl: db.url, processJobs: true })],
  }).compile();
  const app = moduleRef.createNestApplication({ logger: false });
  setupApp(app);
  await app.listen(0, '127.0.0.1');
  const url = `http://127.0.0.1:${(app.getHttpServer().address() as { port: number }).port}`;
  const bot = await startSlackBot(
    config,
    slackBotDeps(app, () => undefined),
  );
  const botUrl = `http://127.0.0.1:${bot.port}`;
  return {
    slack,
    db,
    app,
    url,
    bot,
    botUrl,
    demo,
    config,
    async close() {
      await bot.stop();
      await app.close();
      await db.drop();
      await slack.stop();
    },
  };
}

export const auth = (a: Account) => ({ Authorization: `Bearer ${a.token}` });

/** An account and its Slack user (the fake's users.info answers its e-mail). */
export async function slackAccount(
  t: SlackTestApp,
  slackId: string,
  role: Parameters<typeof account>[1],
  bailleurIds: string[],
  reservataireId?: string,
): Promise<Account & { nom: string; email: string }> {
  const a = await account(t.app, role, bailleurIds, reservataireId ?? null);
  const [u] = await t.db.dataSource.query(`SELECT email, nom FROM app_user WHERE id = $1`, [a.userId]);
  t.slack.users.set(slackId, u.email);
  return { ...a, nom: u.nom, email: u.email };
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

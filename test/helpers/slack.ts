import type { INestApplication } from '@nestjs/common';
import type { AppConfig } from '@aiguillage/core';
import { slackBotDeps, startSlackBot, type SlackBot } from '../../apps/slack-bot/src/slack-bot';
import { FakeSlack } from '../slack/fake-slack';

export const SIGNING_SECRET = 'secret-de-signature-slack-de-test';

export interface SlackOptions {
  /** Socket Mode (SLACK_APP_TOKEN set, the fake's socket server started) instead of the HTTP receiver. */
  socketMode?: boolean;
}

/** The Slack side of a booted app: the fake Slack Web API, and the Bolt app once started. */
export interface SlackHarness {
  fake: FakeSlack;
  bot: SlackBot;
  /** http://127.0.0.1:<port> of the bot's HTTP receiver. */
  botUrl: string;
  /** The configuration variables that point the app at the fake. */
  env: Record<string, string>;
  startBot(app: INestApplication, config: AppConfig): Promise<void>;
  stopBot(): Promise<void>;
  stopFake(): Promise<void>;
}

/** Starts the fake Slack; the bot starts once the API is up (`startBot`). */
export async function startSlackHarness(opts: SlackOptions): Promise<SlackHarness> {
  const fake = new FakeSlack();
  await fake.start();
  if (opts.socketMode) await fake.startSocketMode();
  const harness: SlackHarness = {
    fake,
    bot: undefined as unknown as SlackBot,
    botUrl: '',
    env: {
      SLACK_BOT_TOKEN: 'xoxb-jeton-de-test',
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_PORT: '0',
      SLACK_API_URL: fake.url,
      SLACK_INTERVALLE_CANAL_MS: '0',
      SLACK_DIGEST_HEURE: 'aucun',
      ...(opts.socketMode ? { SLACK_APP_TOKEN: 'xapp-jeton-de-test' } : {}),
    },
    async startBot(app, config) {
      harness.bot = await startSlackBot(
        config,
        slackBotDeps(app, () => undefined),
      );
      harness.botUrl = `http://127.0.0.1:${harness.bot.port}`;
    },
    async stopBot() {
      await harness.bot?.stop();
    },
    stopFake: () => fake.stop(),
  };
  return harness;
}

import { App, LogLevel } from '@slack/bolt';
import type { AppConfig, HealthService } from '@aiguillage/core';

export interface SlackBot {
  stop(): Promise<void>;
}

/** Message shown when the bot is not configured. */
export const SLACK_NOT_CONFIGURED =
  'Bot Slack non configuré : renseignez SLACK_BOT_TOKEN et SLACK_SIGNING_SECRET (et SLACK_APP_TOKEN pour le mode socket).';

/**
 * The Slack adapter (`@slack/bolt`): socket mode when SLACK_APP_TOKEN is set, else an HTTP receiver
 * on SLACK_PORT. For now it answers `/aiguillage` with the service status; the approval flows
 * (overrides, orientations) will call the same use cases as the API.
 */
export async function startSlackBot(config: AppConfig, deps: { health: HealthService; log: (message: string) => void }): Promise<SlackBot> {
  const slack = config.get('slack');
  if (!slack) throw new Error(SLACK_NOT_CONFIGURED);
  const app = new App({
    token: slack.botToken,
    signingSecret: slack.signingSecret,
    ...(slack.appToken ? { socketMode: true, appToken: slack.appToken } : {}),
    logLevel: LogLevel.WARN,
  });
  app.command('/aiguillage', async ({ ack, respond }) => {
    await ack();
    const report = await deps.health.check();
    await respond({
      response_type: 'ephemeral',
      text: `Aiguillage : ${report.status === 'ok' ? 'opérationnel' : 'dégradé'} (base ${report.database}, file ${report.queue})`,
    });
  });
  await (slack.appToken ? app.start() : app.start(slack.port));
  deps.log(slack.appToken ? 'Bot Slack démarré (mode socket)' : `Bot Slack démarré (HTTP, port ${slack.port})`);
  return { stop: () => app.stop().then(() => undefined) };
}

import { App, LogLevel } from '@slack/bolt';
import type { AppConfig, HealthService } from '@aiguillage/core';
import { registerApprobations, type ApprobationDeps } from './approbations';

export interface SlackBot {
  /** The HTTP receiver's port (SLACK_PORT, or the one picked for 0); null in socket mode. */
  port: number | null;
  stop(): Promise<void>;
}

/** What the bot needs from the process: health for `/aiguillage`, the flow and accounts for the approval buttons. */
export interface SlackBotDeps extends ApprobationDeps {
  health: HealthService;
}

/** Message shown when the bot is not configured. */
export const SLACK_NOT_CONFIGURED =
  'Bot Slack non configuré : renseignez SLACK_BOT_TOKEN et SLACK_SIGNING_SECRET (et SLACK_APP_TOKEN pour le mode socket).';

/**
 * The Slack adapter (`@slack/bolt`): socket mode when SLACK_APP_TOKEN is set, else an HTTP receiver
 * on SLACK_PORT (`/slack/events`, requests signed with SLACK_SIGNING_SECRET). It answers `/aiguillage`
 * with the service status, and handles the « Approuver » / « Rejeter » buttons of the override
 * requests posted to SLACK_CANAL_APPROBATIONS (same use cases as the API). Web API calls go to
 * SLACK_API_URL.
 */
export async function startSlackBot(config: AppConfig, deps: SlackBotDeps): Promise<SlackBot> {
  const slack = config.get('slack');
  if (!slack) throw new Error(SLACK_NOT_CONFIGURED);
  const app = new App({
    token: slack.botToken,
    signingSecret: slack.signingSecret,
    ...(slack.appToken ? { socketMode: true, appToken: slack.appToken } : {}),
    logLevel: LogLevel.WARN,
    clientOptions: { slackApiUrl: config.get('slackApiUrl') },
  });
  registerApprobations(app, deps);
  app.command('/aiguillage', async ({ ack, respond }) => {
    await ack();
    const report = await deps.health.check();
    await respond({
      response_type: 'ephemeral',
      text: `Aiguillage : ${report.status === 'ok' ? 'opérationnel' : 'dégradé'} (base ${report.database}, file ${report.queue})`,
    });
  });
  const server = await (slack.appToken ? app.start() : app.start(slack.port));
  const address = slack.appToken ? null : (server as { address?: () => unknown }).address?.();
  const port = slack.appToken ? null : address && typeof address === 'object' && 'port' in address ? Number(address.port) : slack.port;
  deps.log(slack.appToken ? 'Bot Slack démarré (mode socket)' : `Bot Slack démarré (HTTP, port ${port})`);
  return { port, stop: () => app.stop().then(() => undefined) };
}

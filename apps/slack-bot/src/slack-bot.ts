import { App, HTTPReceiver, LogLevel, SocketModeReceiver } from '@slack/bolt';
import type { INestApplicationContext } from '@nestjs/common';
import { HealthService, type AppConfig } from '@aiguillage/core';
import { EngineStateStore } from '@aiguillage/core/platform/live';
import {
  DecisionDuJourService,
  OrientationFlowService,
  PolitiqueDerogationService,
} from '@aiguillage/core/orientations';
import { SlackComptesService } from '@aiguillage/core/slack';
import { DataSource } from 'typeorm';
import { registerAccueil } from './accueil';
import { registerApprobations } from './approbations';
import { registerCommandes } from './commandes';
import type { SlackBotDeps } from './comptes';
import { registerSuggestions } from './suggestions';

export type { SlackBotDeps } from './comptes';

export interface SlackBot {
  /** The HTTP receiver's port (SLACK_PORT, or the one picked for 0); null in socket mode. */
  port: number | null;
  stop(): Promise<void>;
}

/** Message shown when the bot is not configured. */
export const SLACK_NOT_CONFIGURED =
  'Bot Slack non configuré : renseignez SLACK_BOT_TOKEN et SLACK_SIGNING_SECRET (et SLACK_APP_TOKEN pour le mode socket).';

/** The bot's dependencies from a Nest context (API, all-in-one, the bot's own process). */
export function slackBotDeps(context: INestApplicationContext, log: (message: string) => void): SlackBotDeps {
  return {
    health: context.get(HealthService, { strict: false }),
    orientations: context.get(OrientationFlowService, { strict: false }),
    duJour: context.get(DecisionDuJourService, { strict: false }),
    comptes: context.get(SlackComptesService, { strict: false }),
    politiques: context.get(PolitiqueDerogationService, { strict: false }),
    store: context.get(EngineStateStore, { strict: false }),
    dataSource: context.get(DataSource, { strict: false }),
    log,
  };
}

/** How many request signatures are remembered to refuse a replay (they are valid 5 minutes). */
const SIGNATURES_RETENUES = 10_000;

/**
 * The Slack adapter (`@slack/bolt`): Socket Mode when SLACK_APP_TOKEN is set, else an HTTP receiver
 * on SLACK_PORT (`/slack/events`): signature checked with SLACK_SIGNING_SECRET, requests older than
 * 5 minutes refused (Bolt), and a request replayed with the same signature ignored. Handlers call
 * the same use cases as the API: the suggestion's buttons and override modal, the approval buttons,
 * `/aiguillage`, the App Home. Web API calls go to SLACK_API_URL; messages are posted and updated by the delivery
 * queue (`slack.canal`), the bot itself only answers the user (ephemeral, modal).
 */
export async function startSlackBot(config: AppConfig, deps: SlackBotDeps): Promise<SlackBot> {
  const slack = config.get('slack');
  if (!slack) throw new Error(SLACK_NOT_CONFIGURED);
  const vues = new Set<string>();
  const receiver = slack.appToken
    ? new SocketModeReceiver({
        appToken: slack.appToken,
        logLevel: LogLevel.ERROR,
        installerOptions: { clientOptions: { slackApiUrl: config.get('slackApiUrl') } },
      })
    : new HTTPReceiver({
        signingSecret: slack.signingSecret,
        endpoints: '/slack/events',
        logLevel: LogLevel.ERROR,
        customPropertiesExtractor: (req) => ({ signature: String(req.headers['x-slack-signature'] ?? '') }),
      });
  const app = new App({
    token: slack.botToken,
    receiver,
    logLevel: LogLevel.ERROR,
    clientOptions: { slackApiUrl: config.get('slackApiUrl') },
  });
  // A signed request played again (same signature) is acknowledged and ignored.
  app.use(async (args) => {
    const signature = (args.context as { signature?: string }).signature;
    if (signature) {
      if (vues.has(signature)) {
        deps.log('Requête Slack rejouée ignorée');
        await (args as { ack?: () => Promise<void> }).ack?.();
        return;
      }
      vues.add(signature);
      if (vues.size > SIGNATURES_RETENUES) vues.delete(vues.values().next().value as string);
    }
    await args.next();
  });
  registerSuggestions(app, deps);
  registerApprobations(app, deps);
  registerCommandes(app, deps);
  registerAccueil(app, deps);
  const server = await (slack.appToken ? app.start() : app.start(slack.port));
  const address = slack.appToken ? null : (server as { address?: () => unknown }).address?.();
  const port = slack.appToken
    ? null
    : address && typeof address === 'object' && 'port' in address
      ? Number(address.port)
      : slack.port;
  deps.log(slack.appToken ? 'Bot Slack démarré (mode socket)' : `Bot Slack démarré (HTTP, port ${port})`);
  return { port, stop: () => app.stop().then(() => undefined) };
}

import 'reflect-metadata';
import { DossierOccupeError } from '@aiguillage/core';
import { startApi } from '../apps/api/src/bootstrap';
import { slackBotDeps, startSlackBot } from '../apps/slack-bot/src/slack-bot';

/**
 * Everything in one process (`npm start`): the API and websocket, the job processing (in-process
 * queue, or BullMQ when REDIS_URL is set), and the Slack bot when it is configured. Without
 * DATABASE_URL an embedded PostgreSQL is started under DATA_DIR and the demo is loaded once.
 */
async function main(): Promise<void> {
  const api = await startApi({ processJobs: true, name: 'aiguillage' });
  if (api.config.get('slack')) {
    const bot = await startSlackBot(
      api.config,
      slackBotDeps(api.app, (m) => process.stdout.write(`${m}\n`)),
    );
    api.onClose(() => bot.stop());
  } else {
    process.stdout.write('Bot Slack désactivé (SLACK_BOT_TOKEN / SLACK_SIGNING_SECRET absents).\n');
  }
}

void main().catch((error: unknown) => {
  // A refusal the user can act on is said plainly; anything else with its stack.
  process.stderr.write(
    `Échec du démarrage : ${error instanceof DossierOccupeError ? error.message : ((error as Error).stack ?? String(error))}\n`,
  );
  process.exit(1);
});

import 'reflect-metadata';
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
    const bot = await startSlackBot(api.config, slackBotDeps(api.app, (m) => process.stdout.write(`${m}\n`)));
    api.onClose(() => bot.stop());
  } else {
    process.stdout.write('Bot Slack désactivé (SLACK_BOT_TOKEN / SLACK_SIGNING_SECRET absents).\n');
  }
}

void main().catch((error: unknown) => {
  process.stderr.write(`Échec du démarrage : ${(error as Error).stack ?? error}\n`);
  process.exit(1);
});

import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { Module, type DynamicModule } from '@nestjs/common';
import {
  bootLogger,
  CoreModule,
  loadConfigOrExit,
  onShutdown,
  type CoreModuleOptions,
  PinoLogger,
} from '@aiguillage/core';
import { FlowCoreModule } from '@aiguillage/core/flow-core.module';
import { SLACK_NOT_CONFIGURED, slackBotDeps, startSlackBot } from './slack-bot';

/** The bot process's context: the core, and the live flow's use cases the approval buttons call. */
@Module({})
class SlackBotModule {
  static forRoot(options: CoreModuleOptions): DynamicModule {
    return { module: SlackBotModule, imports: [CoreModule.forRoot(options), FlowCoreModule] };
  }
}

/** The Slack bot as its own process (shares PostgreSQL and Redis with the API). */
async function main(): Promise<void> {
  const config = loadConfigOrExit();
  const log = bootLogger(config, 'slack-bot');
  if (!config.get('slack')) {
    process.stderr.write(`${SLACK_NOT_CONFIGURED}\n`);
    process.exit(1);
  }
  const databaseUrl = config.get('databaseUrl');
  if (!databaseUrl) {
    process.stderr.write(
      'Le bot Slack seul a besoin de DATABASE_URL ; sans base partagée, lancez « npm start » (tout-en-un).\n',
    );
    process.exit(1);
  }
  const context = await NestFactory.createApplicationContext(
    SlackBotModule.forRoot({ config, databaseUrl, processJobs: false }),
    {
      bufferLogs: true,
    },
  );
  context.useLogger(context.get(PinoLogger));
  const bot = await startSlackBot(
    config,
    slackBotDeps(context, (m) => log.info(m)),
  );
  onShutdown(
    async () => {
      await bot.stop();
      await context.close();
    },
    (message) => log.info(message),
  );
}

void main().catch((error: unknown) => {
  process.stderr.write(`Échec du démarrage du bot Slack : ${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});

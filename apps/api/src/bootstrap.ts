import { NestFactory } from '@nestjs/core';
import {
  bootLogger,
  DemoBootstrapService,
  loadConfigOrExit,
  onShutdown,
  resolveDatabase,
  type AppConfig,
  type DemoLogin,
} from '@aiguillage/core';
import type { INestApplication } from '@nestjs/common';
import { ApiModule } from './api.module';
import { DOCS_PATH, setupApp } from './setup-app';

export interface RunningApi {
  app: INestApplication;
  config: AppConfig;
  url: string;
  /** Closes the app, then stops the embedded PostgreSQL if this process started one. */
  close(): Promise<void>;
  /** Registers a step run first at shutdown (e.g. stop the Slack bot). */
  onClose(step: () => Promise<void>): void;
}

/**
 * Boots the API: validated config, database (embedded PostgreSQL when DATABASE_URL is unset),
 * migrations, the demo département loaded once, then HTTP + websocket on PORT.
 * `processJobs`: also run queued jobs here (the all-in-one process).
 */
export async function startApi(options: { processJobs: boolean; name?: string }): Promise<RunningApi> {
  const config = loadConfigOrExit();
  const log = bootLogger(config, options.name ?? 'api');
  const database = await resolveDatabase(config, (message) => log.debug(message));
  let app: INestApplication | undefined;
  const firstSteps: Array<() => Promise<void>> = [];
  const close = async () => {
    for (const step of firstSteps) await step();
    await app?.close();
    await database.stop();
  };
  onShutdown(close, (message) => log.info(message));
  const processJobs = options.processJobs || !config.get('redisUrl');
  try {
    app = await NestFactory.create(ApiModule.forRoot({ config, databaseUrl: database.url, processJobs }), {
      bufferLogs: true,
    });
    setupApp(app);
    await app.init();
    const demo = await app.get(DemoBootstrapService).loadOnce();
    await app.listen(config.get('port'), config.get('host'));
    const port = (app.getHttpServer() as import('http').Server).address() as { port: number };
    const url = `http://localhost:${port.port}`;
    app.flushLogs();
    printBanner(url, config, demo.logins, database.url !== config.get('databaseUrl'));
    return { app, config, url, close, onClose: (step) => firstSteps.push(step) };
  } catch (error) {
    await close().catch(() => undefined);
    throw error;
  }
}

function printBanner(url: string, config: AppConfig, logins: DemoLogin[], embedded: boolean): void {
  const lines = [
    '',
    `Aiguillage démarré : ${url}`,
    `  Documentation de l'API : ${url}/${DOCS_PATH}`,
    `  Santé :                  ${url}/api/health`,
    `  Base de données :        ${embedded ? `PostgreSQL embarqué (${config.get('dataDir')}/postgres)` : 'DATABASE_URL'}`,
    `  File de tâches :         ${config.get('redisUrl') ? 'Redis (BullMQ)' : 'en mémoire (sans Redis)'}`,
  ];
  if (logins.length > 0) {
    lines.push('  Comptes de démonstration (POST /api/auth/login) :');
    for (const login of logins)
      lines.push(
        `    ${login.role.padEnd(13)} ${login.email.padEnd(34)} ${login.password.padEnd(24)} ${login.perimetre}`,
      );
  }
  process.stdout.write(lines.join('\n') + '\n\n');
}

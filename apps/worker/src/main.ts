import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { bootLogger, loadConfigOrExit, onShutdown, PinoLogger } from '@aiguillage/core';
import { WorkerModule } from './worker.module';

/**
 * The worker process: runs the BullMQ jobs (one handler per job name, checked at boot). It needs
 * the shared Redis and PostgreSQL of the API processes: REDIS_URL and DATABASE_URL are required.
 */
async function main(): Promise<void> {
  const config = loadConfigOrExit();
  const log = bootLogger(config, 'worker');
  const missing = (['redisUrl', 'databaseUrl'] as const).filter((key) => !config.get(key));
  if (missing.length > 0) {
    process.stderr.write(
      'Le worker traite la file Redis partagée avec l’API : REDIS_URL et DATABASE_URL sont obligatoires.\n' +
        'Sans Redis, « npm start » exécute les tâches dans le même processus que l’API.\n',
    );
    process.exit(1);
  }
  const app = await NestFactory.createApplicationContext(
    WorkerModule.forRoot({ config, databaseUrl: config.get('databaseUrl')! }),
    { bufferLogs: true },
  );
  app.useLogger(app.get(PinoLogger));
  await app.init();
  onShutdown(
    () => app.close(),
    (message) => log.info(message),
  );
  log.info('Worker démarré : traitement de la file « aiguillage »');
}

void main().catch((error: unknown) => {
  process.stderr.write(`Échec du démarrage du worker : ${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});

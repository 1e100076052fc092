import 'reflect-metadata';
import { startApi } from './bootstrap';

/** The API process (HTTP + websocket). With REDIS_URL, jobs go to the worker process. */
void startApi({ processJobs: false, name: 'api' }).catch((error: unknown) => {
  process.stderr.write(`Échec du démarrage de l'API : ${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});

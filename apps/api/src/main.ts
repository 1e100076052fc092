import 'reflect-metadata';
import { DossierOccupeError } from '@aiguillage/core';
import { startApi } from './bootstrap';

/** The API process (HTTP + websocket). With REDIS_URL, jobs go to the worker process. */
void startApi({ processJobs: false, name: 'api' }).catch((error: unknown) => {
  // A refusal the user can act on is said plainly; anything else with its stack.
  process.stderr.write(
    `Échec du démarrage de l'API : ${error instanceof DossierOccupeError ? error.message : ((error as Error).stack ?? String(error))}\n`,
  );
  process.exit(1);
});

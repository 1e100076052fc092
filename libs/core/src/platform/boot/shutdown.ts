/**
 * Runs `shutdown` once on SIGINT / SIGTERM (or a fatal error), then exits. Each process registers
 * its steps in order (close the Nest app, then stop the embedded PostgreSQL); a second signal or a
 * 20 s timeout forces the exit.
 */
export function onShutdown(shutdown: () => Promise<void>, log: (message: string) => void): void {
  let stopping = false;
  const stop = (reason: string, code: number) => {
    if (stopping) {
      log(`${reason} : arrêt forcé`);
      process.exit(1);
    }
    stopping = true;
    log(`${reason} : arrêt en cours`);
    setTimeout(() => {
      log('Arrêt trop long : sortie forcée');
      process.exit(1);
    }, 20_000).unref();
    shutdown().then(
      () => process.exit(code),
      (error: unknown) => {
        log(`Erreur pendant l'arrêt : ${(error as Error).message}`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT reçu', 0));
  process.on('SIGTERM', () => stop('SIGTERM reçu', 0));
  process.on('uncaughtException', (error) => {
    log(`Erreur fatale : ${error.stack ?? error.message}`);
    stop('Erreur fatale', 1);
  });
}

import type { AppConfig } from '../config/app-config';
import { startEmbeddedPostgres, type EmbeddedDatabase } from './embedded-postgres';
import { join } from 'path';

/** The database a process uses: the configured URL, or an embedded PostgreSQL it started. */
export async function resolveDatabase(config: AppConfig, log: (message: string) => void): Promise<EmbeddedDatabase> {
  const url = config.get('databaseUrl');
  if (url) return { url, stop: async () => undefined };
  log(`DATABASE_URL absent : démarrage de PostgreSQL embarqué (${join(config.get('dataDir'), 'postgres')})`);
  return startEmbeddedPostgres({ dataDir: config.get('dataDir'), log });
}

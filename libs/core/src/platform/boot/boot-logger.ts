import pino from 'pino';
import type { AppConfig } from '../config/app-config';
import { ConfigError, loadConfig } from '../config/app-config';

/** The logger used before Nest is up (embedded PostgreSQL, shutdown), same pino format. */
export function bootLogger(config: AppConfig | null, name: string): pino.Logger {
  return pino({ name, level: config?.get('logLevel') ?? 'info' });
}

/** Validates the environment or exits 1 with one line per bad variable (on stderr). */
export function loadConfigOrExit(env: NodeJS.ProcessEnv = process.env): AppConfig {
  try {
    return loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
}

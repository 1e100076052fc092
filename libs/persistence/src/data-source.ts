import 'reflect-metadata';
import { DataSource, type DataSourceOptions } from 'typeorm';
import type { LoggerOptions } from 'typeorm/logger/LoggerOptions';
import { ENTITIES } from './entities';
import { MIGRATIONS } from './migrations';
import { SnakeNamingStrategy } from './naming.strategy';

export const DEFAULT_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/aiguillage';

export interface ConnectionTuning {
  /** TypeORM logging (default: errors only). */
  logging?: LoggerOptions;
  /** Max connections of the pool (pg default: 10). */
  poolSize?: number;
  /** Shows in pg_stat_activity. */
  applicationName?: string;
}

/** The options every process uses (API, worker, CLI, tests): never `synchronize`, migrations only. */
export function buildDataSourceOptions(
  url: string = process.env.DATABASE_URL ?? DEFAULT_DATABASE_URL,
  tuning: ConnectionTuning = {},
): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: 'migrations',
    namingStrategy: new SnakeNamingStrategy(),
    /** gen_random_uuid() is built into PostgreSQL ≥ 13: no extension to install. */
    uuidExtension: 'pgcrypto',
    synchronize: false,
    migrationsRun: false,
    logging: tuning.logging ?? ['error'],
    ...(tuning.poolSize === undefined ? {} : { poolSize: tuning.poolSize }),
    ...(tuning.applicationName === undefined ? {} : { applicationName: tuning.applicationName }),
  };
}

/** The DataSource of the TypeORM CLI (`npm run migration:generate|run|revert`). */
export const AppDataSource = new DataSource(buildDataSourceOptions());

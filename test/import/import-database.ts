import { buildDataSourceOptions } from '@aiguillage/persistence';
import { randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { testDatabaseUrl } from '../helpers/db';

export const FIXTURES = join(__dirname, '..', 'fixtures');
export const fixture = (path: string) => createReadStream(join(FIXTURES, path));

/**
 * The import suites work on a database of their own (derived from the run's test database) so
 * that importing the shared fixtures (globally unique RPLS ids) never collides with another suite.
 */
export async function openImportDatabase(
  suffix: string,
): Promise<{ dataSource: DataSource; drop: () => Promise<void> }> {
  const source = new URL(testDatabaseUrl());
  const name = `${source.pathname.slice(1)}_${suffix}`;
  const url = Object.assign(new URL(source.toString()), { pathname: `/${name}` }).toString();
  const admin = new Client({ connectionString: source.toString() });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await admin.query(`CREATE DATABASE "${name}"`);
  const dataSource = await new DataSource(buildDataSourceOptions(url)).initialize();
  await dataSource.runMigrations({ transaction: 'each' });
  return {
    dataSource,
    drop: async () => {
      await dataSource.destroy();
      await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await admin.end();
    },
  };
}

export async function createBailleur(dataSource: DataSource, nom: string): Promise<string> {
  const id = randomUUID();
  const siren = String(Math.floor(Math.random() * 1e9)).padStart(9, '0');
  await dataSource.query(`INSERT INTO "bailleur" ("id", "nom", "siren") VALUES ($1, $2, $3)`, [id, nom, siren]);
  return id;
}

/**
 * Lifecycle of the throw-away PostgreSQL database of one jest run (used by global setup/teardown).
 * Relative imports only: jest's global setup does not apply the `@aiguillage/*` module mapper.
 */
import { randomBytes } from 'crypto';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { MIGRATIONS } from '../migrations';

export const TEST_DATABASE_PREFIX = 'aiguillage_test_';
const DEFAULT_ADMIN_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

export function adminUrl(): string {
  return process.env.TEST_DATABASE_URL ?? DEFAULT_ADMIN_URL;
}

export function databaseUrl(name: string): string {
  const url = new URL(adminUrl());
  url.pathname = `/${name}`;
  return url.toString();
}

async function withAdmin<T>(fn: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: adminUrl() });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Drops the databases left behind by jest runs that were killed (their pid is gone). */
async function dropOrphans(client: Client): Promise<void> {
  const { rows } = await client.query<{ datname: string }>(
    `SELECT datname FROM pg_database WHERE starts_with(datname, $1)`,
    [TEST_DATABASE_PREFIX],
  );
  for (const { datname } of rows) {
    const pid = Number(datname.slice(TEST_DATABASE_PREFIX.length).split('_')[0]);
    if (Number.isInteger(pid) && pid > 0 && !isAlive(pid)) {
      await client.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
    }
  }
}

export function templateName(runDatabase: string): string {
  return `${runDatabase}_tpl`;
}

/**
 * Creates the run's databases: a pristine template with every migration applied (never connected
 * to afterwards, so it can be cloned), and `aiguillage_test_<pid>_<random>`, a clone of it, for
 * the tests. Returns the latter.
 */
export async function createTestDatabase(): Promise<{ name: string; url: string }> {
  const name = `${TEST_DATABASE_PREFIX}${process.pid}_${randomBytes(4).toString('hex')}`;
  const template = templateName(name);
  await withAdmin(async (client) => {
    await dropOrphans(client);
    await client.query(`CREATE DATABASE "${template}"`);
  });
  const dataSource = new DataSource({
    type: 'postgres',
    url: databaseUrl(template),
    migrations: MIGRATIONS,
    migrationsTableName: 'migrations',
  });
  await dataSource.initialize();
  try {
    await dataSource.runMigrations({ transaction: 'each' });
  } finally {
    await dataSource.destroy();
  }
  return cloneTemplate(name, name);
}

/** A new database `<runDatabase>_<suffix>` with the migrated schema and no data (a file copy: fast). */
export async function cloneTemplate(runDatabase: string, name: string): Promise<{ name: string; url: string }> {
  if (!name.startsWith(runDatabase)) throw new Error(`${name} must start with ${runDatabase}`);
  await withAdmin((client) => client.query(`CREATE DATABASE "${name}" TEMPLATE "${templateName(runDatabase)}"`));
  return { name, url: databaseUrl(name) };
}

export async function dropDatabase(name: string): Promise<void> {
  if (!name.startsWith(TEST_DATABASE_PREFIX)) throw new Error(`refusing to drop ${name}: not a test database`);
  await withAdmin((client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
}

/** Drops the run's database, its template and every clone made from it. */
export async function dropTestDatabase(runDatabase: string): Promise<void> {
  if (!runDatabase.startsWith(TEST_DATABASE_PREFIX))
    throw new Error(`refusing to drop ${runDatabase}: not a test database`);
  await withAdmin(async (client) => {
    const { rows } = await client.query<{ datname: string }>(
      `SELECT datname FROM pg_database WHERE starts_with(datname, $1)`,
      [runDatabase],
    );
    for (const { datname } of rows) await client.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
  });
}

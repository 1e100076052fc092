import { buildDataSourceOptions } from '@aiguillage/persistence';
import { cloneTemplate, dropDatabase, TEST_DATABASE_PREFIX } from '@aiguillage/persistence/testing/test-database';
import { randomBytes } from 'crypto';
import { DataSource } from 'typeorm';

/** The name of this jest run's database (set by test/global-setup.ts). */
function runDatabaseName(): string {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL is not set: run integration tests through jest (project "integration")');
  const name = new URL(url).pathname.slice(1);
  if (!name.startsWith(TEST_DATABASE_PREFIX)) {
    throw new Error(`DATABASE_URL points to "${name}", not to a test database (${TEST_DATABASE_PREFIX}*)`);
  }
  return name;
}

/** The URL of this jest run's database, shared by the suites of the run (and by apps reading DATABASE_URL). */
export function testDatabaseUrl(): string {
  runDatabaseName();
  return process.env.DATABASE_URL!;
}

/** An initialized DataSource on the run's shared database (call `destroy()` in afterAll). */
export async function openTestDataSource(): Promise<DataSource> {
  return new DataSource(buildDataSourceOptions(testDatabaseUrl(), { logging: false })).initialize();
}

export interface IsolatedDatabase {
  url: string;
  dataSource: DataSource;
  /** Closes the DataSource and drops the database (call in afterAll). */
  drop(): Promise<void>;
}

/**
 * A database of the suite's own, migrated and empty (cloned from the run's template in ~100 ms):
 * for suites that truncate, count whole tables, or revert migrations while other suites run in
 * parallel workers.
 */
export async function openIsolatedDatabase(): Promise<IsolatedDatabase> {
  const run = runDatabaseName();
  const { name, url } = await cloneTemplate(run, `${run}_${randomBytes(3).toString('hex')}`);
  const dataSource = await new DataSource(buildDataSourceOptions(url, { logging: false })).initialize();
  return {
    url,
    dataSource,
    drop: async () => {
      await dataSource.destroy();
      await dropDatabase(name);
    },
  };
}

/**
 * Empties every table (except the migrations journal) and resets sequences. On the shared run
 * database this also wipes what suites running in parallel workers wrote: use it on an isolated
 * database, or under `--runInBand`.
 */
export async function truncateAll(dataSource: DataSource): Promise<void> {
  const tables = dataSource.entityMetadatas.map((metadata) => `"${metadata.tableName}"`);
  await dataSource.query(`TRUNCATE ${tables.join(', ')} RESTART IDENTITY CASCADE`);
}

import { buildDataSourceOptions } from '@aiguillage/persistence';
import { DataSource } from 'typeorm';
import { TEST_DATABASE_PREFIX } from '@aiguillage/persistence/testing/test-database';

/** The URL of this jest run's own database (set by test/global-setup.ts). */
export function testDatabaseUrl(): string {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL is not set: run integration tests through jest (project "integration")');
  const name = new URL(url).pathname.slice(1);
  if (!name.startsWith(TEST_DATABASE_PREFIX)) {
    throw new Error(`DATABASE_URL points to "${name}", not to a test database (${TEST_DATABASE_PREFIX}*)`);
  }
  return url;
}

/** An initialized DataSource on the test database (call `destroy()` in afterAll). */
export async function openTestDataSource(): Promise<DataSource> {
  return new DataSource(buildDataSourceOptions(testDatabaseUrl())).initialize();
}

/** Empties every table of the schema (except the migrations journal) and resets sequences. */
export async function truncateAll(dataSource: DataSource): Promise<void> {
  const tables = dataSource.entityMetadatas.map((metadata) => `"${metadata.tableName}"`);
  await dataSource.query(`TRUNCATE ${tables.join(', ')} RESTART IDENTITY CASCADE`);
}

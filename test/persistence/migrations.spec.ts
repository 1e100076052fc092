import { buildDataSourceOptions, ENTITIES, MIGRATIONS } from '@aiguillage/persistence';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { testDatabaseUrl } from '../helpers/db';

/** Runs on a database of its own (cloned name), so reverting does not disturb the other suites. */
describe('migrations', () => {
  const source = new URL(testDatabaseUrl());
  const name = `${source.pathname.slice(1)}_mig`;
  const url = Object.assign(new URL(source.toString()), { pathname: `/${name}` }).toString();
  let admin: Client;
  let dataSource: DataSource;

  const publicObjects = async () => {
    const tables = await dataSource.query(
      `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_name <> 'migrations' ORDER BY 1`,
    );
    const types = await dataSource.query(
      `SELECT t.typname AS name FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
       WHERE n.nspname = 'public' AND t.typtype = 'e' ORDER BY 1`,
    );
    const functions = await dataSource.query(
      `SELECT p.proname AS name FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
       WHERE n.nspname = 'public' AND p.proname = 'forbid_update_delete'`,
    );
    return { tables: tables.map((r: { name: string }) => r.name), types: types.length, functions: functions.length };
  };

  beforeAll(async () => {
    admin = new Client({ connectionString: source.toString() });
    await admin.connect();
    await admin.query(`CREATE DATABASE "${name}"`);
    dataSource = await new DataSource(buildDataSourceOptions(url)).initialize();
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.end();
  });

  it('creates every table, reverts to an empty schema, and applies again', async () => {
    expect(await dataSource.runMigrations()).toHaveLength(MIGRATIONS.length);
    const up = await publicObjects();
    expect(up.tables).toEqual(ENTITIES.map((e) => dataSource.getMetadata(e).tableName).sort());
    expect(up.types).toBeGreaterThan(10);
    expect(up.functions).toBe(1);

    for (let i = 0; i < MIGRATIONS.length; i++) await dataSource.undoLastMigration();
    expect(await publicObjects()).toEqual({ tables: [], types: 0, functions: 0 });

    await dataSource.runMigrations();
    expect(await publicObjects()).toEqual(up);
  });

  it('matches the entities: the schema builder finds nothing to change', async () => {
    const sql = await dataSource.driver.createSchemaBuilder().log();
    expect(sql.upQueries.map((q) => q.query)).toEqual([]);
  });
});

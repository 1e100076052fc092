import { ENTITIES, MIGRATIONS } from '@aiguillage/persistence';
import type { DataSource } from 'typeorm';
import { openIsolatedDatabase, type IsolatedDatabase } from '../helpers/db';

jest.setTimeout(30_000);

describe('migrations', () => {
  let db: IsolatedDatabase;
  let dataSource: DataSource;

  const publicObjects = async () => {
    const tables = await dataSource.query(
      `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_name <> 'migrations' ORDER BY 1`,
    );
    const types = await dataSource.query(
      `SELECT count(*)::int AS n FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace WHERE n.nspname = 'public' AND t.typtype = 'e'`,
    );
    const triggers = await dataSource.query(`SELECT count(*)::int AS n FROM pg_trigger WHERE NOT tgisinternal`);
    const functions = await dataSource.query(
      `SELECT count(*)::int AS n FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = 'public' AND p.proname = 'forbid_update_delete'`,
    );
    return {
      tables: tables.map((r: { name: string }) => r.name),
      types: types[0].n,
      triggers: triggers[0].n,
      functions: functions[0].n,
    };
  };

  beforeAll(async () => {
    db = await openIsolatedDatabase();
    dataSource = db.dataSource;
  });

  afterAll(() => db?.drop());

  it('are all applied to the test database', async () => {
    expect(await dataSource.showMigrations()).toBe(false);
    const applied = await dataSource.query(`SELECT name FROM migrations ORDER BY id`);
    expect(applied.map((r: { name: string }) => r.name)).toEqual(MIGRATIONS.map((m) => m.name));
  });

  it('revert to an empty schema, then apply again to the same schema', async () => {
    const up = await publicObjects();
    expect(up.tables).toEqual(ENTITIES.map((e) => dataSource.getMetadata(e).tableName).sort());
    expect(up.types).toBe(21);
    expect(up.triggers).toBe(5);
    expect(up.functions).toBe(1);

    for (let i = 0; i < MIGRATIONS.length; i++) await dataSource.undoLastMigration();
    expect(await publicObjects()).toEqual({ tables: [], types: 0, triggers: 0, functions: 0 });

    expect(await dataSource.runMigrations()).toHaveLength(MIGRATIONS.length);
    expect(await publicObjects()).toEqual(up);
  });

  it('agree with the entities: the schema builder finds nothing to change', async () => {
    const sql = await dataSource.driver.createSchemaBuilder().log();
    expect(sql.upQueries.map((q) => q.query)).toEqual([]);
  });
});

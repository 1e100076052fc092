import type { DataSource } from 'typeorm';
import { bootApp, type TestApp } from '../helpers/app';

/** The API suites' app: the harness's, with the demo loaded by the bootstrap of `npm start`. */
export type TestApi = TestApp;

/**
 * The real API module on a database of its own, loaded with a small demo département through the
 * same `DemoBootstrapService` as `npm start`, with one account per role (`token(role)`).
 */
export function createTestApi(env: Record<string, string> = {}): Promise<TestApi> {
  return bootApp({ env, seed: { seed: 11, scale: 0.03, logins: true } });
}

/** Row count of a table, to prove a rejected request wrote nothing. */
export async function count(db: DataSource, table: string): Promise<number> {
  const [{ n }] = await db.query(`SELECT count(*)::int AS n FROM "${table}"`);
  return n;
}

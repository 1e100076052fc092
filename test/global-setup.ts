import { createTestDatabase } from '../libs/persistence/src/testing/test-database';

/**
 * Gives this jest run its own fresh database with the migrations applied. Its URL goes to
 * `process.env.DATABASE_URL`, which the test workers inherit (they are spawned after this runs)
 * and which `--runInBand` shares directly.
 */
export default async function globalSetup(): Promise<void> {
  const { name, url } = await createTestDatabase();
  process.env.DATABASE_URL = url;
  process.env.AIGUILLAGE_TEST_DATABASE = name;
}

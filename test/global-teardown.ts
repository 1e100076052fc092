import { dropTestDatabase } from '../libs/persistence/src/testing/test-database';

export default async function globalTeardown(): Promise<void> {
  const name = process.env.AIGUILLAGE_TEST_DATABASE;
  if (name && !process.env.KEEP_TEST_DATABASE) await dropTestDatabase(name);
}

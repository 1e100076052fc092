import type { Client } from 'pg';

/** Creates the database `name` unless it exists, through a connection to another database of the server (`postgres`). */
export async function ensureDatabase(admin: Client, name: string): Promise<void> {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`Nom de base invalide « ${name} »`);
  const { rowCount } = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
  if (!rowCount) await admin.query(`CREATE DATABASE ${name}`);
}

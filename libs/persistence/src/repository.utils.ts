import { DataSource, type EntityManager } from 'typeorm';
import { InvalidInputError } from './errors';

/** Repositories accept a DataSource, or the EntityManager of a running transaction. */
export type Db = DataSource | EntityManager;

export function managerOf(db: Db): EntityManager {
  return db instanceof DataSource ? db.manager : db;
}

/** A repository whose SQL runs on its `Db`; `within(manager)` gives the same repository inside a transaction. */
export abstract class SqlRepository {
  constructor(protected readonly db: Db) {}

  /** The same repository on a transaction's manager. */
  within(manager: EntityManager): this {
    return new (this.constructor as new (db: Db) => this)(manager);
  }

  protected m(): EntityManager {
    return managerOf(this.db);
  }
}

export function chunks<T>(rows: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
  return out;
}

export interface Page<T> {
  items: T[];
  total: number;
}

export interface Pagination {
  limit?: number;
  offset?: number;
}

export const MAX_PAGE_SIZE = 1000;

/** Reads are always scoped: an empty list of bailleurs sees nothing, never everything. */
export function requireScope(bailleurIds: readonly string[] | undefined, field = 'bailleurIds'): readonly string[] {
  if (!Array.isArray(bailleurIds)) throw new InvalidInputError(field, 'liste des bailleurs visibles obligatoire');
  return bailleurIds as readonly string[];
}

export function pageBounds({ limit = 100, offset = 0 }: Pagination): { limit: number; offset: number } {
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE_SIZE) {
    throw new InvalidInputError('limit', `doit être un entier entre 1 et ${MAX_PAGE_SIZE}`);
  }
  if (!Number.isInteger(offset) || offset < 0)
    throw new InvalidInputError('offset', 'doit être un entier positif ou nul');
  return { limit, offset };
}

/** Keeps `null` for absent optional values so that rows map to the same shape whatever the input. */
export function orNull<T>(value: T | null | undefined): T | null {
  return value === undefined ? null : value;
}

export function groupBy<T, K>(rows: readonly T[], key: (row: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const row of rows) {
    const group = groups.get(key(row));
    if (group) group.push(row);
    else groups.set(key(row), [row]);
  }
  return groups;
}

/** Whether the database answers (the health check). */
export async function pingDatabase(db: DataSource): Promise<boolean> {
  await db.query('SELECT 1');
  return true;
}

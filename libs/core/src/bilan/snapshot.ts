/**
 * A bilan's snapshot content and its hash: canonical JSON (object keys sorted at every level), then
 * SHA-256. The same input computed at the same event-log version gives the same bytes, hence the
 * same hash — whatever order the database returned the reference data in.
 */
import { createHash } from 'crypto';
import type { Bilan, BilanInput } from './compute';

export interface ContenuSnapshot {
  /** Id of the last engine transition of the exercice when computed. */
  versionEvenements: string;
  input: BilanInput;
  bilan: Bilan;
}

export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (v && typeof v === 'object' && !Array.isArray(v)) {
      return Object.fromEntries(
        Object.keys(v as Record<string, unknown>)
          .sort()
          .map((k) => [k, (v as Record<string, unknown>)[k]]),
      );
    }
    return v;
  });
}

export function hashContenu(canonical: string): string {
  return createHash('sha256').update(canonical).digest('hex');
}

import { InvalidInputError } from './errors';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** Whether `value` is a calendar day `YYYY-MM-DD` that exists (`2026-02-30` does not). */
export function estJour(value: unknown): value is string {
  const time = typeof value === 'string' && DAY.test(value) ? Date.parse(`${value}T00:00:00Z`) : NaN;
  return !Number.isNaN(time) && new Date(time).toISOString().slice(0, 10) === value;
}

/** Small checks run before writing, so that bad input fails with the field's name rather than a SQL error. */
export const check = {
  text(value: unknown, field: string, maxLength: number): string {
    if (typeof value !== 'string' || value.trim() === '') throw new InvalidInputError(field, 'texte obligatoire');
    if (value.length > maxLength) throw new InvalidInputError(field, `${maxLength} caractères au plus`);
    return value;
  },
  optionalText(value: unknown, field: string, maxLength: number): string | null {
    return value === null || value === undefined ? null : check.text(value, field, maxLength);
  },
  uuid(value: unknown, field: string): string {
    if (typeof value !== 'string' || !UUID.test(value))
      throw new InvalidInputError(field, `identifiant UUID attendu, reçu « ${String(value)} »`);
    return value;
  },
  optionalUuid(value: unknown, field: string): string | null {
    return value === null || value === undefined ? null : check.uuid(value, field);
  },
  oneOf<T extends string>(value: unknown, allowed: readonly T[], field: string): T {
    if (!allowed.includes(value as T)) {
      throw new InvalidInputError(field, `valeur « ${String(value)} » invalide (attendu : ${allowed.join(', ')})`);
    }
    return value as T;
  },
  integer(value: unknown, field: string, min = -2147483648, max = 2147483647): number {
    if (typeof value !== 'number' || !Number.isInteger(value))
      throw new InvalidInputError(field, `entier attendu, reçu « ${String(value)} »`);
    if (value < min || value > max) throw new InvalidInputError(field, `doit être compris entre ${min} et ${max}`);
    return value;
  },
  optionalInteger(value: unknown, field: string, min?: number, max?: number): number | null {
    return value === null || value === undefined ? null : check.integer(value, field, min, max);
  },
  /** A fraction 0..1 stored as numeric(9,6). */
  rate(value: unknown, field: string): number {
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value > 1) {
      throw new InvalidInputError(field, `taux entre 0 et 1 attendu, reçu « ${String(value)} »`);
    }
    return value;
  },
  optionalRate(value: unknown, field: string): number | null {
    return value === null || value === undefined ? null : check.rate(value, field);
  },
  boolean(value: unknown, field: string): boolean {
    if (typeof value !== 'boolean') throw new InvalidInputError(field, `booléen attendu, reçu « ${String(value)} »`);
    return value;
  },
  optionalBoolean(value: unknown, field: string): boolean | null {
    return value === null || value === undefined ? null : check.boolean(value, field);
  },
  day(value: unknown, field: string): string {
    if (!estJour(value)) throw new InvalidInputError(field, `date AAAA-MM-JJ attendue, reçu « ${String(value)} »`);
    return value;
  },
  optionalDay(value: unknown, field: string): string | null {
    return value === null || value === undefined ? null : check.day(value, field);
  },
};

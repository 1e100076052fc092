import { ErreurLigne, ValeurInvalideError } from '../csv/errors';

/**
 * Collects every error of a row-by-row validation (conventions, demand profiles), so that a file
 * is refused with the full list of what to fix, not just the first mistake.
 *
 * Fields are addressed by their path in the JSON shape (`cible.taux`, `demandes[2].typologie`);
 * for a CSV row, `colonne` maps a path to the column it was read from.
 */
export class Collecteur {
  readonly erreurs: ErreurLigne[] = [];

  constructor(private readonly colonne: (path: string) => string = (p) => p) {}

  add(ligne: number, path: string | null, message: string): void {
    this.erreurs.push({ ligne, colonne: path === null ? null : this.colonne(path), message });
  }

  /** Runs `read`; a ValeurInvalideError becomes an error of `path` and yields undefined. */
  try<T>(ligne: number, path: string, read: () => T): T | undefined {
    try {
      return read();
    } catch (e) {
      if (!(e instanceof ValeurInvalideError)) throw e;
      this.add(ligne, path, e.message);
      return undefined;
    }
  }
}

const fail = (message: string): never => {
  throw new ValeurInvalideError(message);
};

const show = (v: unknown) => (typeof v === 'string' ? `« ${v} »` : (JSON.stringify(v) ?? String(v)));

/** Type checks for values coming from JSON (CSV values are parsed to these types first). */
export const expect = {
  texte(v: unknown, max: number): string {
    if (typeof v !== 'string' || v.trim() === '') return fail(`${show(v)} : texte non vide attendu`);
    if (v.trim().length > max) return fail(`texte de ${max} caractères au plus attendu`);
    return v.trim();
  },
  entier(v: unknown, min?: number, max?: number): number {
    if (typeof v !== 'number' || !Number.isInteger(v)) return fail(`${show(v)} n'est pas un nombre entier`);
    if ((min !== undefined && v < min) || (max !== undefined && v > max)) {
      return fail(`${v} hors limites (${min ?? '-∞'} à ${max ?? '+∞'})`);
    }
    return v;
  },
  fraction(v: unknown): number {
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0 || v > 1)
      return fail(`${show(v)} : fraction entre 0 et 1 attendue (0,25 pour 25 %)`);
    return v;
  },
  parmi<T extends string>(v: unknown, values: readonly T[]): T {
    return typeof v === 'string' && (values as readonly string[]).includes(v)
      ? (v as T)
      : fail(`${show(v)} : valeur attendue parmi ${values.join(', ')}`);
  },
  objet(v: unknown): Record<string, unknown> {
    return typeof v === 'object' && v !== null && !Array.isArray(v)
      ? (v as Record<string, unknown>)
      : fail('objet attendu');
  },
  liste(v: unknown): unknown[] {
    return Array.isArray(v) ? v : fail('liste attendue');
  },
  insee(v: unknown): string {
    return typeof v === 'string' && /^(\d{5}|2[AB]\d{3})$/.test(v)
      ? v
      : fail(`${show(v)} n'est pas un code INSEE de commune`);
  },
};

/** Turns a JSON path into a snake_case CSV column name: `delegation.delaiJours` → `delegation_delai_jours`. */
export function snakePath(path: string): string {
  return path
    .replace(/\[\d+\]/g, '')
    .replace(/\./g, '_')
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase();
}

/** Maps a field path to the CSV column it came from: the longest header column its snake path starts with. */
export function colonneCsv(header: string[]): (path: string) => string {
  const columns = header.map((h) => h.trim().toLowerCase());
  return (path) => {
    const snake = snakePath(path);
    let best = '';
    for (const c of columns) if ((snake === c || snake.startsWith(`${c}_`)) && c.length > best.length) best = c;
    return best || snake;
  };
}

/** Keeps the first error of each (line, column): a value that failed to parse is not reported twice. */
export function dedoublonner(erreurs: ErreurLigne[]): ErreurLigne[] {
  const seen = new Set<string>();
  return erreurs
    .filter((e) => {
      const key = `${e.ligne}\u0000${e.colonne}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    .sort((a, b) => a.ligne - b.ligne);
}

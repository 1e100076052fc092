/** One rejected line (or row) of an imported file: 1-based line number, column name, French reason. */
export interface ErreurLigne {
  ligne: number;
  /** Column (CSV header name or JSON field path); null when the whole line is at fault. */
  colonne: string | null;
  message: string;
}

/**
 * The file as a whole cannot be imported (unknown layout, unreadable encoding, broken header...).
 * Nothing has been written when this is thrown. `erreurs` lists row-level errors when the refusal is
 * due to them (all-or-nothing imports).
 */
export class ImportRefuseError extends Error {
  constructor(
    message: string,
    readonly erreurs: ErreurLigne[] = [],
  ) {
    super(message);
    this.name = 'ImportRefuseError';
  }
}

/** Thrown by field parsers; the caller attaches the line and column. */
export class ValeurInvalideError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ValeurInvalideError';
  }
}

export function formatErreur(e: ErreurLigne): string {
  return e.colonne ? `ligne ${e.ligne}, colonne ${e.colonne} : ${e.message}` : `ligne ${e.ligne} : ${e.message}`;
}

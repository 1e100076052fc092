/** Bad input given to a repository: `field` names the offending field (e.g. `logements[12].typologie`). */
export class InvalidInputError extends Error {
  constructor(
    readonly field: string,
    readonly reason: string,
  ) {
    super(`${field} : ${reason}`);
    this.name = 'InvalidInputError';
  }
}

interface PgError {
  code?: string;
  constraint?: string;
  driverError?: PgError;
}

function pgError(error: unknown): PgError | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const e = error as PgError;
  return e.driverError ?? e;
}

/** True for a unique violation (23505), optionally of the named constraint (e.g. `uq_liberation_logement_id_date`). */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  const e = pgError(error);
  return e?.code === '23505' && (constraint === undefined || e.constraint === constraint);
}

/** True for a foreign key violation (23503), optionally of the named constraint. */
export function isForeignKeyViolation(error: unknown, constraint?: string): boolean {
  const e = pgError(error);
  return e?.code === '23503' && (constraint === undefined || e.constraint === constraint);
}

/** The write would break a uniqueness rule (e.g. a freed flat already oriented). Message in French. */
export class ConflictError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConflictError';
  }
}

/** A referenced row does not exist or is outside the caller's bailleurs. */
export class NotFoundError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NotFoundError';
  }
}

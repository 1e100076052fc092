import type { ErreurChamp } from '../platform/validation/french-messages';

/**
 * Errors raised by the use cases, whatever adapter called them (HTTP, queue, Slack). The API maps
 * them to status codes in one exception filter; messages are French and meant for the user.
 */
export abstract class AiguillageError extends Error {
  abstract readonly kind: 'INVALIDE' | 'INTROUVABLE' | 'INTERDIT' | 'CONFLIT' | 'NON_AUTHENTIFIE' | 'TROP_DE_REQUETES' | 'INDISPONIBLE';
}

/** Bad input: each field and its reason. */
export class RequeteInvalideError extends AiguillageError {
  readonly kind = 'INVALIDE' as const;
  constructor(
    readonly erreurs: ErreurChamp[],
    message = 'Requête invalide',
  ) {
    super(message);
  }
}

export class IntrouvableError extends AiguillageError {
  readonly kind = 'INTROUVABLE' as const;
  constructor(ressource: string, id: string) {
    super(`${ressource} introuvable : ${id}`);
  }
}

/** The caller may not see or change this resource (another bailleur, another réservataire, a role). */
export class AccesInterditError extends AiguillageError {
  readonly kind = 'INTERDIT' as const;
  constructor(message = 'Accès refusé') {
    super(message);
  }
}

/** The request contradicts existing data (a duplicate, a flat already oriented...). */
export class ConflitError extends AiguillageError {
  readonly kind = 'CONFLIT' as const;
}

export class NonAuthentifieError extends AiguillageError {
  readonly kind = 'NON_AUTHENTIFIE' as const;
  constructor(message = 'Authentification requise') {
    super(message);
  }
}

/** Too many attempts (login throttling): retry after `retryAfterSeconds` (HTTP 429 with Retry-After). */
export class TropDeRequetesError extends AiguillageError {
  readonly kind = 'TROP_DE_REQUETES' as const;
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(message);
  }
}

/** A part the service depends on is down (the database): HTTP 503, retry later. */
export class IndisponibleError extends AiguillageError {
  readonly kind = 'INDISPONIBLE' as const;
  constructor(message = 'Service momentanément indisponible : la base de données ne répond pas, réessayez dans un instant') {
    super(message);
  }
}

import type { ErreurChamp } from '../validation/french-messages';

/**
 * Errors raised by the use cases, whatever adapter called them (HTTP, queue, Slack). The API maps
 * them to status codes in one exception filter; messages are French and meant for the user.
 */
export abstract class AiguillageError extends Error {
  abstract readonly kind: 'INVALIDE' | 'INTROUVABLE' | 'INTERDIT' | 'CONFLIT' | 'NON_AUTHENTIFIE';
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

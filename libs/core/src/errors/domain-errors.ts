import { EngineInputError } from '@aiguillage/engine';
import { ConflictError, InvalidInputError, NotFoundError } from '@aiguillage/persistence';
import type { ErreurChamp } from '../platform/validation/french-messages';

/**
 * Errors raised by the use cases, whatever adapter called them (HTTP, queue, Slack). The API maps
 * them to status codes in one exception filter; messages are French and meant for the user. The
 * lower layers (engine, persistence) cannot know this hierarchy: `enErreurAiguillage` translates
 * their errors into it, so that every adapter answers them the same way.
 */
export abstract class AiguillageError extends Error {
  abstract readonly kind:
    'INVALIDE' | 'INTROUVABLE' | 'INTERDIT' | 'CONFLIT' | 'NON_AUTHENTIFIE' | 'TROP_DE_REQUETES' | 'INDISPONIBLE';
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

/** `new IntrouvableError('Convention', id)` → « Convention introuvable : <id> »; with one argument, the whole message. */
export class IntrouvableError extends AiguillageError {
  readonly kind = 'INTROUVABLE' as const;
  constructor(ressource: string, id?: string) {
    super(id === undefined ? ressource : `${ressource} introuvable : ${id}`);
  }
}

/** The base of the errors that only have a kind and a message, defaulting to `messageParDefaut`. */
function erreur<K extends AiguillageError['kind']>(kind: K, messageParDefaut?: string) {
  abstract class ErreurSimple extends AiguillageError {
    readonly kind = kind;
    constructor(message = messageParDefaut) {
      super(message);
    }
  }
  return ErreurSimple;
}

/** The caller may not see or change this resource (another bailleur, another réservataire, a role). */
export class AccesInterditError extends erreur('INTERDIT', 'Accès refusé') {}

/** The request contradicts existing data (a duplicate, a flat already oriented...). */
export class ConflitError extends erreur('CONFLIT') {}

export class NonAuthentifieError extends erreur('NON_AUTHENTIFIE', 'Authentification requise') {}

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
export class IndisponibleError extends erreur(
  'INDISPONIBLE',
  'Service momentanément indisponible : la base de données ne répond pas, réessayez dans un instant',
) {}

const majuscule = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/**
 * The one translation of the lower layers' errors into the hierarchy: the engine's bad input and a
 * repository's invalid field are `INVALIDE` (400 over HTTP) with the field and its reason, a missing
 * row `INTROUVABLE`, a uniqueness rule `CONFLIT`. An `AiguillageError` is returned as is; anything
 * else is not the user's doing (undefined).
 */
export function enErreurAiguillage(error: unknown): AiguillageError | undefined {
  if (error instanceof AiguillageError) return error;
  if (error instanceof EngineInputError)
    return new RequeteInvalideError([{ champ: error.champ, raison: error.raison }]);
  if (error instanceof InvalidInputError)
    return new RequeteInvalideError([{ champ: error.field, raison: error.reason }]);
  if (error instanceof NotFoundError) return new IntrouvableError(majuscule(error.message));
  if (error instanceof ConflictError) return new ConflitError(majuscule(error.message));
  return undefined;
}

/**
 * Runs an engine computation on what the request brought: its input errors become 400 `{champ, raison}`
 * (the field under `prefixe` when given), as `enErreurAiguillage` answers them on every route.
 */
export function sansErreurMoteur<T>(calcul: () => T, prefixe?: string): T {
  try {
    return calcul();
  } catch (error) {
    if (error instanceof EngineInputError) {
      const champ = prefixe ? `${prefixe}.${error.champ}` : error.champ;
      throw new RequeteInvalideError([{ champ, raison: error.raison }]);
    }
    throw error;
  }
}

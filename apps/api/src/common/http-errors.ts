import { HttpException, HttpStatus } from '@nestjs/common';
import {
  AiguillageError,
  enErreurAiguillage,
  ImportRefuseError,
  RequeteInvalideError,
  type ErreurChamp,
} from '@aiguillage/core';
import { DejaOrienteError, NonTraitableError } from '@aiguillage/core/platform/live';
import { RecommandationChangeeError } from '@aiguillage/core/orientations';
import { databaseErrorBody } from './database-errors';

/** The one error body of the API: `{ statusCode, message, erreurs?, decision? }`, always in French. */
export interface ErrorBody {
  statusCode: number;
  message: string;
  /** Each refused field and why (400, 422). */
  erreurs?: ErreurChamp[];
  /** A flat already oriented (409): who decided, when. */
  decision?: DejaOrienteError['decision'];
  /** A recommendation accepted whose destination is no longer today's (409): both, in words. */
  changement?: RecommandationChangeeError['changement'];
}

/** The HTTP status of each kind of the use cases' errors: the one domain → HTTP mapping of the API. */
export const STATUS_BY_KIND: Record<AiguillageError['kind'], number> = {
  INVALIDE: HttpStatus.BAD_REQUEST,
  NON_AUTHENTIFIE: HttpStatus.UNAUTHORIZED,
  INTERDIT: HttpStatus.FORBIDDEN,
  INTROUVABLE: HttpStatus.NOT_FOUND,
  CONFLIT: HttpStatus.CONFLICT,
  TROP_DE_REQUETES: HttpStatus.TOO_MANY_REQUESTS,
  INDISPONIBLE: HttpStatus.SERVICE_UNAVAILABLE,
};

/** French messages for the errors Nest and Express raise themselves. */
const MESSAGES_HTTP: Record<number, string> = {
  400: 'Requête invalide',
  401: 'Authentification requise',
  403: 'Accès refusé',
  404: 'Ressource introuvable',
  405: 'Méthode non autorisée',
  409: 'Conflit avec les données existantes',
  413: 'Requête trop volumineuse',
  415: 'Type de contenu non pris en charge',
  422: 'Requête non traitable',
  429: 'Trop de requêtes',
};

/**
 * Every error as the API answers it, whichever route raised it: the use cases' errors (and the
 * engine's and repositories' ones, translated by `enErreurAiguillage`) by kind; a well-formed request
 * the data refuses (`NonTraitableError`) 422 with its field; a refused import file 400 line by line;
 * Nest's HTTP errors by status with a French text; the database's refusals (see `databaseErrorBody`);
 * anything else 500, never leaked.
 */
export function toErrorBody(exception: unknown): ErrorBody {
  const domain = enErreurAiguillage(exception);
  if (domain) return domainErrorBody(domain);
  if (exception instanceof NonTraitableError) {
    return {
      statusCode: HttpStatus.UNPROCESSABLE_ENTITY,
      message: capitalize(exception.raison),
      erreurs: [{ champ: exception.champ, raison: exception.raison }],
    };
  }
  if (exception instanceof ImportRefuseError) {
    const erreurs = exception.erreurs.map((e) => ({
      champ: e.colonne ? `ligne ${e.ligne}, ${e.colonne}` : `ligne ${e.ligne}`,
      raison: e.message,
    }));
    // A refusal of the whole file (empty, too large) still names what is wrong.
    if (erreurs.length === 0)
      erreurs.push({
        champ: '(fichier)',
        raison: exception.message.charAt(0).toLowerCase() + exception.message.slice(1),
      });
    return { statusCode: HttpStatus.BAD_REQUEST, message: exception.message, erreurs };
  }
  if (exception instanceof HttpException) {
    const statusCode = exception.getStatus();
    const cause = exception.cause;
    if (cause instanceof RequeteInvalideError) return { statusCode, message: cause.message, erreurs: cause.erreurs };
    if (statusCode === 400 && isBodyParserError(exception)) {
      return {
        statusCode,
        message: 'Corps de requête JSON invalide',
        erreurs: [{ champ: '(corps)', raison: "n'est pas du JSON valide" }],
      };
    }
    return { statusCode, message: MESSAGES_HTTP[statusCode] ?? 'Erreur' };
  }
  return databaseErrorBody(exception) ?? { statusCode: HttpStatus.INTERNAL_SERVER_ERROR, message: 'Erreur interne' };
}

function domainErrorBody(error: AiguillageError): ErrorBody {
  const statusCode = STATUS_BY_KIND[error.kind];
  if (error instanceof RequeteInvalideError) return { statusCode, message: error.message, erreurs: error.erreurs };
  if (error instanceof DejaOrienteError) return { statusCode, message: error.message, decision: error.decision };
  if (error instanceof RecommandationChangeeError)
    return { statusCode, message: error.message, changement: error.changement };
  return { statusCode, message: error.message };
}

function isBodyParserError(exception: HttpException): boolean {
  const response = exception.getResponse();
  const text = typeof response === 'string' ? response : JSON.stringify(response);
  return /JSON|Unexpected token|Expected property/i.test(text);
}

const capitalize = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

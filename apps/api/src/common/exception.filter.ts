import { ArgumentsHost, Catch, HttpException, HttpStatus, Logger, type ExceptionFilter } from '@nestjs/common';
import { AiguillageError, ImportRefuseError, RequeteInvalideError, TropDeRequetesError, type ErreurChamp } from '@aiguillage/core';
import { ConflictError, InvalidInputError, NotFoundError } from '@aiguillage/persistence';
import type { Response } from 'express';

const STATUS_BY_KIND: Record<AiguillageError['kind'], number> = {
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
  429: 'Trop de requêtes',
};

/** What node-postgres reports of a refused statement. */
interface PgError {
  code?: string;
  column?: string;
  constraint?: string;
}

/** Values PostgreSQL refuses that a client could send: 400 with the reason, never a 500. */
const RAISONS_PG: Record<string, string> = {
  '23514': 'valeur hors des bornes admises',
  '23502': 'valeur obligatoire',
  '22P02': 'valeur de format invalide',
  '22003': 'nombre hors des limites admises',
  '22001': 'texte trop long',
  '22007': 'date invalide',
  '22008': 'date hors des limites admises',
  '22021': 'contient un caractère refusé (octet nul ou encodage invalide)',
  '22P05': 'contient un caractère refusé (octet nul ou encodage invalide)',
  '54001': 'valeur trop profondément imbriquée',
};

/** The one error body of the API: `{ statusCode, message, erreurs? }`, always in French. */
export interface ErrorBody {
  statusCode: number;
  message: string;
  erreurs?: ErreurChamp[];
}

/**
 * Maps every error to a French JSON body: the use cases' errors by kind, Nest's HTTP errors by status
 * (their English text is replaced), PostgreSQL constraint violations to 409, anything else to 500
 * (logged, never leaked).
 */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Exceptions');

  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    const body = this.toBody(exception);
    if (exception instanceof TropDeRequetesError) response.setHeader('Retry-After', String(exception.retryAfterSeconds));
    if (body.statusCode === 503) response.setHeader('Retry-After', '5');
    if (body.statusCode >= 500) this.logger.error(exception instanceof Error ? exception.stack : String(exception));
    response.status(body.statusCode).json(body);
  }

  private toBody(exception: unknown): ErrorBody {
    if (exception instanceof RequeteInvalideError) {
      return { statusCode: 400, message: exception.message, erreurs: exception.erreurs };
    }
    if (exception instanceof AiguillageError) {
      return { statusCode: STATUS_BY_KIND[exception.kind], message: exception.message };
    }
    if (exception instanceof HttpException) {
      const statusCode = exception.getStatus();
      const cause = exception.cause;
      if (cause instanceof RequeteInvalideError) return { statusCode, message: cause.message, erreurs: cause.erreurs };
      if (statusCode === 400 && isBodyParserError(exception)) {
        return { statusCode, message: 'Corps de requête JSON invalide', erreurs: [{ champ: '(corps)', raison: "n'est pas du JSON valide" }] };
      }
      return { statusCode, message: MESSAGES_HTTP[statusCode] ?? 'Erreur' };
    }
    if (exception instanceof ImportRefuseError) {
      const erreurs = exception.erreurs.map((e) => ({ champ: e.colonne ? `ligne ${e.ligne}, ${e.colonne}` : `ligne ${e.ligne}`, raison: e.message }));
      // A refusal of the whole file (empty, too large) still names what is wrong.
      if (erreurs.length === 0) erreurs.push({ champ: '(fichier)', raison: exception.message.charAt(0).toLowerCase() + exception.message.slice(1) });
      return { statusCode: 400, message: exception.message, erreurs };
    }
    if (exception instanceof InvalidInputError) {
      return { statusCode: 400, message: 'Requête invalide', erreurs: [{ champ: exception.field, raison: exception.reason }] };
    }
    if (exception instanceof NotFoundError) return { statusCode: 404, message: capitalize(exception.message) };
    if (exception instanceof ConflictError) return { statusCode: 409, message: capitalize(exception.message) };
    const error = exception as { code?: string; driverError?: PgError } & PgError | undefined;
    const pg: PgError = error?.driverError ?? error ?? {};
    if (isDatabaseDown(exception, pg)) {
      return { statusCode: 503, message: 'Service momentanément indisponible : la base de données ne répond pas, réessayez dans un instant' };
    }
    if (pg.code === '23505') return { statusCode: 409, message: 'Cette donnée existe déjà (doublon)' };
    if (pg.code === '23503') return { statusCode: 409, message: 'Référence à une donnée inexistante ou encore utilisée' };
    const raison = pg.code ? RAISONS_PG[pg.code] : undefined;
    if (raison) {
      // The field when PostgreSQL names it (column, constraint); the request as a whole otherwise.
      const champ = pg.column ?? pg.constraint ?? '(requête)';
      return { statusCode: 400, message: 'Requête invalide : valeur refusée par la base de données', erreurs: [{ champ, raison }] };
    }
    return { statusCode: 500, message: 'Erreur interne' };
  }
}

/** Connection-level failures of PostgreSQL (down, restarting, unreachable, saturated): 503, not 500. */
const DATABASE_DOWN_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENOTFOUND', '57P01', '57P02', '57P03', '53300', '08000', '08001', '08003', '08004', '08006']);
const DATABASE_DOWN_MESSAGES = /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|Connection ended unexpectedly|the database system is (starting up|shutting down)/i;

function isDatabaseDown(exception: unknown, pg: PgError): boolean {
  if (pg.code && DATABASE_DOWN_CODES.has(pg.code)) return true;
  const message = exception instanceof Error ? exception.message : '';
  return DATABASE_DOWN_MESSAGES.test(message) || (exception instanceof AggregateError && exception.errors.some((e) => DATABASE_DOWN_CODES.has((e as PgError).code ?? '')));
}

function isBodyParserError(exception: HttpException): boolean {
  const response = exception.getResponse();
  const text = typeof response === 'string' ? response : JSON.stringify(response);
  return /JSON|Unexpected token|Expected property/i.test(text);
}

const capitalize = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

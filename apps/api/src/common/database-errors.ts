import type { ErrorBody } from './http-errors';

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

/** Connection-level failures of PostgreSQL (down, restarting, unreachable, saturated): 503, not 500. */
const DATABASE_DOWN_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENOTFOUND',
  '57P01',
  '57P02',
  '57P03',
  '53300',
  '08000',
  '08001',
  '08003',
  '08004',
  '08006',
]);
const DATABASE_DOWN_MESSAGES =
  /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|Connection ended unexpectedly|the database system is (starting up|shutting down)/i;

export const DATABASE_DOWN_MESSAGE =
  'Service momentanément indisponible : la base de données ne répond pas, réessayez dans un instant';

/**
 * What the database said, as the answer to the client: 503 when it is down, 409 for a duplicate or
 * a dangling reference, 400 with the field for a value it refuses; undefined for anything else.
 */
export function databaseErrorBody(exception: unknown): ErrorBody | undefined {
  const error = exception as ({ code?: string; driverError?: PgError } & PgError) | undefined;
  const pg: PgError = error?.driverError ?? error ?? {};
  if (isDatabaseDown(exception, pg)) return { statusCode: 503, message: DATABASE_DOWN_MESSAGE };
  if (pg.code === '23505') return { statusCode: 409, message: 'Cette donnée existe déjà (doublon)' };
  if (pg.code === '23503') return { statusCode: 409, message: 'Référence à une donnée inexistante ou encore utilisée' };
  const raison = pg.code ? RAISONS_PG[pg.code] : undefined;
  if (!raison) return undefined;
  // The field when PostgreSQL names it (column, constraint); the request as a whole otherwise.
  const champ = pg.column ?? pg.constraint ?? '(requête)';
  return {
    statusCode: 400,
    message: 'Requête invalide : valeur refusée par la base de données',
    erreurs: [{ champ, raison }],
  };
}

function isDatabaseDown(exception: unknown, pg: PgError): boolean {
  if (pg.code && DATABASE_DOWN_CODES.has(pg.code)) return true;
  const message = exception instanceof Error ? exception.message : '';
  return (
    DATABASE_DOWN_MESSAGES.test(message) ||
    (exception instanceof AggregateError &&
      exception.errors.some((e) => DATABASE_DOWN_CODES.has((e as PgError).code ?? '')))
  );
}

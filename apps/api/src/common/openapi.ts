import { applyDecorators, type Type } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, type SchemaObject } from '@nestjs/swagger';

/** The error answers a route may give, each with the one error body of the exception filter. */
export const ERREURS = {
  400: 'Requête invalide : chaque champ refusé et pourquoi (`erreurs`)',
  401: 'Authentification requise : jeton absent, expiré ou compte désactivé',
  403: 'Accès refusé : rôle insuffisant ou ressource hors de votre périmètre',
  404: 'Introuvable (ou hors de votre périmètre)',
  409: 'Conflit avec les données existantes',
  413: 'Requête trop volumineuse',
  415: 'Type de contenu non pris en charge',
  422: 'Requête bien formée que les données refusent (`erreurs` : le champ et pourquoi)',
  429: 'Trop de tentatives : réessayer après `Retry-After` secondes',
} as const;
export type ErreurHttp = keyof typeof ERREURS;

/** The body of every error answer (see `toErrorBody`). */
export const ERROR_SCHEMA: SchemaObject = {
  type: 'object',
  required: ['statusCode', 'message'],
  properties: {
    statusCode: { type: 'integer', example: 400 },
    message: { type: 'string', example: 'Requête invalide' },
    erreurs: {
      type: 'array',
      items: {
        type: 'object',
        required: ['champ', 'raison'],
        properties: {
          champ: { type: 'string', example: 'date' },
          raison: { type: 'string', example: 'date AAAA-MM-JJ attendue' },
        },
      },
    },
  },
};

/** A JSON object (its main properties, for the reader). */
export function objet(description: string, properties: Record<string, SchemaObject> = {}): SchemaObject {
  return { type: 'object', description, properties };
}
export const liste = (items: SchemaObject): SchemaObject => ({ type: 'array', items });
/** A page of a list: `{ items, total, limit, offset }`. */
export const page = (items: SchemaObject): SchemaObject =>
  objet('Une page de la liste', {
    items: liste(items),
    total: { type: 'integer' },
    limit: { type: 'integer' },
    offset: { type: 'integer' },
  });
export const texte: SchemaObject = { type: 'string' };
export const uuid: SchemaObject = { type: 'string', format: 'uuid' };
export const entier: SchemaObject = { type: 'integer' };
export const nombre: SchemaObject = { type: 'number' };
export const booleen: SchemaObject = { type: 'boolean' };
export const jour: SchemaObject = { type: 'string', format: 'date', example: '2026-03-14' };
export const instant: SchemaObject = { type: 'string', format: 'date-time' };

/** Where a freed flat goes (the engine's `Destination`), in every answer of the live flow. */
export const DESTINATION_SCHEMA = objet(
  'Destination : CONVENTION (conventionId, sousQuota), EXCLU (usage) ou BAILLEUR',
  {
    kind: { type: 'string', enum: ['CONVENTION', 'EXCLU', 'BAILLEUR'] },
    conventionId: uuid,
    sousQuota: texte,
    usage: texte,
  },
);

export interface RouteDoc {
  /** What the route does, in French. */
  summary: string;
  description?: string;
  /** The success status (200 by default). */
  status?: 200 | 201 | 202 | 204;
  /** The answer's body: a DTO class (or `[Class]` for a list) or a schema. */
  type?: Type | [Type];
  schema?: SchemaObject;
  /** A file download: its media type (the body is binary). */
  fichier?: string;
  /** Other success answers (e.g. 200 when an idempotent replay creates nothing). */
  autres?: { status: 200 | 201 | 202; description: string }[];
  /** The error answers beyond the guard's 401/403 (see `ApiProtege`) and those `route.ts` adds from the route itself. */
  erreurs?: ErreurHttp[];
}

/**
 * One route's OpenAPI: its French summary, its success answer with the body's schema, its error
 * answers with the error body.
 */
export function ApiRoute(doc: RouteDoc): MethodDecorator {
  const status = doc.status ?? 200;
  const succes = doc.fichier
    ? ApiResponse({
        status,
        description: 'Le fichier',
        content: { [doc.fichier]: { schema: { type: 'string', format: 'binary' } } },
      })
    : status === 204
      ? ApiResponse({ status, description: 'Fait (pas de corps)' })
      : ApiResponse({
          status,
          description: 'Succès',
          ...(doc.type ? { type: doc.type } : { schema: doc.schema ?? objet('Réponse') }),
        });
  return applyDecorators(
    ApiOperation({ summary: doc.summary, description: doc.description }),
    succes,
    ...(doc.autres ?? []).map((a) =>
      ApiResponse({
        status: a.status,
        description: a.description,
        ...(doc.type ? { type: doc.type } : { schema: doc.schema ?? objet('Réponse') }),
      }),
    ),
    ...(doc.erreurs ?? []).map((s) => ApiResponse({ status: s, description: ERREURS[s], schema: ERROR_SCHEMA })),
  );
}

/** On a controller: every route needs a bearer token and passes the access guard (401, 403). */
export function ApiProtege(): ClassDecorator {
  return applyDecorators(
    ApiBearerAuth(),
    ApiResponse({ status: 401, description: ERREURS[401], schema: ERROR_SCHEMA }),
    ApiResponse({ status: 403, description: ERREURS[403], schema: ERROR_SCHEMA }),
  );
}

import { PayloadTooLargeException, UnsupportedMediaTypeException } from '@nestjs/common';
import { RequeteInvalideError, type ErreurChamp } from '@aiguillage/core';
import express, { type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import { toErrorBody } from './http-errors';

/** JSON bodies: 1 MB, except the routes importing a JSON file (conventions, demand profiles). */
export const JSON_LIMIT = 1024 * 1024;
export const JSON_IMPORT_LIMIT = 20 * 1024 * 1024;
/** A login carries an e-mail and a password. */
export const LOGIN_LIMIT = 16 * 1024;
/** Nesting of a JSON body or query string: no DTO of the API goes deeper than a few levels. */
export const MAX_DEPTH = 32;
/** Keys that would reach an object's prototype when a body is merged or converted. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

const IMPORT_PATHS = [/^\/api\/conventions\/import\/?$/, /^\/api\/profils-demande\/import\/?$/];
const LOGIN_PATH = /^\/api\/auth\/login\/?$/;

/**
 * An error answered straight from a middleware (before Nest's filter exists for the request), with
 * the status and body of the same mapping as the filter (`toErrorBody`).
 */
export function sendError(res: Response, exception: unknown): void {
  if (res.headersSent) return;
  const body = toErrorBody(exception);
  res.status(body.statusCode).json(body);
}

/**
 * Where a body or query string is unsafe, whatever the route: a NUL character (PostgreSQL refuses
 * it in text), a prototype key, or a nesting deeper than `MAX_DEPTH` (the validation recursing into
 * it would overflow the stack). Iterative: a 100 000-deep array is walked without recursion.
 */
export function unsafeInput(value: unknown, root: string): ErreurChamp | null {
  const stack: Array<{ value: unknown; path: string; depth: number }> = [{ value, path: root, depth: 0 }];
  while (stack.length > 0) {
    const { value: v, path, depth } = stack.pop()!;
    if (typeof v === 'string') {
      if (v.includes('\u0000')) return { champ: path, raison: 'contient un caractère nul (U+0000), refusé' };
      continue;
    }
    if (v === null || typeof v !== 'object') continue;
    if (depth >= MAX_DEPTH) return { champ: path, raison: `imbrication trop profonde (${MAX_DEPTH} niveaux au plus)` };
    if (Array.isArray(v)) {
      v.forEach((item, i) => stack.push({ value: item, path: `${path}[${i}]`, depth: depth + 1 }));
      continue;
    }
    for (const key of Object.keys(v)) {
      const child = path ? `${path}.${key}` : key;
      if (FORBIDDEN_KEYS.has(key)) return { champ: child, raison: `clé « ${key} » interdite` };
      if (key.includes('\u0000'))
        return { champ: child.replaceAll('\u0000', '\\0'), raison: 'contient un caractère nul (U+0000), refusé' };
      stack.push({ value: (v as Record<string, unknown>)[key], path: child, depth: depth + 1 });
    }
  }
  return null;
}

const parsers = {
  login: express.json({ limit: LOGIN_LIMIT }),
  import: express.json({ limit: JSON_IMPORT_LIMIT }),
  normal: express.json({ limit: JSON_LIMIT }),
};

/**
 * The JSON body parser of the API (Nest's default one is not installed: the function is named
 * `jsonParser`, which Nest checks for). Limits by route, French 413 / 400, then the unsafe input
 * check of the body and the query string.
 */
export function jsonBodyParser(): RequestHandler {
  return function jsonParser(req: Request, res: Response, next: NextFunction): void {
    const path = req.path;
    const parser = LOGIN_PATH.test(path)
      ? parsers.login
      : IMPORT_PATHS.some((p) => p.test(path))
        ? parsers.import
        : parsers.normal;
    parser(req, res, (error?: unknown) => {
      if (error) return refuseUnreadable(res, error);
      const unsafe = unsafeInput(req.body, '') ?? unsafeInput(req.query, '');
      if (unsafe) return sendError(res, new RequeteInvalideError([unsafe]));
      next();
    });
  };
}

/** Forms are not used by the API: urlencoded bodies are left unparsed (Nest checks for this name too). */
export function urlencodedParser(_req: Request, _res: Response, next: NextFunction): void {
  next();
}

function refuseUnreadable(res: Response, error: { type?: string; status?: number; limit?: number }): void {
  if (error.type === 'entity.too.large' || error.status === 413) {
    const mo = Math.round(((error.limit ?? JSON_LIMIT) / 1024 / 1024) * 100) / 100;
    const raison = `dépasse la taille maximale de ${mo < 0.1 ? `${Math.round((error.limit ?? 0) / 1024)} Ko` : `${mo} Mo`}`;
    sendError(
      res,
      new PayloadTooLargeException(undefined, {
        cause: refus('Requête trop volumineuse', { champ: '(corps)', raison }),
      }),
    );
    return;
  }
  if (error.type === 'encoding.unsupported' || error.type === 'charset.unsupported') {
    const cause = refus('Type de contenu non pris en charge', {
      champ: 'Content-Type',
      raison: 'seul le JSON en UTF-8 est accepté',
    });
    sendError(res, new UnsupportedMediaTypeException(undefined, { cause }));
    return;
  }
  if (error.type === 'request.aborted') return;
  sendError(res, refus('Corps de requête JSON invalide', { champ: '(corps)', raison: "n'est pas du JSON valide" }));
}

/** A refused field under a message of its own (the status is the exception's that carries it). */
const refus = (message: string, erreur: ErreurChamp) => new RequeteInvalideError([erreur], message);

/**
 * A response sent before the request body was read (refused early: 401, 413, a bad header) must
 * reach the client: the rest of the body is read and dropped rather than the socket closed under
 * the client's feet, which it would see as a reset instead of the French refusal.
 */
export function drainUnreadBody(req: Request, res: Response, next: NextFunction): void {
  res.on('finish', () => {
    if (req.complete || req.destroyed) return;
    req.unpipe();
    req.resume();
  });
  next();
}

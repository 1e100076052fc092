import { applyDecorators, HttpCode } from '@nestjs/common';
import { ApiBody, ApiConsumes, type SchemaObject } from '@nestjs/swagger';
import busboy from 'busboy';
import type { Request } from 'express';
import { PassThrough, type Readable } from 'stream';
import { RequeteInvalideError } from '@aiguillage/core';
import { ApiRoute, type ErreurHttp } from '../common/openapi';

export interface Upload {
  format: 'csv' | 'json';
  /** The raw bytes (CSV streamed as they arrive), or the parsed JSON body. */
  input: Readable | unknown[];
}

/**
 * The request body as a stream the import may destroy when it refuses the file early (bad header,
 * too large): the request itself is only unpiped and left to be drained, so the client still
 * receives the French refusal instead of a reset connection (see `drainUnreadBody`).
 */
function shielded(request: Request): Readable {
  const body = new PassThrough();
  body.once('close', () => {
    request.unpipe(body);
    if (!request.complete) request.resume();
  });
  request.pipe(body);
  return body;
}

/** The first file of a multipart form, as a stream (nothing is buffered). */
function multipartFile(request: Request): Promise<{ stream: Readable; filename: string; mimeType: string }> {
  return new Promise((resolve, reject) => {
    const form = busboy({ headers: request.headers, limits: { files: 1 } });
    let found = false;
    form.on('file', (_field, stream, info) => {
      found = true;
      resolve({ stream, filename: info.filename ?? '', mimeType: info.mimeType });
    });
    form.on('error', (error) =>
      reject(
        new RequeteInvalideError([{ champ: 'fichier', raison: `formulaire illisible (${(error as Error).message})` }]),
      ),
    );
    form.on('close', () => {
      if (!found) reject(new RequeteInvalideError([{ champ: 'fichier', raison: 'aucun fichier dans le formulaire' }]));
    });
    shielded(request).pipe(form);
  });
}

/**
 * Reads an uploaded file from the request: a `text/csv` body (streamed), a JSON array body, or a
 * multipart form's first file (`.json` → JSON, anything else CSV). `csvOnly` refuses JSON.
 */
export async function readUpload(request: Request, { csvOnly = false } = {}): Promise<Upload> {
  const type = (request.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
  if (type === 'multipart/form-data') {
    const file = await multipartFile(request);
    const json = file.filename.toLowerCase().endsWith('.json') || file.mimeType === 'application/json';
    if (json && csvOnly) throw new RequeteInvalideError([{ champ: 'fichier', raison: 'doit être un fichier CSV' }]);
    return { format: json ? 'json' : 'csv', input: file.stream };
  }
  if (type === 'text/csv' || type === 'text/plain' || type === 'application/octet-stream')
    return { format: 'csv', input: shielded(request) };
  if (type === 'application/json' && !csvOnly) {
    if (!Array.isArray(request.body))
      throw new RequeteInvalideError([{ champ: '(corps)', raison: 'doit être une liste JSON' }]);
    return { format: 'json', input: request.body as unknown[] };
  }
  const accepted = csvOnly ? 'text/csv ou multipart/form-data' : 'text/csv, application/json ou multipart/form-data';
  throw new RequeteInvalideError([
    { champ: 'Content-Type', raison: `doit être ${accepted} (reçu « ${type || 'aucun'} »)` },
  ]);
}

/** A CSV file uploaded as the body or as a multipart form's first file, streamed. */
export async function readCsvUpload(request: Request): Promise<Readable> {
  return (await readUpload(request, { csvOnly: true })).input as Readable;
}

/**
 * A file import route: answers 200 with its report; the body is the file (CSV, or CSV and JSON with
 * `json`), alone or in a multipart form; a refused file is 400, too large 413, of another type 415.
 */
export function ImportRoute(doc: {
  summary: string;
  schema: SchemaObject;
  json?: boolean;
  /** Other error answers (e.g. 404 for an unknown bailleur). */
  erreurs?: ErreurHttp[];
}): MethodDecorator {
  return applyDecorators(
    HttpCode(200),
    ApiConsumes('text/csv', ...(doc.json ? ['application/json'] : []), 'multipart/form-data'),
    ApiBody({ schema: { type: 'string', format: 'binary' } }),
    ApiRoute({ summary: doc.summary, schema: doc.schema, erreurs: [400, ...(doc.erreurs ?? []), 413, 415] }),
  );
}

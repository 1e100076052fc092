import { Readable } from 'node:stream';
import { isErreur, openCsv } from '../csv/csv-reader';
import { ErreurLigne, ImportRefuseError } from '../csv/errors';
import { SniffingDecoder } from '../csv/text-decoder';

/** A conventions / profiles file: raw bytes or text (CSV or JSON), a stream, or an already parsed JSON array. */
export type EntreeStructuree = Readable | Buffer | string | unknown[];
export type FormatStructure = 'csv' | 'json';

/** These files are small (tens of conventions, hundreds of demand lines); anything bigger is a mistake. */
const MAX_OCTETS = 20 * 1024 * 1024;

export interface LigneCsv {
  ligne: number;
  /** Values by lower-cased header name, trimmed. */
  valeurs: Record<string, string>;
}

export type EntreeLue =
  | { format: 'json'; elements: unknown[] }
  | { format: 'csv'; header: string[]; lignes: LigneCsv[]; erreurs: ErreurLigne[] };

async function toText(input: Readable | Buffer | string): Promise<string> {
  if (typeof input === 'string') return input;
  const decoder = new SniffingDecoder();
  if (Buffer.isBuffer(input)) {
    if (input.length > MAX_OCTETS) throw new ImportRefuseError('Fichier trop volumineux (20 Mo au plus).');
    return decoder.write(input) + decoder.end();
  }
  let text = '';
  let size = 0;
  for await (const chunk of input as AsyncIterable<Buffer | string>) {
    size += chunk.length;
    if (size > MAX_OCTETS) {
      input.destroy();
      throw new ImportRefuseError('Fichier trop volumineux (20 Mo au plus).');
    }
    text += typeof chunk === 'string' ? chunk : decoder.write(chunk);
  }
  return text + decoder.end();
}

/**
 * Reads a conventions / profiles file. Without an explicit format, a text starting with `[` is
 * JSON, anything else CSV (`;` or `,`, UTF-8 or Latin-1, header names case-insensitive).
 */
export async function lireEntree(input: EntreeStructuree, format?: FormatStructure): Promise<EntreeLue> {
  if (Array.isArray(input)) return { format: 'json', elements: input };
  const text = (await toText(input)).replace(/^\ufeff/, '');
  const detected = format ?? (text.trimStart().startsWith('[') || text.trimStart().startsWith('{') ? 'json' : 'csv');
  if (detected === 'json') {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (e) {
      throw new ImportRefuseError(`JSON invalide : ${(e as Error).message}`);
    }
    if (!Array.isArray(parsed)) throw new ImportRefuseError('JSON : une liste (tableau) est attendue à la racine.');
    return { format: 'json', elements: parsed };
  }
  const csv = await openCsv(Readable.from([text]));
  const header = csv.header.map((h) => h.trim().toLowerCase());
  const lignes: LigneCsv[] = [];
  const erreurs: ErreurLigne[] = [];
  for await (const rec of csv.records()) {
    if (isErreur(rec)) {
      erreurs.push(rec);
      continue;
    }
    const valeurs: Record<string, string> = {};
    header.forEach((h, i) => (valeurs[h] = rec.champs[i].trim()));
    lignes.push({ ligne: rec.ligne, valeurs });
  }
  return { format: 'csv', header, lignes, erreurs };
}

/** Refuses a CSV header that lacks required columns or holds unknown ones (a typo would silently drop data). */
export function verifierColonnes(header: string[], requises: readonly string[], connues: readonly string[]): void {
  const manquantes = requises.filter((c) => !header.includes(c));
  const inconnues = header.filter((c) => c !== '' && !connues.includes(c));
  const problemes = [
    manquantes.length ? `colonnes obligatoires manquantes : ${manquantes.join(', ')}` : '',
    inconnues.length ? `colonnes inconnues : ${inconnues.join(', ')}` : '',
  ].filter(Boolean);
  if (problemes.length)
    throw new ImportRefuseError(`En-tête CSV refusé (${problemes.join(' ; ')}). Voir docs/imports.md.`);
}

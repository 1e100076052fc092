import type { Readable } from 'node:stream';
import { openCsv, isErreur, type Delimiter } from '../csv/csv-reader';
import { ErreurLigne, ImportRefuseError } from '../csv/errors';
import type { Encoding } from '../csv/text-decoder';
import { resolveLayout, type RplsLayout } from './rpls-layout';
import { createRowMapper, type LigneRpls, type RowMapperOptions } from './rpls-row';

export interface RplsSource {
  layout: RplsLayout;
  delimiter: Delimiter;
  /** Final once `lignes()` is exhausted. */
  readonly encoding: Encoding;
  /** Header name of the identifier column, or null when identifiers are derived from the address. */
  idColumn: string | null;
  /** Parsed flats and rejected lines, in file order, streamed. */
  lignes(): AsyncIterable<LigneRpls | ErreurLigne>;
  close(): void;
}

export function isLigneRpls(x: LigneRpls | ErreurLigne): x is LigneRpls {
  return (x as LigneRpls).logement !== undefined;
}

/**
 * Opens an RPLS CSV stream (file or HTTP body): detects encoding, delimiter and layout from the
 * header, then streams each line mapped to a Logement's RPLS fields, or the error that rejects it.
 * Throws ImportRefuseError (input released) when the header matches neither public layout.
 */
export async function openRpls(
  input: Readable | AsyncIterable<Uint8Array | string>,
  options: RowMapperOptions = {},
): Promise<RplsSource> {
  const csv = await openCsv(input);
  const resolved = resolveLayout(csv.header);
  if ('refus' in resolved) {
    csv.close();
    throw new ImportRefuseError(resolved.refus);
  }
  const map = createRowMapper(resolved, options);
  return {
    layout: resolved.layout,
    delimiter: csv.delimiter,
    get encoding() {
      return csv.encoding;
    },
    idColumn: resolved.idColumn,
    close: () => csv.close(),
    async *lignes() {
      for await (const rec of csv.records()) yield isErreur(rec) ? rec : map(rec.ligne, rec.champs);
    },
  };
}

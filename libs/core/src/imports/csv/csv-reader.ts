import { Readable, pipeline } from 'node:stream';
import { parse, type CsvError, type Info } from 'csv-parse';
import { ErreurLigne, ImportRefuseError } from './errors';
import { decodeStream, Encoding, SniffingDecoder } from './text-decoder';

export type Delimiter = ';' | ',' | '\t';
const DELIMITERS: Delimiter[] = [';', ',', '\t'];
/** A header line longer than this without a line break is not a CSV header. */
const MAX_HEADER_CHARS = 1 << 20;

/** One data record: its fields and the 1-based line of the file it starts on (the header is line 1). */
export interface CsvRecord {
  ligne: number;
  champs: string[];
}

export interface CsvDocument {
  delimiter: Delimiter;
  /** Header names, trimmed (case preserved). */
  header: string[];
  /** Detected encoding; final once `records()` is exhausted ('utf-8' for a pure-ASCII file). */
  readonly encoding: Encoding;
  /** Records in file order; malformed lines (wrong field count, broken quoting) come as errors. */
  records(): AsyncIterable<CsvRecord | ErreurLigne>;
  /** Stops reading and releases the input (for callers that refuse the file after the header). */
  close(): void;
}

export function isErreur(x: CsvRecord | ErreurLigne): x is ErreurLigne {
  return (x as ErreurLigne).message !== undefined;
}

/** The delimiter that appears most often in the header line, outside quotes (`;` on a tie or none). */
export function detectDelimiter(headerLine: string): Delimiter {
  const counts = new Map<Delimiter, number>(DELIMITERS.map((d) => [d, 0]));
  let quoted = false;
  for (const ch of headerLine) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && counts.has(ch as Delimiter)) counts.set(ch as Delimiter, counts.get(ch as Delimiter)! + 1);
  }
  let best: Delimiter = ';';
  for (const d of DELIMITERS) if (counts.get(d)! > counts.get(best)!) best = d;
  return best;
}

/**
 * Opens a CSV stream: detects its encoding and delimiter, reads the header, and hands back a lazy,
 * back-pressured iterator over the records. Memory stays flat whatever the file size.
 */
export async function openCsv(input: Readable | AsyncIterable<Uint8Array | string>): Promise<CsvDocument> {
  const decoder = new SniffingDecoder();
  const text = decodeStream(input, decoder)[Symbol.asyncIterator]();
  const release = () => {
    if (input instanceof Readable) input.destroy();
  };

  let prelude = '';
  try {
    while (!prelude.includes('\n') && prelude.length < MAX_HEADER_CHARS) {
      const next = await text.next();
      if (next.done) break;
      prelude += next.value;
    }
  } catch (e) {
    release();
    throw e;
  }
  const firstLine = prelude.replace(/^[\r\n]+/, '').split('\n', 1)[0];
  if (!firstLine.trim()) {
    release();
    throw new ImportRefuseError('Le fichier est vide : aucune ligne d’en-tête.');
  }
  if (!prelude.includes('\n') && prelude.length >= MAX_HEADER_CHARS) {
    release();
    throw new ImportRefuseError('Ligne d’en-tête introuvable : pas de fin de ligne dans le premier mégaoctet.');
  }
  const delimiter = detectDelimiter(firstLine);

  const skipped: ErreurLigne[] = [];
  /** Line of the last record the parser produced (it runs ahead of the consumer). */
  let lastLine = 1;
  const parser = parse({
    delimiter,
    // Mixed line endings happen when lines are appended by hand to an exported file.
    record_delimiter: ['\r\n', '\n', '\r'],
    // A stray quote inside a value (`12 rue "Les Lilas"`) is kept as text.
    relax_quotes: true,
    info: true,
    relax_column_count: true,
    skip_empty_lines: true,
    skip_records_with_error: true,
    on_record: (record: string[], context: Info) => {
      lastLine = context.lines;
      return record;
    },
    on_skip: (err: CsvError | undefined) => {
      const unclosed = err?.code === 'CSV_QUOTE_NOT_CLOSED';
      skipped.push(
        unclosed
          ? {
              ligne: lastLine + 1,
              colonne: null,
              message: 'guillemet ouvert jamais refermé : la suite du fichier n’a pas pu être lue',
            }
          : {
              ligne: (err as unknown as Info | undefined)?.lines ?? lastLine + 1,
              colonne: null,
              message: `ligne CSV mal formée (${err?.code ?? 'erreur de lecture'})`,
            },
      );
      return undefined;
    },
  });
  const source = Readable.from(
    (async function* () {
      yield prelude;
      for (let next = await text.next(); !next.done; next = await text.next()) yield next.value;
    })(),
  );
  pipeline(source, parser, () => undefined);
  const iterator: AsyncIterator<{ record: string[]; info: Info }> = parser[Symbol.asyncIterator]();

  const first = await iterator.next().catch((e: unknown) => {
    release();
    throw e;
  });
  if (first.done) throw new ImportRefuseError('Le fichier est vide : aucune ligne d’en-tête.');
  const header = first.value.record.map((h) => h.trim());

  return {
    delimiter,
    header,
    get encoding() {
      return decoder.encoding;
    },
    close() {
      parser.destroy();
      release();
    },
    async *records() {
      for (let next = await iterator.next(); !next.done; next = await iterator.next()) {
        const { record, info } = next.value;
        const ligne = info.lines - embeddedLineBreaks(record);
        // Errors are queued when parsed, ahead of the records still buffered: keep file order.
        while (skipped.length && skipped[0].ligne < ligne) yield skipped.shift()!;
        if (record.length !== header.length) {
          yield {
            ligne,
            colonne: null,
            message: `${record.length} champs au lieu de ${header.length} (séparateur « ${delimiter} »)`,
          };
          continue;
        }
        yield { ligne, champs: record };
      }
      while (skipped.length) yield skipped.shift()!;
    },
  };
}

function embeddedLineBreaks(fields: string[]): number {
  let n = 0;
  for (const f of fields) {
    for (let i = f.indexOf('\n'); i >= 0; i = f.indexOf('\n', i + 1)) n++;
  }
  return n;
}

import { TextDecoder } from 'node:util';
import { ImportRefuseError } from './errors';

export type Encoding = 'utf-8' | 'windows-1252';

const UTF8_BOM = [0xef, 0xbb, 0xbf];

function firstNonAscii(bytes: Uint8Array, from = 0): number {
  for (let i = from; i < bytes.length; i++) if (bytes[i] > 0x7f) return i;
  return -1;
}

/**
 * Streaming text decoder that detects the encoding of a CSV export: UTF-8 (with or without BOM),
 * else Windows-1252 (the superset of Latin-1 that Excel and most French tools write).
 *
 * The decision is taken on the first chunk that holds a non-ASCII byte (pure ASCII decodes the same
 * either way): if its bytes are valid UTF-8 the file is UTF-8, else Windows-1252. A file that
 * starts as valid UTF-8 and later holds invalid sequences is refused rather than silently garbled.
 */
export class SniffingDecoder {
  private decided: Encoding | null = null;
  private decoder: TextDecoder | null = null;
  private started = false;
  private bytesSeen = 0;

  /** The detected encoding; 'utf-8' when the file was pure ASCII. */
  get encoding(): Encoding {
    return this.decided ?? 'utf-8';
  }

  write(chunk: Uint8Array): string {
    let bytes = chunk;
    if (!this.started) {
      this.started = true;
      if (bytes[0] === 0xff && bytes[1] === 0xfe)
        throw new ImportRefuseError(
          'Encodage UTF-16 non pris en charge : enregistrez le fichier en UTF-8 ou en Latin-1.',
        );
      if (bytes[0] === 0xfe && bytes[1] === 0xff)
        throw new ImportRefuseError(
          'Encodage UTF-16 non pris en charge : enregistrez le fichier en UTF-8 ou en Latin-1.',
        );
      if (UTF8_BOM.every((b, i) => bytes[i] === b)) {
        bytes = bytes.subarray(3);
        this.decide('utf-8');
      }
    }
    const offset = this.bytesSeen;
    this.bytesSeen += bytes.length;
    if (!this.decoder) {
      const at = firstNonAscii(bytes);
      if (at < 0) return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('latin1');
      this.decide(isUtf8Prefix(bytes.subarray(at)) ? 'utf-8' : 'windows-1252');
    }
    try {
      return this.decoder!.decode(bytes, { stream: true });
    } catch {
      throw new ImportRefuseError(
        `Le fichier mélange les encodages : UTF-8 détecté au début, séquence invalide après l'octet ${offset}.`,
      );
    }
  }

  end(): string {
    if (!this.decoder) return '';
    try {
      return this.decoder.decode();
    } catch {
      throw new ImportRefuseError('Le fichier se termine par une séquence UTF-8 incomplète.');
    }
  }

  private decide(encoding: Encoding): void {
    this.decided = encoding;
    this.decoder = encoding === 'utf-8' ? new TextDecoder('utf-8', { fatal: true }) : new TextDecoder('windows-1252');
  }
}

/** True when `bytes` is valid UTF-8, allowing an incomplete sequence cut at the end of the chunk. */
function isUtf8Prefix(bytes: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes, { stream: true });
    return true;
  } catch {
    return false;
  }
}

/** Decodes a byte stream (file, HTTP body) into text chunks; `decoder.encoding` is final once the stream ends. */
export async function* decodeStream(
  input: AsyncIterable<Uint8Array | string>,
  decoder: SniffingDecoder,
): AsyncGenerator<string> {
  for await (const chunk of input) {
    const text = typeof chunk === 'string' ? chunk : decoder.write(chunk);
    if (text) yield text;
  }
  const rest = decoder.end();
  if (rest) yield rest;
}

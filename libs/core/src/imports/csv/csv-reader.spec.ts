import { Readable } from 'node:stream';
import { ImportRefuseError, type ErreurLigne } from './errors';
import { detectDelimiter, isErreur, openCsv, type CsvRecord } from './csv-reader';
import { SniffingDecoder } from './text-decoder';

const latin1 = (s: string) => Buffer.from(s, 'latin1');
const utf8 = (s: string) => Buffer.from(s, 'utf8');

async function readAll(chunks: Buffer[]) {
  const doc = await openCsv(Readable.from(chunks));
  const records: (CsvRecord | ErreurLigne)[] = [];
  for await (const r of doc.records()) records.push(r);
  return { doc, records };
}

describe('SniffingDecoder', () => {
  it('decodes UTF-8 split in the middle of a character across chunks', () => {
    const bytes = utf8('Vénissieux');
    const d = new SniffingDecoder();
    const text = d.write(bytes.subarray(0, 2)) + d.write(bytes.subarray(2)) + d.end();
    expect(text).toBe('Vénissieux');
    expect(d.encoding).toBe('utf-8');
  });

  it('falls back to Windows-1252 when the bytes are not UTF-8', () => {
    const d = new SniffingDecoder();
    expect(d.write(latin1('Écully;Décines')) + d.end()).toBe('Écully;Décines');
    expect(d.encoding).toBe('windows-1252');
  });

  it('decides on the first non-ASCII chunk, however late it comes', () => {
    const d = new SniffingDecoder();
    const text = d.write(utf8('DEPCOM;LIBCOM\n')) + d.write(latin1('69202;Sainte-Foy-lès-Lyon\n')) + d.end();
    expect(text).toBe('DEPCOM;LIBCOM\n69202;Sainte-Foy-lès-Lyon\n');
    expect(d.encoding).toBe('windows-1252');
  });

  it('strips a UTF-8 BOM and refuses UTF-16 and mixed encodings', () => {
    const d = new SniffingDecoder();
    expect(d.write(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), utf8('A;B')]))).toBe('A;B');
    expect(() => new SniffingDecoder().write(Buffer.from([0xff, 0xfe, 0x41, 0x00]))).toThrow(ImportRefuseError);
    const mixed = new SniffingDecoder();
    mixed.write(utf8('Vénissieux\n'));
    expect(() => mixed.write(latin1('Écully\n'))).toThrow(/mélange les encodages/);
  });
});

describe('openCsv', () => {
  it('detects the delimiter from the header line', () => {
    expect(detectDelimiter('A;B;C')).toBe(';');
    expect(detectDelimiter('A,B,C')).toBe(',');
    expect(detectDelimiter('"A;1",B,C')).toBe(',');
    expect(detectDelimiter('A\tB')).toBe('\t');
  });

  it('numbers records by the file line they start on, across empty lines and quoted line breaks', async () => {
    const { doc, records } = await readAll([utf8('ID,NOM\r\n1,"a\nb"\r\n\r\n2,c\n3,d,e\n')]);
    expect(doc.delimiter).toBe(',');
    expect(doc.header).toEqual(['ID', 'NOM']);
    expect(records).toEqual([
      { ligne: 2, champs: ['1', 'a\nb'] },
      { ligne: 5, champs: ['2', 'c'] },
      { ligne: 6, colonne: null, message: '3 champs au lieu de 2 (séparateur « , »)' },
    ]);
    expect(records.filter(isErreur)).toHaveLength(1);
  });

  it('keeps stray quotes as text and reports an unclosed quote at the line that opens it, in file order', async () => {
    const { records } = await readAll([utf8('A;B\n1;2\n3;"x"y\n4;ab"c\n5;"jamais fermé\n6;7\n')]);
    expect(records).toEqual([
      { ligne: 2, champs: ['1', '2'] },
      { ligne: 3, champs: ['3', '"x"y'] },
      { ligne: 4, champs: ['4', 'ab"c'] },
      { ligne: 5, colonne: null, message: 'guillemet ouvert jamais refermé : la suite du fichier n’a pas pu être lue' },
    ]);
  });

  it('streams a file chunked at arbitrary byte boundaries', async () => {
    const body = utf8('ID;LIBCOM\n' + Array.from({ length: 500 }, (_, i) => `${i};Vénissieux`).join('\n'));
    const chunks: Buffer[] = [];
    for (let i = 0; i < body.length; i += 7) chunks.push(body.subarray(i, i + 7));
    const { records } = await readAll(chunks);
    expect(records).toHaveLength(500);
    expect(records[499]).toEqual({ ligne: 501, champs: ['499', 'Vénissieux'] });
  });

  it('refuses an empty file', async () => {
    await expect(openCsv(Readable.from([utf8('\n\n')]))).rejects.toThrow(/vide/);
    await expect(openCsv(Readable.from([]))).rejects.toThrow(/vide/);
  });
});

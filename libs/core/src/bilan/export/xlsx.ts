/**
 * The bilan as an XLSX workbook, streamed (exceljs `WorkbookWriter`: rows are committed as they are
 * written, so memory stays bounded however many flats « Détail » lists): one sheet per table,
 * French headings, frozen header row, totals in bold, number formats, and « Détail » with one line
 * per flat freed (its decision, override, proposition, CAL and lease).
 */
import ExcelJS from 'exceljs';
import type { Writable } from 'stream';
import type { Bilan, BilanInput } from '../compute';
import { COLONNES_DETAIL, detailDe } from '../compute';
import { lignesDe, tableaux, type Format, type Perimetre } from './tableaux';

const FORMATS: Record<Format, string | undefined> = {
  entier: '#,##0',
  decimal: '#,##0.00',
  part: '0.0%',
  texte: undefined,
};
const ENTETE: Partial<ExcelJS.Style> = {
  font: { bold: true, color: { argb: 'FFFFFFFF' } },
  fill: { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FF1F4E79' } },
  alignment: { vertical: 'middle', wrapText: true },
};

/**
 * One style object shared by every « Détail » cell: exceljs recognises a style it has already seen
 * by identity (a WeakMap), whereas each new cell otherwise gets a fresh `{}` it must analyse again.
 */
const STYLE_DETAIL: Partial<ExcelJS.Style> = Object.freeze({});

export interface OptionsXlsx {
  /** Date written in the workbook's properties (the snapshot's, for a reproducible file). */
  date: Date;
  /** Called every 5 000 « Détail » lines (progress of a long export). */
  onDetail?: (faites: number, total: number) => void;
}

export async function ecrireXlsx(
  input: BilanInput,
  bilan: Bilan,
  perimetre: Perimetre,
  out: Writable | string,
  options: OptionsXlsx,
): Promise<void> {
  // fast deflate: the « Détail » sheet of a whole year is most of the bytes
  const zip = { zlib: { level: 1 } } as unknown as Partial<ExcelJS.stream.xlsx.WorkbookStreamWriterOptions>['zip'];
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter(
    typeof out === 'string'
      ? { filename: out, useStyles: true, useSharedStrings: false, zip }
      : { stream: out, useStyles: true, useSharedStrings: false, zip },
  );
  wb.creator = bilan.bailleur.nom;
  wb.created = options.date;
  wb.modified = options.date;
  for (const t of tableaux(input, bilan, perimetre)) {
    const ws = wb.addWorksheet(t.nom, { views: [{ state: 'frozen', ySplit: 1 }] });
    ws.columns = t.colonnes.map((c, i) => ({
      header: c.titre,
      key: `c${i}`,
      width: c.largeur ?? Math.max(12, c.titre.length + 2),
      style: FORMATS[c.format] ? { numFmt: FORMATS[c.format] } : {},
    }));
    const header = ws.getRow(1);
    header.eachCell((cell) => Object.assign(cell, { style: { ...cell.style, ...ENTETE } }));
    header.height = 30;
    header.commit();
    for (const values of t.lignes) ws.addRow(values).commit();
    if (t.total) {
      const row = ws.addRow(t.total);
      row.font = { bold: true };
      row.commit();
    }
    ws.commit();
  }
  const lignes = lignesDe(input, bilan, perimetre);
  const ws = wb.addWorksheet('Détail', { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = COLONNES_DETAIL.map((c) => ({ header: c.titre, key: c.cle, width: c.largeur }));
  const header = ws.getRow(1);
  header.eachCell((cell) => Object.assign(cell, { style: { ...cell.style, ...ENTETE } }));
  header.commit();
  const detail = detailDe(input);
  let n = 0;
  for (const l of lignes) {
    const d = detail(l);
    const row = ws.addRow(COLONNES_DETAIL.map((c) => d[c.cle]));
    row.eachCell((cell) => {
      cell.style = STYLE_DETAIL;
    });
    row.commit();
    if (++n % 5000 === 0) options.onDetail?.(n, lignes.length);
  }
  ws.commit();
  await wb.commit();
}

/** The workbook in memory (an HTTP download). */
export async function xlsxBuffer(
  input: BilanInput,
  bilan: Bilan,
  perimetre: Perimetre,
  options: OptionsXlsx,
): Promise<Buffer> {
  const { PassThrough } = await import('stream');
  const stream = new PassThrough();
  const chunks: Buffer[] = [];
  stream.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve, reject) => {
    stream.on('end', resolve);
    stream.on('error', reject);
  });
  await ecrireXlsx(input, bilan, perimetre, stream, options);
  stream.end();
  await done;
  return Buffer.concat(chunks);
}

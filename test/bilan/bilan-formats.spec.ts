/**
 * The fixture year's bilan in each format, read back: the XLSX with exceljs (sheets, French
 * headings, frozen header, totals, number formats, « Détail » one line per flat), the CSV parsed
 * (`;`, BOM), the PDF's text extracted with pdftotext (poppler-utils) and its key figures found.
 */
import { execFileSync } from 'child_process';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { mkdtempSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { calculerBilan } from '@aiguillage/core/bilan/compute';
import { csvDetail } from '@aiguillage/core/bilan/export/csv';
import { pdfBilan } from '@aiguillage/core/bilan/export/pdf';
import { xlsxBuffer } from '@aiguillage/core/bilan/export/xlsx';
import { dateFr } from '@aiguillage/engine';
import { dateLiberation, fixtureInput, IDS } from './fixture/annee-fixture';

const DATE = new Date('2026-02-10T00:00:00Z');

describe('bilan : formats relus', () => {
  const input = fixtureInput();
  const bilan = calculerBilan(input);
  const dir = mkdtempSync(join(tmpdir(), 'bilan-formats-'));

  it('XLSX consolidé : une feuille par répartition, en-têtes français figés, totaux, formats, Détail une ligne par logement', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await xlsxBuffer(input, bilan, { type: 'consolide' }, { date: DATE })) as never);
    const noms = wb.worksheets.map((w) => w.name);
    expect(noms).toEqual([
      'Synthèse',
      'Objectifs',
      'Typologie',
      'Financement',
      'QPV',
      'Commune',
      'Période',
      'Suivi',
      'Objectifs légaux',
      'Part du préfet',
      'Exclusions',
      'Dérogations',
      'EPCI (CIL)',
      'Détail',
    ]);
    for (const ws of wb.worksheets) {
      expect([ws.name, ws.views[0]]).toEqual([ws.name, expect.objectContaining({ state: 'frozen', ySplit: 1 })]);
      expect(ws.getRow(1).font?.bold ?? ws.getRow(1).getCell(1).font?.bold).toBe(true);
    }
    const typo = wb.getWorksheet('Typologie')!;
    const rows = typo.getSheetValues().slice(2) as unknown[][];
    expect(rows.map((r) => r.slice(1, 4))).toEqual([
      ['T1', 1, 1],
      ['T2', 4, 1],
      ['T3', 5, 4],
      ['T4', 2, 2],
      ['T5', 1, 0],
      ['Total', 13, 8],
    ]);
    expect(typo.getRow(1).values).toEqual([undefined, 'Typologie', 'Proposés', 'Attribués', 'Part des proposés']);
    expect(typo.getCell('D2').numFmt).toBe('0.0%');
    expect(typo.getRow(7).font?.bold).toBe(true);
    const commune = (wb.getWorksheet('Commune')!.getSheetValues().slice(2) as unknown[][]).map((r) => r[1]);
    expect(commune).toEqual(['Saint-Écluse', 'Bèze-sur-Marne', 'Château-Noël', 'Total']);
    const detail = wb.getWorksheet('Détail')!;
    const rpls = (detail.getSheetValues().slice(2) as unknown[][]).map((r) => r[1]);
    expect(rpls).toHaveLength(20);
    expect(new Set(rpls).size).toBe(20);
    expect(detail.getRow(1).getCell(10).value).toBe('Décision');
    const l7 = (detail.getSheetValues().slice(2) as unknown[][]).find((r) => r[1] === 'RPLS-93-0007')!;
    // Dates and motifs as a French reader writes them.
    expect([detail.getRow(1).getCell(8).value, l7[8]]).toEqual(['Libération', dateFr(dateLiberation(7))]);
    expect(l7.slice(10, 15)).toEqual([
      'C2-ALS (Action Logement Services)',
      'Action Logement Services',
      'Oui',
      'Mixité sociale',
      'Chloé Chargée',
    ]);
    const obj = (wb.getWorksheet('Objectifs')!.getSheetValues().slice(2) as unknown[][]).find(
      (r) => r[1] === 'C1-PREFET',
    )!;
    expect(obj.slice(5, 11)).toEqual([7, 14, 5.2, 1, 4, 1.2]);
  });

  it('XLSX d’un réservataire : ses conventions et ses logements seulement, pas de consolidation CIL', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(
      (await xlsxBuffer(input, bilan, { type: 'reservataire', id: IDS.als }, { date: DATE })) as never,
    );
    expect(wb.worksheets.map((w) => w.name)).not.toContain('EPCI (CIL)');
    expect(wb.worksheets.map((w) => w.name)).not.toContain('Part du préfet');
    const rpls = (wb.getWorksheet('Détail')!.getSheetValues().slice(2) as unknown[][]).map((r) => r[1]);
    expect(rpls).toEqual(['RPLS-93-0005', 'RPLS-93-0006', 'RPLS-93-0007', 'RPLS-93-0020']);
    const objectifs = (wb.getWorksheet('Objectifs')!.getSheetValues().slice(2) as unknown[][]).map((r) => r[1]);
    expect(objectifs).toEqual(['C2-ALS', 'Total']);
  });

  it('CSV : BOM UTF-8, point-virgule, une ligne par logement, accents intacts', () => {
    const csv = csvDetail(input, bilan, { type: 'consolide' });
    expect(csv.startsWith('\uFEFF')).toBe(true);
    const rows: string[][] = parse(csv.slice(1), { delimiter: ';' });
    expect(rows[0].slice(0, 3)).toEqual(['Logement (RPLS)', 'Commune', 'EPCI']);
    expect(rows).toHaveLength(21);
    const l20 = rows.find((r) => r[0] === 'RPLS-93-0020')!;
    expect([l20[1], l20[6], l20[18], l20[23]]).toEqual(['Château-Noël', 'Année inconnue', '2', '90']);
  });

  it('PDF du préfet : couverture du bailleur, accents, chiffres clés', async () => {
    const pdf = await pdfBilan(
      input,
      { ...bilan, departementNom: 'Seine-Saint-Denis' },
      { type: 'reservataire', id: IDS.etat },
      {
        date: DATE,
        texteCouverture: 'Madame la Préfète, veuillez trouver ci-joint le bilan annuel établi par Habitat Fictif 93.',
      },
    );
    const file = join(dir, 'prefet.pdf');
    writeFileSync(file, pdf);
    const text = execFileSync('pdftotext', ['-layout', file, '-']).toString('utf8');
    expect(text).toContain('Madame la Préfète, veuillez trouver ci-joint le bilan annuel');
    expect(text).toContain('Préfet de la Seine-Saint-Denis');
    expect(text).toContain('Bilan annuel 2025 de la gestion en flux');
    expect(text).toContain('Habitat Fictif 93 — Seine-Saint-Denis (93)');
    expect(text).toMatch(/C1-PREFET\s+Proposition\s+7\s+14\s+5,2\s+1\s+4\s+1,2\s+Report\s+1,2/);
    expect(text).toMatch(/Bèze-sur-Marne\s+1\s+4\s+25 %\s+30 %\s+Non/);
    expect(text).toContain('Château-Noël');
    expect(text).not.toContain('C2-ALS');
    expect(text).toContain(`Établi le ${dateFr(DATE.toISOString())} — 20 libérations`);
  });
});

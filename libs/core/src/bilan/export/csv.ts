/**
 * The bilan's « Détail » as CSV for French Excel: `;` separator, UTF-8 with a BOM, CRLF, decimal
 * comma; one line per flat freed, with the convention's figures beside it.
 */
import type { Bilan, BilanInput } from '../compute';
import { COLONNES_DETAIL, detailDe } from '../compute';
import { lignesDe, type Perimetre } from './tableaux';

export const BOM = '\uFEFF';

export function celluleCsv(v: string | number | null | undefined): string {
  if (v === null || v === undefined) return '';
  const s = typeof v === 'number' ? String(v).replace('.', ',') : v;
  return /[";\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function csvDetail(input: BilanInput, bilan: Bilan, perimetre: Perimetre): string {
  const detail = detailDe(input);
  const lines = [COLONNES_DETAIL.map((c) => celluleCsv(c.titre)).join(';')];
  for (const l of lignesDe(input, bilan, perimetre)) {
    const d = detail(l);
    lines.push(COLONNES_DETAIL.map((c) => celluleCsv(d[c.cle])).join(';'));
  }
  return BOM + lines.join('\r\n') + '\r\n';
}

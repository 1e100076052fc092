import { ValeurInvalideError } from './errors';

/** Thousands separators tolerated in numbers: space, no-break space, narrow no-break space. */
const THOUSANDS = /[ \u00a0\u202f]/g;

export function isBlank(raw: string | undefined | null): boolean {
  return raw === undefined || raw === null || raw.trim() === '';
}

/** An integer written in decimal ("12", "-1", "1 200"); `what` names the value in the error. */
export function parseEntier(raw: string, what: string, bornes: { min?: number; max?: number } = {}): number {
  const s = raw.trim().replace(THOUSANDS, '');
  if (!/^[+-]?\d+$/.test(s)) throw new ValeurInvalideError(`« ${raw.trim()} » n'est pas ${what}`);
  const n = Number(s);
  if ((bornes.min !== undefined && n < bornes.min) || (bornes.max !== undefined && n > bornes.max)) {
    const range =
      bornes.max === undefined
        ? `au moins ${bornes.min}`
        : bornes.min === undefined
          ? `au plus ${bornes.max}`
          : `entre ${bornes.min} et ${bornes.max}`;
    throw new ValeurInvalideError(`« ${raw.trim()} » : ${what} doit être ${range}`);
  }
  return n;
}

/**
 * A decimal amount written as text ("412,37", "412.37", "1 234,5", "1.234,56", "1,234.56") turned
 * into an exact integer number of hundredths (cents for euros), without floating-point arithmetic.
 * More than two significant decimals is refused rather than rounded.
 */
export function parseCentiemes(raw: string, what: string): number {
  const trimmed = raw.trim();
  let s = trimmed.replace(THOUSANDS, '');
  const sign = s.startsWith('-') ? -1 : 1;
  if (s.startsWith('-') || s.startsWith('+')) s = s.slice(1);
  const invalid = () => new ValeurInvalideError(`« ${trimmed} » n'est pas ${what}`);
  if (!/^[\d.,]+$/.test(s) || !/\d/.test(s)) throw invalid();
  // The last separator is the decimal one, unless the same separator also appears earlier (thousands).
  const last = Math.max(s.lastIndexOf(','), s.lastIndexOf('.'));
  let intPart = s;
  let fraction = '';
  if (last >= 0) {
    const sep = s[last];
    const sameBefore = s.lastIndexOf(sep, last - 1) >= 0;
    if (!sameBefore) {
      intPart = s.slice(0, last);
      fraction = s.slice(last + 1);
    }
    if (/[.,]/.test(fraction)) throw invalid();
    const groups = intPart.split(/[.,]/);
    if (
      groups.length > 1 &&
      (groups[0].length === 0 || groups[0].length > 3 || groups.slice(1).some((g) => g.length !== 3))
    )
      throw invalid();
    intPart = groups.join('');
  }
  if (intPart === '' && fraction === '') throw invalid();
  if (fraction.length > 2 && /[1-9]/.test(fraction.slice(2))) {
    throw new ValeurInvalideError(`« ${trimmed} » : ${what} a plus de deux décimales`);
  }
  const hundredths = sign * (Number(intPart || '0') * 100 + Number((fraction + '00').slice(0, 2)));
  if (!Number.isSafeInteger(hundredths)) throw new ValeurInvalideError(`« ${trimmed} » : ${what} est hors limites`);
  return hundredths === 0 ? 0 : hundredths; // never -0
}

const VRAI = new Set(['1', 'O', 'OUI', 'Y', 'YES', 'V', 'VRAI', 'TRUE', 'X']);
/** RPLS codes yes/no as 1/2; 0 and N/NON are also common in exports. */
const FAUX = new Set(['0', '2', 'N', 'NON', 'NO', 'F', 'FAUX', 'FALSE']);

export function parseBooleen(raw: string, what: string): boolean {
  const s = raw.trim().toUpperCase();
  if (VRAI.has(s)) return true;
  if (FAUX.has(s)) return false;
  throw new ValeurInvalideError(
    `« ${raw.trim()} » n'est pas une valeur oui/non pour ${what} (attendu 1/0, O/N ou OUI/NON)`,
  );
}

/** ISO calendar day YYYY-MM-DD, also accepting the French DD/MM/YYYY. */
export function parseDateIso(raw: string, what: string): string {
  const s = raw.trim();
  const fr = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(s);
  const iso = fr ? `${fr[3]}-${fr[2]}-${fr[1]}` : s;
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (m) {
    const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
    if (d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]))
      return iso;
  }
  throw new ValeurInvalideError(`« ${s} » n'est pas ${what} valide (attendu AAAA-MM-JJ ou JJ/MM/AAAA)`);
}

/** A fraction written as "0.25", "0,25" or "25 %" / "25%"; always returned in [0, 1]. */
export function parseFraction(raw: string, what: string): number {
  const s = raw.trim();
  const pct = /^(.*?)\s*%$/.exec(s);
  const body = (pct ? pct[1] : s).replace(',', '.');
  if (!/^\d+(\.\d+)?$/.test(body)) throw new ValeurInvalideError(`« ${s} » n'est pas ${what} (attendu 0,25 ou 25 %)`);
  const value = pct ? Number(body) / 100 : Number(body);
  if (value > 1) throw new ValeurInvalideError(`« ${s} » : ${what} doit être compris entre 0 et 1 (ou 0 et 100 %)`);
  return value;
}

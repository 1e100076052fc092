/** French formatting of the figures in reasons ("4,2 logements", "30 %"). */

/** A number with a comma decimal, at most `digits` decimals, no trailing zeros: 4.25 → "4,3", 2 → "2". */
export function nombreFr(value: number, digits = 1): string {
  const factor = 10 ** digits;
  const rounded = Math.round(Math.abs(value) * factor) / factor;
  // String() of a number rounded to `digits` decimals is its shortest form: 4.3, 30, 0.1.
  const text = String(rounded).replace('.', ',');
  return value < 0 && rounded !== 0 ? `-${text}` : text;
}

/** "1 logement", "0,4 logement", "4,2 logements" (French plural from 2). */
export function logementsFr(value: number, digits = 1): string {
  const text = nombreFr(value, digits);
  return `${text} logement${Math.abs(Math.round(value * 10 ** digits) / 10 ** digits) >= 2 ? 's' : ''}`;
}

/** A fraction as a percentage: 0.3 → "30 %", 0.125 → "12,5 %". */
export function pourcentFr(fraction: number): string {
  return `${nombreFr(fraction * 100, 1)} %`;
}

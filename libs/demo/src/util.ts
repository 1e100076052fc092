/** Small shared helpers of the demo generator (counts, dates, rounding). */

/** Splits `total` into integers proportional to `weights` (largest remainder method; sum is exact). */
export function allocate(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  if (total <= 0 || sum <= 0) return weights.map(() => 0);
  const exact = weights.map((w) => (total * w) / sum);
  const out = exact.map(Math.floor);
  let rest = total - out.reduce((a, b) => a + b, 0);
  const order = exact.map((x, i) => [x - Math.floor(x), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (let k = 0; rest > 0; k = (k + 1) % order.length, rest--) out[order[k][1]]++;
  return out;
}

export function isLeapYear(annee: number): boolean {
  return (annee % 4 === 0 && annee % 100 !== 0) || annee % 400 === 0;
}

export function daysInMonth(annee: number, mois: number): number {
  return [31, isLeapYear(annee) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][mois - 1];
}

export function daysInYear(annee: number): number {
  return isLeapYear(annee) ? 366 : 365;
}

export function isoDate(annee: number, mois: number, jour: number): string {
  return `${annee}-${String(mois).padStart(2, '0')}-${String(jour).padStart(2, '0')}`;
}

/** Day of the year (1-based) of an ISO date. */
export function dayOfYear(iso: string): number {
  const [y, m, d] = iso.split('-').map(Number);
  let n = d;
  for (let k = 1; k < m; k++) n += daysInMonth(y, k);
  return n;
}

/** Days of `annee` during which a validity period [debut, fin] is open (inclusive bounds). */
export function joursValidesDansAnnee(annee: number, debut: string, fin: string | null | undefined): number {
  const start = debut > `${annee}-12-31` ? null : debut < `${annee}-01-01` ? 1 : dayOfYear(debut);
  const end = fin == null || fin > `${annee}-12-31` ? daysInYear(annee) : fin < `${annee}-01-01` ? 0 : dayOfYear(fin);
  if (start === null || end < start) return 0;
  return end - start + 1;
}

export function round(value: number, decimals: number): number {
  const f = 10 ** decimals;
  return Math.round(value * f) / f;
}

export function floorTo(value: number, decimals: number): number {
  const f = 10 ** decimals;
  return Math.floor(value * f + 1e-9) / f;
}

/** Normalises non-negative weights to fractions summing to 1 (rounded to 4 decimals, last one absorbs the rest). */
export function normalise(weights: readonly number[], decimals = 4): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  const out = weights.map((w) => round(w / sum, decimals));
  const drift = round(1 - out.reduce((a, b) => a + b, 0), decimals);
  out[out.length - 1] = round(out[out.length - 1] + drift, decimals);
  return out;
}

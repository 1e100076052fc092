const JOUR_MS = 86_400_000;

/** The day `n` days after `day` (YYYY-MM-DD, UTC calendar). */
export function plusJours(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * JOUR_MS).toISOString().slice(0, 10);
}

/** Easter Sunday of `annee` (Meeus / Jones / Butcher, Gregorian calendar), as AAAA-MM-JJ. */
export function paques(annee: number): string {
  const a = annee % 19;
  const [b, c] = [Math.floor(annee / 100), annee % 100];
  const [d, e] = [Math.floor(b / 4), b % 4];
  const g = Math.floor((b - Math.floor((b + 8) / 25) + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const l = (32 + 2 * e + 2 * Math.floor(c / 4) - h - (c % 4)) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const mois = Math.floor((h + l - 7 * m + 114) / 31);
  const jour = ((h + l - 7 * m + 114) % 31) + 1;
  return `${annee}-${String(mois).padStart(2, '0')}-${String(jour).padStart(2, '0')}`;
}

/** The public holidays of metropolitan France in `annee` (Code du travail L.3133-1). */
export function joursFeries(annee: number): Set<string> {
  const p = paques(annee);
  const fixes = ['01-01', '05-01', '05-08', '07-14', '08-15', '11-01', '11-11', '12-25'].map((j) => `${annee}-${j}`);
  // Easter Monday, Ascension, Whit Monday.
  return new Set([...fixes, plusJours(p, 1), plusJours(p, 39), plusJours(p, 50)]);
}

/** `jour` when the offices are open (Monday to Friday, not a public holiday), else the next such day. */
export function jourOuvre(jour: string): string {
  for (let j = jour; ; j = plusJours(j, 1)) {
    const semaine = new Date(`${j}T00:00:00Z`).getUTCDay();
    if (semaine !== 0 && semaine !== 6 && !joursFeries(Number(j.slice(0, 4))).has(j)) return j;
  }
}

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

/** A day as the French write it: « 2026-11-30 » (or an instant of that day, as written) → « 30/11/2026 ». */
export function dateFr(date: string): string {
  return `${date.slice(8, 10)}/${date.slice(5, 7)}/${date.slice(0, 4)}`;
}

/** A département as people name it: « Rhône (69) »; its code alone when it has no name. */
export function departementFr(code: string, nom?: string | null): string {
  return nom ? `${nom} (${code})` : code;
}

/** The day and the time of an instant in a time zone: `{ jour: 'YYYY-MM-DD', heure: 'HH:MM' }`. */
export function heureLocale(instant: Date, fuseau: string): { jour: string; heure: string } {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', {
      timeZone: fuseau,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(instant)
      .map((p) => [p.type, p.value]),
  );
  return { jour: `${parts.year}-${parts.month}-${parts.day}`, heure: `${parts.hour}:${parts.minute}` };
}

/** The day of an instant on Paris time, `YYYY-MM-DD` (the day a French user lives in). */
export function jourParis(instant: Date | string): string {
  return heureLocale(new Date(instant), 'Europe/Paris').jour;
}

/** An instant as a French user reads it, on Paris time: « 30/11/2026 à 06:12 ». */
export function dateHeureFr(instant: Date | string): string {
  const { jour, heure } = heureLocale(new Date(instant), 'Europe/Paris');
  return `${dateFr(jour)} à ${heure}`;
}

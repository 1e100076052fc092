/**
 * The forecast calendar of the year: which fraction of the year's libérations is expected by a date,
 * following the exercice's monthly seasonality (linear inside a month), not a straight line.
 */
import type { Convention, Exercice } from '../domain';
import { EngineInputError } from '../errors';

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Parses `YYYY-MM-DD` into [year, month 0-11, day 1-31]; a clear French error otherwise. */
export function parseDate(date: string, champ = 'date'): [number, number, number] {
  const m = typeof date === 'string' ? DATE_RE.exec(date) : null;
  if (!m) throw new EngineInputError(champ, `doit être une date AAAA-MM-JJ (reçu « ${String(date)} »)`);
  const [year, month, day] = [Number(m[1]), Number(m[2]) - 1, Number(m[3])];
  if (month > 11 || day < 1 || day > daysInMonth(year, month))
    throw new EngineInputError(champ, `date inexistante « ${date} »`);
  return [year, month, day];
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
}

/** Checks 12 non-negative monthly fractions with a positive sum. */
export function validateSaisonnalite(saisonnalite: unknown, champ = 'exercice.saisonnalite'): number[] {
  if (!Array.isArray(saisonnalite) || saisonnalite.length !== 12)
    throw new EngineInputError(champ, 'doit contenir 12 fractions mensuelles');
  saisonnalite.forEach((f, i) => {
    if (typeof f !== 'number' || !Number.isFinite(f) || f < 0)
      throw new EngineInputError(`${champ}[${i}]`, 'doit être une fraction positive ou nulle');
  });
  if (saisonnalite.reduce((a: number, b: number) => a + b, 0) <= 0)
    throw new EngineInputError(champ, 'la somme des fractions doit être positive');
  return saisonnalite as number[];
}

/**
 * Expected share (0..1) of the year's flux reached at the end of `date`: months before count in full,
 * the current month pro rata of its days. 0 before the exercice's year, 1 after it.
 */
export function fractionAttendue(exercice: Pick<Exercice, 'annee' | 'saisonnalite'>, date: string): number {
  const [year, month, day] = parseDate(date);
  if (year < exercice.annee) return 0;
  if (year > exercice.annee) return 1;
  const saison = exercice.saisonnalite;
  let total = 0;
  let before = 0;
  for (let m = 0; m < 12; m++) {
    const f = saison[m] ?? 0;
    total += f;
    if (m < month) before += f;
  }
  if (total <= 0) return (month + day / daysInMonth(year, month)) / 12;
  return (before + ((saison[month] ?? 0) * day) / daysInMonth(year, month)) / total;
}

/** Expected count toward an objective at `date` under the seasonality. */
export function progressionAttendue(
  objectif: number,
  exercice: Pick<Exercice, 'annee' | 'saisonnalite'>,
  date: string,
): number {
  return objectif * fractionAttendue(exercice, date);
}

/** The part of the year a convention is valid in, as expected fractions of the year's flux. */
export interface Fenetre {
  debut: number;
  fin: number;
}

/** A convention starting or ending during the exercice must reach its objective within its validity. */
export function fenetreConvention(
  convention: Pick<Convention, 'dateDebut' | 'dateFin'>,
  exercice: Pick<Exercice, 'annee' | 'saisonnalite'>,
): Fenetre {
  const debut = convention.dateDebut > `${exercice.annee}-01-01` ? fractionAttendue(exercice, convention.dateDebut) : 0;
  const fin =
    convention.dateFin && convention.dateFin < `${exercice.annee}-12-31`
      ? fractionAttendue(exercice, convention.dateFin)
      : 1;
  return { debut, fin: Math.max(fin, debut) };
}

/** The share (0..1) of its objective a convention is expected to have reached when `fraction` of the year's flux is. */
export function partAttendue(fraction: number, fenetre: Fenetre): number {
  const etendue = fenetre.fin - fenetre.debut;
  return etendue > 1e-9 ? Math.min(1, Math.max(0, (fraction - fenetre.debut) / etendue)) : 1;
}

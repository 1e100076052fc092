/**
 * An applicant's income quartile (CCH L.441-1): the préfet sets each year, by arrêté, for each EPCI
 * (region-wide in Île-de-France) the highest income per consumption unit of the first quartile of
 * the SNE's applicants; the attribution objectives count "les demandeurs dont le niveau de
 * ressources par unité de consommation est inférieur" to it. Income per consumption unit is the
 * household's monthly resources × 12 ÷ its consumption units (INSEE / OCDE modified scale: 1 for the
 * first person, 0.5 per other person aged 14 or more, 0.3 per child under 14).
 *
 * Amounts are integer cents (annual income per consumption unit for the thresholds); no rounding is
 * made before the comparison (the consumption units are counted in tenths, exactly).
 */
import { EngineInputError, requireFinite } from '../errors';

export type Quartile = 1 | 2 | 3 | 4;

/** Who lives in the household: every person, of whom the children under 14. */
export interface Menage {
  personnes: number;
  enfantsMoins14: number;
}

/**
 * A territory's thresholds for a year, annual income per consumption unit in cents. `q1` is the one
 * the arrêté sets; `q2` (the median) and `q3` when known, both or neither.
 */
export interface SeuilsQuartiles {
  q1: number;
  q2?: number | null;
  q3?: number | null;
}

/**
 * The thresholds of one territory for one year as the préfet's arrêté sets them (annual income per
 * consumption unit, in cents): what the income quartile of a candidate is read against.
 */
export interface SeuilQuartile {
  /** SIREN of the EPCI (9 digits), or the region code (2 digits) where the arrêté is regional. */
  territoire: string;
  annee: number;
  seuilQ1Centimes: number;
  seuilQ2Centimes: number | null;
  seuilQ3Centimes: number | null;
  /** The arrêté that set them (reference, date). */
  arrete: string | null;
}

/** The quartile an income falls in: exact when `min === max`; 2..4 when only the Q1 threshold is known. */
export interface QuartilePossible {
  min: Quartile;
  max: Quartile;
}

/** Consumption units in tenths (exact integers): 10 + 5 per other person ≥ 14 + 3 per child < 14. */
export function unitesConsommationDixiemes(menage: Menage): number {
  const personnes = requireFinite('personnes', menage.personnes, { integer: true, min: 1, max: 20 });
  const enfants = requireFinite('enfantsMoins14', menage.enfantsMoins14, { integer: true, min: 0 });
  if (enfants > personnes - 1) {
    throw new EngineInputError(
      'enfantsMoins14',
      `au plus ${personnes - 1} pour un ménage de ${personnes} personne${personnes > 1 ? 's' : ''} (la première personne compte pour 1 unité)`,
    );
  }
  return 10 + 5 * (personnes - 1 - enfants) + 3 * enfants;
}

/** Consumption units of a household (1; 1.5; 1.8; 2.1…). */
export function unitesConsommation(menage: Menage): number {
  return unitesConsommationDixiemes(menage) / 10;
}

/** Annual income per consumption unit, in cents (not rounded): monthly resources × 12 ÷ UC. */
export function revenuAnnuelParUc(ressourcesMensuellesCentimes: number, menage: Menage): number {
  const mensuel = requireFinite('ressourcesMensuelles', ressourcesMensuellesCentimes, { integer: true, min: 0 });
  return (mensuel * 12 * 10) / unitesConsommationDixiemes(menage);
}

/** Throws unless the thresholds are positive integers in cents, increasing, q2 and q3 both or neither. */
export function verifierSeuils(seuils: SeuilsQuartiles): void {
  requireFinite('seuilQ1', seuils.q1, { integer: true, min: 1 });
  const q2 = seuils.q2 ?? null;
  const q3 = seuils.q3 ?? null;
  if ((q2 === null) !== (q3 === null))
    throw new EngineInputError(
      q2 === null ? 'seuilQ2' : 'seuilQ3',
      'les seuils des 2e et 3e quartiles vont ensemble (les deux ou aucun)',
    );
  if (q2 === null || q3 === null) return;
  requireFinite('seuilQ2', q2, { integer: true, min: 1 });
  requireFinite('seuilQ3', q3, { integer: true, min: 1 });
  if (!(seuils.q1 < q2)) throw new EngineInputError('seuilQ2', 'doit être supérieur au seuil du 1er quartile');
  if (!(q2 < q3)) throw new EngineInputError('seuilQ3', 'doit être supérieur au seuil du 2e quartile');
}

/**
 * The quartile of an annual income per consumption unit (cents) against a territory's thresholds:
 * strictly below Q1 → 1 (CCH: "inférieur à"); then below Q2 → 2, below Q3 → 3, else 4. With the Q1
 * threshold alone, an income at or above it is "2 to 4".
 */
export function quartileDuRevenu(revenuParUc: number, seuils: SeuilsQuartiles): QuartilePossible {
  requireFinite('revenuParUc', revenuParUc, { min: 0 });
  verifierSeuils(seuils);
  if (revenuParUc < seuils.q1) return { min: 1, max: 1 };
  if (seuils.q2 == null || seuils.q3 == null) return { min: 2, max: 4 };
  if (revenuParUc < seuils.q2) return { min: 2, max: 2 };
  if (revenuParUc < seuils.q3) return { min: 3, max: 3 };
  return { min: 4, max: 4 };
}

/** The quartile of a household from its monthly resources (cents) and composition. */
export function quartileDuMenage(
  ressourcesMensuellesCentimes: number,
  menage: Menage,
  seuils: SeuilsQuartiles,
): QuartilePossible & { revenuParUc: number } {
  const revenuParUc = revenuAnnuelParUc(ressourcesMensuellesCentimes, menage);
  return { ...quartileDuRevenu(revenuParUc, seuils), revenuParUc };
}

/**
 * The targets as the bench checks them, on the demo and on each forecast-error family (its
 * worst run: the largest l1, prefix deviation, vacancy and refusal rate, the smallest legal shares).
 */
import { STRATEGY_NAMES, type Metrics, type StrategyName } from '@aiguillage/simulation';

/** [label, met, the figures behind it]. */
export type Cible = [string, boolean, string];

/** The online strategies: all but the engine and the hindsight optimum. */
export const EN_LIGNE = STRATEGY_NAMES.filter((s) => s !== 'engine' && s !== 'optimum');

/** The measures on which the engine must do better than every online strategy; `max`: more is better. */
const MESURES: Array<[keyof Metrics, string, 'min' | 'max']> = [
  ['l1', 'l1', 'min'],
  ['prefixMean', 'écart de préfixe moyen', 'min'],
  ['vacancyDaysMean', 'vacance', 'min'],
  ['refusalRate', 'taux de refus', 'min'],
  ['q1HorsQpvShare', 'part Q1 hors QPV', 'max'],
  ['q234QpvShare', 'part Q2-4 en QPV', 'max'],
  ['prioritairesMinShare', 'plus petite part de prioritaires', 'max'],
  // The same objective in households: Σ over réservataires of what each lacks to 25 % (one of 1–3 attributions
  // weighs what it lacks, not a share of 0).
  ['prioritairesManquants', 'ménages prioritaires manquants', 'min'],
];

export const cell = (x: number | null | undefined, digits = 2) =>
  x === null || x === undefined ? '–' : Number.isInteger(x) ? String(x) : x.toFixed(digits);

/** The engine better than every online strategy on each measure; `mesure` reads a strategy's figure (its worst run's). */
export function devantEnLigne(
  mesure: (s: StrategyName, key: keyof Metrics, sens: 'min' | 'max') => number | null,
): Cible[] {
  return MESURES.map(([key, libelle, sens]) => {
    const moteur = mesure('engine', key, sens) ?? (sens === 'min' ? Infinity : -Infinity);
    const autres = EN_LIGNE.map((s) => mesure(s, key, sens));
    const devant = autres.every((v) => v === null || (sens === 'min' ? moteur < v : moteur > v));
    return [
      `${libelle} ${sens === 'min' ? '<' : '>'} toute stratégie en ligne`,
      devant,
      `${cell(moteur, 3)} vs ${autres.map((v) => cell(v, 3)).join(' / ')}`,
    ];
  });
}

type Extremes = { moyenne: Metrics; pire: Metrics; maximum: Metrics; minimum: Metrics };

/** A family's targets on its worst run. */
export function ciblesFamille(f: Record<StrategyName, Extremes>): Cible[] {
  const pire = (s: StrategyName, key: keyof Metrics, sens: 'min' | 'max') =>
    (sens === 'min' ? f[s].maximum : f[s].minimum)[key];
  const e = f.engine;
  const gain = (f.rotation.pire.l1 - e.pire.l1) / Math.max(1e-9, f.rotation.pire.l1 - f.optimum.pire.l1);
  return [
    ['(rotation − moteur)/(rotation − optimum) ≥ 0,9', gain >= 0.9, cell(gain, 3)],
    ['conventions à ±1 logement ≥ 0,95', e.minimum.withinOne >= 0.95, cell(e.minimum.withinOne, 3)],
    ['règles dures enfreintes = 0', e.maximum.hardViolations === 0, String(e.maximum.hardViolations)],
    ['écart de préfixe max ≤ 3 logements', e.maximum.prefixMax <= 3, cell(e.maximum.prefixMax)],
    ['écart de préfixe moyen ≤ 1 logement', e.maximum.prefixMean <= 1, cell(e.maximum.prefixMean)],
    ...devantEnLigne(pire),
  ];
}

export function afficherCibles(cibles: Cible[], out: (line: string) => void, retrait = '  '): void {
  for (const [label, ok, value] of cibles) out(`${retrait}[${ok ? 'OK' : 'KO'}] ${label.padEnd(64)} ${value}`);
}

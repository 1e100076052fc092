/**
 * A lower bound on the prefix deviation that no online strategy can beat, computed from two real
 * years of the same département that nobody can tell apart for a while: same forecast, same
 * behaviour seed, the same libérations up to some date, different flux afterwards (the +0 % and the
 * +10 % families of one seed: the added re-lettings come 30 days or more after a first libération).
 *
 * An online strategy decides on what happened so far, so up to the last common date d its counts
 * are the same in both years, while a percentage convention's real-year objective differs by
 * objectif prévu × (n_B − n_A) / flux prévu (n: the bailleur's libérations in the flux). At d one of
 * the two years is at least half that gap × the expected fraction at d away from its expected
 * progress; and in each year a whole count is half a flat away where its expected path crosses ½
 * (see `ecartAttenduEstimation`). max(prefixMax_A, prefixMax_B) ≥ max over conventions of the
 * larger of the two, and the same for the mean (the larger of two means is at least their average). Assumed: both years serve
 * the same excluded uses (the flux shared is the flux freed minus them; reported here: the plan).
 *
 * `ecartAttenduEstimation` gives the estimation's cost on any year (the demo's too), as an expectation
 * under the generator's model instead of a bound on one pair of runs.
 */
import { fenetreConvention, fractionAttendue, partAttendue, type Liberation, type Logement } from '@aiguillage/engine';
import { fluxLiberations, horsFlux, objectiveOf } from './rules';
import type { Scenario } from './scenario';

export interface BorneConvention {
  reference: string;
  /** The last date both years share (every decision of the bailleur up to it identical). */
  date: string;
  /** Real-year objective in each year, the planned excluded uses served (only their gap matters). */
  objectifA: number;
  objectifB: number;
  /** |objectifB − objectifA| / 2 × the expected fraction of the convention at `date`. */
  ecartObjectifs: number;
  /** The larger of that and ½ flat (rounding, when both objectives reach ½). */
  borne: number;
}

export interface BornePrefixe {
  /** No online strategy has both prefixMax_A and prefixMax_B below this. */
  prefixMax: number;
  /** No online strategy has both prefixMean_A and prefixMean_B below this. */
  prefixMean: number;
  conventions: BorneConvention[];
}

/** The last date before the two years' libérations of one bailleur first differ (null: none shared). */
function derniereDateCommune(a: Liberation[], b: Liberation[]): string | null {
  let i = 0;
  while (i < a.length && i < b.length && a[i].id === b[i].id && a[i].date === b[i].date) i++;
  if (i === a.length && i === b.length) return a.length ? a[a.length - 1].date : null;
  const divergence = [a[i]?.date, b[i]?.date].filter((d): d is string => !!d).sort()[0];
  for (let k = i - 1; k >= 0; k--) if (a[k].date < divergence) return a[k].date;
  return null;
}

/** The flux conventions (DEFENSE aside) with what both figures read. */
function conventionsDuFlux(s: Scenario) {
  const reservataires = new Map(s.reservataires.map((r) => [r.id, r]));
  return s.conventions.flatMap((convention) => {
    const exercice = s.exercices.find((e) => e.bailleurId === convention.bailleurId);
    if (!exercice || reservataires.get(convention.reservataireId)?.kind === 'DEFENSE') return [];
    const { mutations, relogements } = exercice.assiette;
    return [
      {
        convention,
        exercice,
        prevu: objectiveOf(exercice, convention),
        taux: convention.cible.type === 'TAUX' && exercice.fluxARepartir > 0,
        fenetre: fenetreConvention(convention, exercice),
        exclusions: mutations + relogements.npnru + relogements.orcod + relogements.lhi,
      },
    ];
  });
}

/** The scenario's libérations by bailleur, in date order. */
function parBailleur(s: Scenario, logements: Map<string, Logement>): Map<string, Liberation[]> {
  const m = new Map<string, Liberation[]>();
  for (const l of fluxLiberations(s)) {
    const bailleurId = logements.get(l.logementId)?.bailleurId;
    if (!bailleurId) continue;
    const liste = m.get(bailleurId);
    if (liste) liste.push(l);
    else m.set(bailleurId, [l]);
  }
  return m;
}

function resume<T extends { borne: number }>(conventions: T[]) {
  const bornes = conventions.map((c) => c.borne);
  return {
    prefixMax: Math.max(0, ...bornes),
    prefixMean: bornes.length ? bornes.reduce((t, x) => t + x, 0) / bornes.length : 0,
    conventions: conventions.sort((x, y) => y.borne - x.borne),
  };
}

export function bornePrefixe(a: Scenario, b: Scenario): BornePrefixe {
  if (a.seed !== b.seed)
    throw new Error('borne de préfixe : les deux années doivent partager la graine du comportement');
  const logements = new Map(a.logements.map((l) => [l.id, l]));
  const liberationsA = parBailleur(a, logements);
  const liberationsB = parBailleur(b, logements);
  const dansLeFlux = (ls: Liberation[]) => ls.filter((l) => !horsFlux(logements.get(l.logementId)!)).length;
  const conventions = conventionsDuFlux(a).map(({ convention, exercice, prevu, taux, fenetre, exclusions }) => {
    const la = liberationsA.get(convention.bailleurId) ?? [];
    const lb = liberationsB.get(convention.bailleurId) ?? [];
    const date = derniereDateCommune(la, lb);
    const reel = (ls: Liberation[]) =>
      taux ? (prevu * (dansLeFlux(ls) - exclusions)) / exercice.fluxARepartir : prevu;
    const objectifA = reel(la);
    const objectifB = reel(lb);
    const part = date ? partAttendue(fractionAttendue(exercice, date), fenetre) : 0;
    // Rounding: a whole count is half a flat away where its expected path crosses ½, in each year.
    const arrondi = Math.min(objectifA, objectifB) >= 0.5 ? 0.5 : 0;
    const ecartObjectifs = (Math.abs(objectifB - objectifA) / 2) * part;
    const borne = Math.max(ecartObjectifs, arrondi);
    return { reference: convention.reference, date: date ?? '', objectifA, objectifB, ecartObjectifs, borne };
  });
  return resume(conventions);
}

export interface EcartEstimation {
  /** Expected deviation of the largest convention / mean over conventions (see `ecartAttenduEstimation`). */
  prefixMax: number;
  prefixMean: number;
  conventions: Array<{ reference: string; fraction: number; borne: number }>;
}

/** Steps of the expected fraction on which the expectation is scanned. */
const PAS_FRACTION = 0.005;

/**
 * What any online strategy is expected to lose on the prefix deviation, under the generator's own
 * model (an expectation, not a bound on one run), per convention the larger of two floors:
 * - estimating the year's size: each flat's libération date is drawn from the seasonal calendar,
 *   so the count freed at fraction F of a year of N flats is binomial; N is unknown around the
 *   forecast, relative error σ (the families' spread) on top of its own Poisson-binomial error 1/√N.
 *   The best estimate of a percentage objective at F then has a posterior relative standard
 *   deviation s(F) = 1/√(1/(σ² + 1/N) + N·F/(1 − F)), and whatever count is decided at F is on
 *   average at least √(2/π) × objectif × expected part × s(F) from the objective the year will have
 *   (the mean absolute deviation of a Gaussian around its centre): the largest over F;
 * - rounding, exact on every run: a count moves by whole flats, one decision at a time, so where its
 *   expected path crosses ½ (every objective of half a flat or more does) it is half a flat away.
 */
export function ecartAttenduEstimation(s: Scenario, sigma: number): EcartEstimation {
  const conventions = conventionsDuFlux(s).map(({ convention, exercice, prevu, taux, fenetre, exclusions }) => {
    const n = exercice.fluxARepartir + exclusions;
    let meilleur = { fraction: 1, borne: prevu >= 0.5 ? 0.5 : 0 };
    for (let f = PAS_FRACTION; taux && n > 0 && f < 1; f += PAS_FRACTION) {
      const ecartType = 1 / Math.sqrt(1 / (sigma ** 2 + 1 / n) + (n * f) / (1 - f));
      const borne = Math.sqrt(2 / Math.PI) * prevu * partAttendue(f, fenetre) * ecartType;
      if (borne > meilleur.borne) meilleur = { fraction: Math.round(f * 1000) / 1000, borne };
    }
    return { reference: convention.reference, ...meilleur };
  });
  return resume(conventions);
}

/**
 * The same cost on this very year, a reference for one run (not a bound: a lucky guess can do
 * better): how far an online strategy would be from its expected progress if it followed exactly,
 * after each libération, the best estimate of the year's size under the generator's model — the
 * posterior mean of `ecartAttenduEstimation`, from the libérations freed so far at the calendar's
 * expected fraction — while the objective it is judged on is the one the year turned out to have.
 * Per convention the larger of that over the year and half a flat (rounding). Its mean over years
 * is at least `ecartAttenduEstimation`'s figure (a maximum over the year of a gap whose expectation
 * that figure maximises). Assumed, as for `bornePrefixe`: the planned excluded uses are served.
 */
export function ecartEstimationAnnee(s: Scenario, sigma: number): EcartEstimation {
  const logements = new Map(s.logements.map((l) => [l.id, l]));
  const liberations = parBailleur(s, logements);
  const conventions = conventionsDuFlux(s).map(({ convention, exercice, prevu, taux, fenetre, exclusions }) => {
    let borne = prevu >= 0.5 ? 0.5 : 0;
    const n0 = exercice.fluxARepartir + exclusions;
    const dansLeFlux = (liberations.get(convention.bailleurId) ?? []).filter(
      (l) => !horsFlux(logements.get(l.logementId)!),
    );
    if (!taux || n0 <= 0) return { reference: convention.reference, fraction: 1, borne };
    const objectif = (libere: number) => (prevu * (libere - exclusions)) / exercice.fluxARepartir;
    const reel = objectif(dansLeFlux.length);
    let fraction = 1;
    // Before each day's libérations the count decided stays on the previous estimate, after them on the new one.
    const precisionPrevision = 1 / (sigma ** 2 + 1 / n0);
    const ecart = (libere: number, f: number) => {
      const precisionObservation = (n0 * f) / (1 - f);
      const ratio =
        f >= 1
          ? libere / n0
          : (precisionPrevision + precisionObservation * (libere / (f * n0))) /
            (precisionPrevision + precisionObservation);
      return Math.abs(objectif(ratio * n0) - reel) * partAttendue(f, fenetre);
    };
    let debutDuJour = 0;
    for (let i = 0; i < dansLeFlux.length; i++) {
      const date = dansLeFlux[i].date;
      if (i > 0 && dansLeFlux[i - 1].date !== date) debutDuJour = i;
      if (dansLeFlux[i + 1]?.date === date) continue;
      const f = fractionAttendue(exercice, date);
      if (f <= 0) continue;
      const e = Math.max(ecart(debutDuJour, f), ecart(i + 1, f));
      if (e > borne) [borne, fraction] = [e, Math.round(f * 1000) / 1000];
    }
    return { reference: convention.reference, fraction, borne };
  });
  return resume(conventions);
}

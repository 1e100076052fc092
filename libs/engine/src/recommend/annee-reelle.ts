/**
 * The targets of the real year. The assiette is a prudent forecast, but what a percentage
 * convention is owed is its share of the flux actually let that year (seed 002: « 100 logements se
 * libèrent… le préfet aura la possibilité de positionner des ménages à 30 reprises »). During the
 * year the engine estimates that flux by blending the observed pace with the forecast, each weighed
 * by the inverse of its variance (exact at 31/12), once the observation holds enough flats
 * (OBSERVATION_MIN) to mean something:
 *   libérations ≈ w × observed / fraction + (1 − w) × forecast,
 *   w = min(1, observed / OBSERVATION_MIN) × σ² / (σ² + (1 − f) / observed + (τ × (1 − f))²),
 * σ = `incertitudePrevision` (the forecast's relative error), τ = `incertitudeCalendrier` (the
 * months lived against the seasonal calendar), (1 − f) / observed the binomial error of the pace;
 * planned excluded uses move with the supply (× libérations / forecast, never above the plan the
 * assiette allows) unless the policy marks them firm; the flux to share is what remains. A
 * percentage objective scales by estimated / forecast flux to share; counts (droits uniques) stay
 * as they are; the bailleur's share stays the sink.
 */
import type { Convention, UsageExclu } from '../domain';
import { USAGES_EXCLUS } from '../domain';
import type { EngineState, FluxOriente } from '../orientation';
import { OBSERVATION_MIN } from './contexte';
import type { StateIndex } from './indexes';
import type { Policy } from './policy';

export interface AnneeReelle {
  /** Estimated flux to share this year (after excluded uses). */
  flux: number;
  /** Estimated / forecast flux to share: what each percentage objective is multiplied by. */
  ratio: number;
  /** Excluded uses still to serve this year under the estimate, by usage. */
  exclusionsRestantes: Record<UsageExclu, number>;
  /** Estimated excluded uses planned for the whole year, by usage. */
  exclusionsPrevues: Record<UsageExclu, number>;
}

/** The assiette's plan of one excluded use (at least what is still planned). */
export function exclusionPrevue(state: EngineState, usage: UsageExclu): number {
  const a = state.exercice.assiette;
  const planned =
    usage === 'MUTATION' ? a?.mutations : a?.relogements?.[usage.toLowerCase() as 'npnru' | 'orcod' | 'lhi'];
  return Math.max(planned ?? 0, state.exclusionsRestantes[usage] ?? 0);
}

export function estimerAnnee(state: EngineState, flux: FluxOriente, fraction: number, policy: Policy): AnneeReelle {
  const prevus = {} as Record<UsageExclu, number>;
  let exclusionsPlan = 0;
  let exclusionsServies = 0;
  for (const usage of USAGES_EXCLUS) {
    const plan = exclusionPrevue(state, usage);
    prevus[usage] = plan;
    exclusionsPlan += plan;
    exclusionsServies += plan - (state.exclusionsRestantes[usage] ?? 0);
  }
  const fluxPrevu = state.exercice.fluxARepartir;
  const liberationsPrevues = fluxPrevu + exclusionsPlan;
  const observees = flux.total + exclusionsServies;
  // The observation weighs as the year goes, once it holds enough flats to mean something.
  // Inverse-variance weighting. The forecast's relative error is about `incertitudePrevision`; the
  // observed pace's, the binomial error of a share of the year's flats, (1 − f) / observed, plus the
  // mismatch between the seasonal calendar and the months actually lived, about
  // `incertitudeCalendrier` × (1 − f) (it vanishes at 31/12, where the observation is exact).
  const f = Math.min(1, Math.max(0, fraction));
  const prevision = policy.incertitudePrevision ** 2;
  const calendrier = (policy.incertitudeCalendrier * (1 - f)) ** 2;
  const w =
    observees > 0 && f > 0
      ? (Math.min(1, flux.total / OBSERVATION_MIN) * prevision) / (prevision + (1 - f) / observees + calendrier)
      : 0;
  const liberations = fraction > 0 ? w * (observees / fraction) + (1 - w) * liberationsPrevues : liberationsPrevues;
  const echelle = liberationsPrevues > 0 ? liberations / liberationsPrevues : 1;
  const restantes = {} as Record<UsageExclu, number>;
  let exclusions = 0;
  for (const usage of USAGES_EXCLUS) {
    const plan = prevus[usage];
    const restant = state.exclusionsRestantes[usage] ?? 0;
    const servies = plan - restant;
    // Firm, or a longer year: the plan (the assiette allows no more). A shorter year: the plan shrinks with the supply.
    const prevu = policy.exclusionsFermes ? plan : Math.min(plan, plan * echelle);
    prevus[usage] = Math.max(prevu, servies);
    restantes[usage] = Math.min(restant, Math.max(0, prevu - servies));
    exclusions += prevus[usage];
  }
  const fluxReel = Math.max(flux.total, liberations - exclusions);
  return {
    flux: fluxReel,
    ratio: fluxPrevu > 0 ? fluxReel / fluxPrevu : 1,
    exclusionsRestantes: restantes,
    exclusionsPrevues: prevus,
  };
}

const objectifsTaux = new WeakMap<object, number>();

/** Σ forecast objectives of the percentage conventions (DEFENSE aside), cached per progress record. */
export function objectifsEnPourcentage(state: EngineState, index: StateIndex): number {
  let total = objectifsTaux.get(state.progress);
  if (total === undefined) {
    total = 0;
    for (const meta of index.metas)
      if (meta.kind !== 'DEFENSE' && meta.convention.cible.type === 'TAUX')
        total += state.progress[meta.cle]?.objectif ?? 0;
    objectifsTaux.set(state.progress, total);
  }
  return total;
}

/**
 * A convention's objective in the real year: a share (TAUX) scales with the estimated flux to share
 * (its forecast objective, the exercice's, × estimated / forecast flux: the ratio holds for a
 * convention limited to its commune as for the whole patrimoine); a count stays a count.
 */
export function objectifReel(convention: Convention, objectifPrevu: number, annee: AnneeReelle): number {
  return convention.cible.type === 'TAUX' ? objectifPrevu * annee.ratio : objectifPrevu;
}

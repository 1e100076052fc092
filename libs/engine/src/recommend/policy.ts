/**
 * The tunable weights of the recommendation. Hard rules (eligibility) never depend on them; they
 * only trade soft objectives off against each other. Every term of a score is "weight × a quantity
 * in flats or in shares", documented in libs/engine/README.md.
 */
import { EngineInputError } from '../errors';

export interface CiblesLegales {
  /** Share of each réservataire's attributions to priority households (CCH L.441-1). */
  prioritaires: number;
  /** Share of hors-QPV attributions to first-quartile households. */
  q1HorsQpv: number;
  /** Share of in-QPV attributions to quartiles 2-4. */
  q234Qpv: number;
}

export interface Policy {
  /** Per flat of lag behind the seasonal expected progress (negative lag: ahead). */
  retard: number;
  /** × (remaining need / remaining eligible supply − expected share): pace measured on what can still come. */
  urgence: number;
  /** × remaining need / remaining eligible supply × the share of that supply this flat's commune holds:
   * a convention that only rare flats can serve gets them before they are spent. */
  rarete: number;
  /** Per flat beyond the yearly objective (the flat would put the convention over its target). */
  depassement: number;
  /**
   * Per flat by which a mutation would put a convention that counts the mutations of its territory
   * (`compteMutations`) past its objective: a count cannot go down, so the mutation goes elsewhere.
   * Above `urgence` + `exclusions`: on the year's last days the plan's last flat (a need of at most
   * one flat over a remaining supply of one) pulls up to that much, and must not win over it.
   */
  depassementMutation: number;
  /** Share of pending propositions expected to turn into attributions/leases (décompte ATTRIBUTION, BAIL, MIXTE). */
  conversionAttendue: number;
  /** × (1 − typologie fit with the réservataire's demand): refusal and vacancy risk. */
  adequation: number;
  /** Fit assumed for a réservataire without a demand profile (0..1). */
  adequationParDefaut: number;
  /** Per 30 days of expected wait for candidates (DIRECTE), vacancy cost. */
  vacance: number;
  /** Per engagement (QPV, hors QPV, typologie, financement) the flat helps keep, or puts at risk. */
  engagement: number;
  /** Per flat of the préfet's lag to its rate hors QPV / in the commune / in QPV (floors of the uniform rate). */
  plancherPrefet: number;
  /**
   * Extra push on the préfet from `seuilPlancher` up to the floor's tolerance (reached: the flat must
   * go to the préfet). Above the pace brake (`rythmeStrict` per flat of advance the flat would leave
   * beyond the band): a floor of the flux already let wins over a pace measured on the estimated year.
   */
  pousseePlancher: number;
  /** Lag (in flats, under the floor's tolerance of one) from which the préfet is pushed toward its floors. */
  seuilPlancher: number;
  /** × (share of the réservataire's applicants in the wanted group − legal target): quartiles, prioritaires. */
  mixite: number;
  /** Legal targets used when a convention does not set its own. */
  cibles: CiblesLegales;
  /** Per flat of lag of a planned excluded use (mutations, NPNRU/ORCOD/LHI rehousing) to its seasonal pace. */
  exclusions: number;
  /** Multiplies the bailleur's lag on its non-réservé share (only its lag counts: it is the sink of the flux). */
  partBailleur: number;
  /** Constant added to the bailleur's own share (negative: prefer conventions on ties). */
  biaisBailleur: number;
  /** Per flat of lag of a sub-quota (fonctionnaires) against the rest of its convention. */
  sousQuota: number;
  /**
   * The bailleur holds its planned excluded uses firm: they stay whole in a shorter year (by
   * default they shrink with the supply, see `estimerAnnee`).
   */
  exclusionsFermes: boolean;
  /** Relative error of the forecast flux (0.1: ±10 %), against which the observed pace is weighed (see `estimerAnnee`). */
  incertitudePrevision: number;
  /** Relative mismatch between the seasonal calendar and the months actually lived, early in the year (see `estimerAnnee`). */
  incertitudeCalendrier: number;
  /**
   * Beyond this band (in flats) around the expected progress, a lag or an advance weighs `rythmeStrict`
   * more per flat: the lag before the flat, the advance after it (the advance the flat would leave).
   */
  bandeRythme: number;
  /** Extra weight per flat of lag or advance beyond `bandeRythme` (a steady pace, Tijdeman's bound). */
  rythmeStrict: number;
  /**
   * Per flat by which the préfet's count expected at 31/12 (its commune floors still to come, the
   * flux of each commune projected on the estimated year) would pass its objective if it took a
   * flat above its commune's final floor (0: no such brake).
   */
  reservePlanchers: number;
  /** Targets follow the real year (the flux estimated from the observed pace); false: the forecast's targets all year. */
  anneeReelle: boolean;
}

export const DEFAULT_POLICY: Readonly<Policy> = Object.freeze({
  retard: 1,
  urgence: 40,
  rarete: 2,
  depassement: 3,
  depassementMutation: 50,
  conversionAttendue: 1,
  adequation: 1.5,
  adequationParDefaut: 0.5,
  vacance: 0.3,
  engagement: 1,
  plancherPrefet: 0.5,
  seuilPlancher: 0.6,
  pousseePlancher: 13,
  mixite: 4,
  cibles: Object.freeze({ prioritaires: 0.25, q1HorsQpv: 0.25, q234Qpv: 0.5 }),
  exclusions: 1,
  partBailleur: 0.5,
  biaisBailleur: -1,
  sousQuota: 0.5,
  exclusionsFermes: false,
  anneeReelle: true,
  incertitudePrevision: 0.1,
  incertitudeCalendrier: 0.05,
  bandeRythme: 1,
  rythmeStrict: 5,
  reservePlanchers: 20,
});

const NUMERIC_KEYS = [
  'retard',
  'urgence',
  'rarete',
  'depassement',
  'depassementMutation',
  'conversionAttendue',
  'adequation',
  'adequationParDefaut',
  'vacance',
  'engagement',
  'plancherPrefet',
  'seuilPlancher',
  'pousseePlancher',
  'mixite',
  'exclusions',
  'partBailleur',
  'biaisBailleur',
  'sousQuota',
  'incertitudePrevision',
  'incertitudeCalendrier',
  'bandeRythme',
  'rythmeStrict',
  'reservePlanchers',
] as const;

/** A full policy from partial overrides of DEFAULT_POLICY, checked field by field. */
export function resolvePolicy(
  overrides: Partial<Omit<Policy, 'cibles'>> & { cibles?: Partial<CiblesLegales> } = {},
): Policy {
  const policy: Policy = {
    ...DEFAULT_POLICY,
    ...overrides,
    cibles: { ...DEFAULT_POLICY.cibles, ...(overrides.cibles ?? {}) },
  };
  for (const key of NUMERIC_KEYS) {
    const v = policy[key];
    if (typeof v !== 'number' || !Number.isFinite(v))
      throw new EngineInputError(`policy.${key}`, 'doit être un nombre');
    if (key !== 'biaisBailleur' && v < 0) throw new EngineInputError(`policy.${key}`, 'doit être positif ou nul');
  }
  if (policy.seuilPlancher >= 1)
    throw new EngineInputError('policy.seuilPlancher', 'doit être inférieur à 1 (tolérance du plancher)');
  for (const key of ['conversionAttendue', 'adequationParDefaut'] as const) {
    if (policy[key] > 1) throw new EngineInputError(`policy.${key}`, 'doit être une fraction entre 0 et 1');
  }
  for (const key of ['prioritaires', 'q1HorsQpv', 'q234Qpv'] as const) {
    const v = policy.cibles[key];
    if (typeof v !== 'number' || !(v >= 0 && v <= 1))
      throw new EngineInputError(`policy.cibles.${key}`, 'doit être une fraction entre 0 et 1');
  }
  for (const key of ['exclusionsFermes', 'anneeReelle'] as const) {
    if (typeof policy[key] !== 'boolean') throw new EngineInputError(`policy.${key}`, 'doit être vrai ou faux');
  }
  return policy;
}

/**
 * What every rule of the recommendation reads and writes: the call's context (the flat, the state,
 * the policy, the date and what is derived from them once) and the evaluation a rule adds its
 * score, its reasons and the rules it satisfies or violates to.
 */
import type { Logement } from '../domain';
import type {
  ConventionProgress,
  EngineState,
  FluxOriente,
  Motif,
  OptionOrientation,
  RuleCheck,
  SensMotif,
  UniteMotif,
} from '../orientation';
import type { AnneeReelle } from './annee-reelle';
import type { ConventionMeta, Fenetre, FitIndex, ModeleOffre, Offre } from './indexes';
import type { Policy } from './policy';

/** Scores are rounded to this step (see `finalize`), so that they rank as integers. */
export const PAS_SCORE = 1e4;
/** Score of an ineligible option (finite so that it survives JSON); such options are ranked last. */
export const SCORE_INELIGIBLE = -1_000_000;
/** Below this many oriented flats, observed supply is too thin to extrapolate the year from. */
export const OBSERVATION_MIN = 20;

/** One reason, weighed for the order in which a chargé reads them (the deciding terms first). */
export interface Raison extends Motif {
  poids: number;
}

export interface Evaluation {
  /** False on the first pass: only the score is computed, no text (see DETAIL_MAX). */
  detail: boolean;
  /** Lag to the expected progress at the date, in flats (set by the pace rule). */
  retard: number;
  score: number;
  raisons: Raison[];
  satisfies: RuleCheck[];
  violates: RuleCheck[];
}

export interface Contexte {
  logement: Logement;
  state: EngineState;
  policy: Policy;
  date: string;
  /** Expected share of the year's flux reached at this date. */
  fraction: number;
  flux: FluxOriente;
  modele: ModeleOffre | null;
  /** EPCI → communes learnt from the flats oriented so far (forecasts may lack the EPCI). */
  communesParEpci: () => Map<string, Set<string>> | undefined;
  /** Typologie fit of the flat, per demand index (profiles often share their demand lines). */
  fits: Map<FitIndex, number | null>;
  /** Supply of the flat's commune over the year under the model (0 without a model). */
  offreCommune: number;
  /** The real year as estimated at this date (null: the forecast's targets, see `Policy.anneeReelle`). */
  annee: AnneeReelle | null;
  /** The préfet's floors lagging past their tolerance: the soft rule every other option breaks (`planchersLaisses`). */
  planchersEnRetard: Array<{ conventionId: string; regle: RuleCheck }>;
}

/** One convention under evaluation: what the soft rules read, and what they leave for the next ones. */
export interface Cible {
  meta: ConventionMeta;
  progress: ConventionProgress;
  /** Its objective this year: the real year's (see `objectifReel`) or the forecast's. */
  objectif: number;
  /** The count used to pace it (see `compteProjete`). */
  compte: number;
  /** Its territory's supply under the model (null without a model). */
  offre: Offre | null;
  fenetre: Fenetre;
  /** The only convention that may take the flat. */
  seul: boolean;
  /** Left by the pace rule: flats still due, and flats still expected in its territory. */
  besoin: number;
  resteOffre: number;
  /** Left by the préfet's floor rule: the flat must go to this convention. */
  obligatoire: boolean;
}

/** A soft rule on a convention: adds its term to the score and, on the detailed pass, its reasons. */
export interface RegleDouce {
  readonly code: string;
  evaluate(ctx: Contexte, cible: Cible, ev: Evaluation): void;
}

/** A hard rule: the rule check that forbids the convention for this flat, or null. */
export interface RegleDure<A> {
  readonly code: string;
  refuse(meta: ConventionMeta, arg: A): RuleCheck | null;
}

export const rule = (code: string, hard: boolean, libelle: string): RuleCheck => ({ code, hard, libelle });

/** Shared by the evaluations and options of the first pass, which write no text (never mutated). */
export const AUCUNE_REGLE: RuleCheck[] = Object.freeze([]) as unknown as RuleCheck[];
const AUCUNE_RAISON: Raison[] = Object.freeze([]) as unknown as Raison[];

/** A blank evaluation: with `detail`, it collects reasons and rules; without, only the score and the lag. */
export function evaluation(detail: boolean, score = 0): Evaluation {
  return detail
    ? { detail, retard: 0, score, raisons: [], satisfies: [], violates: [] }
    : { detail, retard: 0, score, raisons: AUCUNE_RAISON, satisfies: AUCUNE_REGLE, violates: AUCUNE_REGLE };
}

/** Adds a reason on the detailed pass (a no-op on the first pass, which writes no text). */
export function motif(
  ev: Evaluation,
  terme: string,
  sens: SensMotif,
  poids: number,
  texte: string,
  valeur?: number,
  unite?: UniteMotif,
): void {
  if (!ev.detail) return;
  const r: Raison = { poids, sens, texte, terme };
  if (valeur !== undefined) {
    r.valeur = Math.round(valeur * 1000) / 1000;
    r.unite = unite;
  }
  ev.raisons.push(r);
}

/** The reason of a hard rule that forbids an option. */
export const motifRegle = (r: RuleCheck): Motif => ({ sens: 'contre', texte: r.libelle, terme: r.code });

const motifsRegles = new WeakMap<RuleCheck, Motif[]>();

/** [motifRegle(r)], shared (frozen) by the options a rule object forbids: no allocation per option. */
function motifsRegle(r: RuleCheck): Motif[] {
  let motifs = motifsRegles.get(r);
  if (!motifs) motifsRegles.set(r, (motifs = Object.freeze([Object.freeze(motifRegle(r))]) as unknown as Motif[]));
  return motifs;
}

const PLANCHER_EXIGE = rule(
  'PREFET_PLANCHER',
  true,
  'Le plancher du préfet (taux uniforme, hors QPV) exige ce logement',
);
/** The lists an option taken by the préfet's floor gets, by the shared list they prefix. */
const exigees = {
  violates: new WeakMap<readonly RuleCheck[], RuleCheck[]>(),
  raisons: new WeakMap<readonly string[], string[]>(),
  motifs: new WeakMap<readonly Motif[], Motif[]>(),
};

/**
 * [first, ...list], shared (frozen) when `list` is: the first pass's options share their lists.
 * Looked up first, so that a shared list costs one lookup.
 */
function devant<T>(first: T, list: readonly T[], partagees: WeakMap<readonly T[], T[]>): T[] {
  let out = partagees.get(list);
  if (out) return out;
  out = [first, ...list];
  if (Object.isFrozen(list)) partagees.set(list, Object.freeze(out) as T[]);
  return out;
}

/**
 * An eligible option of this call (its own object) the préfet's floor takes the flat from, made
 * ineligible in place, the floor's rule first.
 */
export function exigeParLePrefet(o: OptionOrientation): OptionOrientation {
  o.score = SCORE_INELIGIBLE;
  o.eligible = false;
  o.violates = devant(PLANCHER_EXIGE, o.violates, exigees.violates);
  o.raisons = devant(PLANCHER_EXIGE.libelle, o.raisons, exigees.raisons);
  o.motifs = devant(motifsRegle(PLANCHER_EXIGE)[0], o.motifs ?? [], exigees.motifs);
  return o;
}

export function ineligible(
  destination: OptionOrientation['destination'],
  raison: RuleCheck,
  libelle: string,
): OptionOrientation {
  return {
    destination,
    libelle,
    score: SCORE_INELIGIBLE,
    eligible: false,
    satisfies: [],
    violates: [raison],
    raisons: [raison.libelle],
    motifs: motifsRegle(raison),
  };
}

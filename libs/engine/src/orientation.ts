/**
 * The contract of the orientation decision: what a recommendation looks like, the state it is
 * computed from, and the strategy interface shared by the engine and the baselines.
 * Additive changes only (new optional fields): the simulator, the persistence mappers and the
 * API are written against these shapes.
 */
import type {
  Convention,
  Financement,
  Exercice,
  Logement,
  ProfilDemande,
  Reservataire,
  Typologie,
  UsageExclu,
} from './domain';
import type { Quartile } from './calculs/quartiles';
import type { VersionsConventions } from './versions';

/** One thing a freed flat can be oriented to. */
export type Destination =
  | { kind: 'CONVENTION'; conventionId: string; sousQuota?: string }
  | { kind: 'EXCLU'; usage: UsageExclu }
  | { kind: 'BAILLEUR' };

/** A rule a candidate option satisfies or violates. `hard` rules are never broken by the engine. */
export interface RuleCheck {
  code: string;
  hard: boolean;
  /** French, one line, readable in two seconds. */
  libelle: string;
}

/** The sign of a reason: it speaks for the option or against it. */
export type SensMotif = 'pour' | 'contre';
/** The unit of a reason's figure. */
export type UniteMotif = 'logement' | 'pourcent' | 'jour';

/**
 * One reason as data, for the console and Slack: its sign, its figure and unit, the term of the
 * score it comes from; `texte` is the French sentence of `raisons` (same order: deciding terms first).
 */
export interface Motif {
  sens: SensMotif;
  texte: string;
  /** The rule it comes from (RYTHME, ANNEE_REELLE, RARETE, PREFET, ENGAGEMENTS, ADEQUATION, VACANCE, MIXITE, SOUS_QUOTA, EXCLUSION, MUTATION_COMPTEE, BAILLEUR, or a hard rule's code). */
  terme: string;
  /** Its figure (flats, a share as a fraction 0–1, days), when it has one. */
  valeur?: number;
  unite?: UniteMotif;
}

export interface OptionOrientation {
  destination: Destination;
  /** Who the option is, in words: « ALS Habitat — convention CONV-96-ALS-2026 », « Part non réservée du bailleur » (additive field). */
  libelle?: string;
  /** Higher is better; only comparable within one recommendation. */
  score: number;
  /** False when a hard rule forbids it (kept in the list, ranked last, so the chargé sees why). */
  eligible: boolean;
  satisfies: RuleCheck[];
  violates: RuleCheck[];
  /** Reasons in French, most important first ("Retard de 4,2 logements sur l'objectif à date"). */
  raisons: string[];
  /** The same reasons as data (sign, figure, unit), in the same order (additive field). */
  motifs?: Motif[];
}

export interface Recommendation {
  logementId: string;
  date: string;
  /** Ranked best first; the first eligible option is the recommendation. */
  options: OptionOrientation[];
  /**
   * Why the runner-up came second, in one line naming both (additive field): « ALS Habitat –
   * convention CONV-2 vient en second : retard de 1 logement sur l'objectif à date, contre 4,2
   * logements pour Préfet — convention CONV-1 ». Absent with fewer than two eligible options.
   */
  second?: string;
}

/** What a convention has received so far this year (counters are whole flats). */
export interface ConventionProgress {
  conventionId: string;
  /** Flats due this year, including the carried-in deficit. */
  objectif: number;
  propositions: number;
  attributions: number;
  baux: number;
  /** DIRECTE flats proposed and still waiting for candidates. */
  enAttente: number;
  /** Flats returned to the bailleur after an expired délai. */
  retours: number;
  /** Mutations counted for a convention that opted in (`compteMutations`; additive field). */
  mutations?: number;
  /** Candidate refusals so far (additive field, maintained by `applyRefus`). */
  refus?: number;
  qpv: number;
  horsQpv: number;
  parCommune: Record<string, number>;
  parTypologie: Partial<Record<Typologie, number>>;
  parSousQuota: Record<string, number>;
  /** Flats counted by financement (additive field, maintained by the engine's transitions). */
  parFinancement?: Partial<Record<Financement, number>>;
  attributionsQpv: number;
  attributionsQpvQ234: number;
  attributionsHorsQpv: number;
  attributionsHorsQpvQ1: number;
  attributionsPrioritaires: number;
  /**
   * What counts toward the objective so far, each step weighed under the terms its vacancy was
   * proposed under (set for a versioned convention only: `realise` then returns it).
   */
  compte?: number;
}

/** Everything the engine needs to recommend, kept up to date by the caller (no I/O inside). */
export interface EngineState {
  exercice: Exercice;
  conventions: Convention[];
  reservataires: Reservataire[];
  profils: ProfilDemande[];
  progress: Record<string, ConventionProgress>;
  /** Excluded uses still planned this year (mutations, NPNRU, ORCOD, LHI), in flats. */
  exclusionsRestantes: Partial<Record<UsageExclu, number>>;
  /** Flats kept by the bailleur (non réservé) so far. */
  bailleurPropositions: number;
  /** Forecast libérations for the whole year by commune × qpv × typologie (scarcity lookahead). */
  offrePrevue?: Array<{
    commune: string;
    qpv: boolean;
    typologie: Typologie;
    nombre: number;
    /** EPCI of the commune (additive, optional). */ epci?: string | null;
  }>;
  /** In-flux flats oriented so far this year (conventions and bailleur, not excluded uses, not
   * DEFENSE stock or hors-assiette flats): the base of the préfet's floors and the observed supply.
   * Additive field, maintained by the engine's transitions. */
  fluxOriente?: FluxOriente;
  /** The former terms of versioned conventions (see `versions.ts`): each vacancy counts under the terms of its date. */
  versions?: VersionsConventions;
}

/** Counts of the in-flux flats oriented so far (see `EngineState.fluxOriente`). */
export interface FluxOriente {
  total: number;
  qpv: number;
  horsQpv: number;
  parCommune: Record<string, number>;
  /** By `commune|epci|Q or H|typologie` (Q: in QPV, H: hors QPV). */
  parCellule: Record<string, number>;
}

/** A candidate presented for a flat, as the CAL reads it for the legal targets. */
export interface CandidatCal {
  quartile: Quartile;
  prioritaire: boolean;
}

/** An orientation strategy: the engine, or a baseline the engine is measured against. */
export interface Strategy {
  readonly name: string;
  choose(logement: Logement, state: EngineState, date: string): Destination;
  /**
   * The order in which the CAL ranks the candidates a réservataire presents (their indices in its
   * order): the first is attributed the flat, the next if it refuses. Without it the CAL follows the
   * réservataire's order.
   */
  classer?(candidats: readonly CandidatCal[], logement: Logement, convention: Convention, state: EngineState): number[];
}

/** One cell of a supply forecast: the libérations expected of one commune × QPV × typologie. */
export type CelluleOffre = NonNullable<EngineState['offrePrevue']>[number];

/** Adds `nombre` expected libérations of flats like `logement` to its cell of a forecast being summed up. */
export function ajouterOffre(cells: Map<string, CelluleOffre>, logement: Logement, nombre: number): void {
  const key = `${logement.commune}|${logement.qpv}|${logement.typologie}`;
  const cell = cells.get(key) ?? {
    commune: logement.commune,
    epci: logement.epci ?? null,
    qpv: logement.qpv,
    typologie: logement.typologie,
    nombre: 0,
  };
  cell.nombre += nombre;
  cells.set(key, cell);
}

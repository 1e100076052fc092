/**
 * A scenario: a département's year, as a single JSON document (bailleurs and their patrimoine,
 * réservataires, conventions, demand profiles, one exercice per bailleur, libérations, behaviour
 * parameters, seed). Each bailleur's flats are oriented on its own exercice and conventions.
 * Its JSON Schema is `scenario.schema.ts` (published as docs/scenario.schema.json).
 */
import type { DonneesDepartement, Typologie } from '@aiguillage/engine';

export const SCENARIO_VERSION = 1;

/** Candidates designated by the bailleur itself (its own share, returns, delegated designations). */
export interface ProfilBailleur {
  quartiles: [number, number, number, number];
  prioritaires: number;
  tauxRefus: number;
}

/**
 * How households and réservataires behave. Every field has a default (`DEFAULT_COMPORTEMENT`);
 * durations are in days, probabilities are fractions.
 */
export interface Comportement {
  /** Days for the bailleur to designate a candidate (its own share, DELEGUEE, after a return): [min, max]. */
  delaiDesignationJours: [number, number];
  /** Days each candidate takes (CAL review and the household's answer): [min, max]. */
  joursParCandidat: [number, number];
  /** Days from the CAL attribution to the signed lease: [min, max]. */
  joursBail: [number, number];
  /** Probability that the CAL refuses a candidate. */
  tauxRefusCal: number;
  /** Extra candidate refusal probability when the typologie fits the réservataire's demand worst (fit 0). */
  refusInadequation: number;
  /** Under DIRECTE, probability of bringing no candidate at all when the typologie fits worst (fit 0). */
  absenceCandidatInadequation: number;
  /** Under DIRECTE, how much a bad fit lengthens the time to bring candidates (mean × (1 + this × (1 − fit))). */
  retardInadequation: number;
  /** Typologie fit assumed for a réservataire without a demand profile (0..1). */
  adequationParDefaut: number;
  bailleur: ProfilBailleur;
}

export const DEFAULT_COMPORTEMENT: Comportement = {
  delaiDesignationJours: [3, 10],
  joursParCandidat: [7, 15],
  joursBail: [7, 21],
  tauxRefusCal: 0.08,
  refusInadequation: 0.55,
  absenceCandidatInadequation: 0.5,
  retardInadequation: 1,
  adequationParDefaut: 0.5,
  bailleur: { quartiles: [0.3, 0.3, 0.2, 0.2], prioritaires: 0.3, tauxRefus: 0.15 },
};

export interface OffrePrevue {
  bailleurId: string;
  commune: string;
  qpv: boolean;
  typologie: Typologie;
  nombre: number;
  epci?: string | null;
}

/** The département's data (its `exercices`: one per bailleur, all of the same year), and how to play it. */
export interface Scenario extends DonneesDepartement {
  version: typeof SCENARIO_VERSION;
  nom: string;
  /** Seed of every behaviour draw (same seed → same result). */
  seed: number;
  /**
   * The bailleurs' forecast of the year's libérations by commune × QPV × typologie (what the engine
   * may look ahead on). Without it, the simulator derives one from the patrimoine and turnover rates.
   */
  offresPrevues?: OffrePrevue[];
  /** Orient new programmes' first lettings (NEUF) like the flux (default: left out, agreed "pour un tour"). */
  neufDansLeFlux?: boolean;
  /** Partial overrides of `DEFAULT_COMPORTEMENT`. */
  comportement?: Partial<Omit<Comportement, 'bailleur'>> & { bailleur?: Partial<ProfilBailleur> };
}

export function comportementOf(scenario: Scenario): Comportement {
  const c = scenario.comportement ?? {};
  return { ...DEFAULT_COMPORTEMENT, ...c, bailleur: { ...DEFAULT_COMPORTEMENT.bailleur, ...(c.bailleur ?? {}) } };
}

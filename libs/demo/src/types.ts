import type { DonneesDepartement, Programme, SeuilQuartile } from '@aiguillage/engine';

export interface GenerateOptions {
  /** Seed of the pseudo-random generator (any finite number; default 1). */
  seed?: number;
  /** Size relative to the full département (~62 000 flats): 0.05 for fast tests. In (0, 4]. */
  scale?: number;
  /** Year of the exercice and of the libérations (default 2026). */
  annee?: number;
  /**
   * Forecast prudence: each bailleur forecasts its year's libérations (the exercice's turnover, the
   * supply by cell) as this factor × their expectation. 1 (default) forecasts the expectation; 0.9, a
   * prudent forecast 10 % short of what the year brings (the libérations do not change). In [0.5, 1.5].
   */
  prudence?: number;
}

export interface Qpv {
  /** QPV code, format QN0ddnnn (2024 list format), e.g. QN096001. */
  code: string;
  nom: string;
  /** INSEE code of its commune. */
  commune: string;
}

/** Parameters the generator used, so consumers can reproduce its forecasts (e.g. the supply lookahead). */
export interface DemoParametres {
  seed: number;
  scale: number;
  /** Target yearly turnover of the stock. */
  tauxRotationCible: number;
  /** Calibrated base of the per-flat turnover probability (see `probabiliteRotation`). */
  rotationBase: number;
  /** Monthly share of libérations used to date them (12 fractions summing to 1). */
  saisonnalite: number[];
  /** The forecast's prudence (`GenerateOptions.prudence`). */
  prudence: number;
}

/** How each convention's objective was obtained (traceability for the bilan and the tests). */
export interface DetailObjectif {
  conventionId: string;
  bailleurId: string;
  /** Flux to share of the convention's territory (the bailleur's whole flux for a département-wide convention). */
  fluxTerritoire: number;
  /** Share of the year the convention is valid (validity days / days in the year). */
  prorata: number;
  objectif: number;
}

/** The generated département: the engine's data (its `liberations` sorted by date, then RPLS id), and more. */
export interface DemoDepartement extends DonneesDepartement {
  departement: { code: string; nom: string };
  annee: number;
  qpvs: Qpv[];
  programmes: Programme[];
  /** The year's income quartile thresholds of its EPCIs (CCH L.441-1), in cents per consumption unit. */
  seuilsQuartiles: SeuilQuartile[];
  detailObjectifs: DetailObjectif[];
  parametres: DemoParametres;
}

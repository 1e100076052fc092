/**
 * The annual bilan as plain data: what it is computed from (one line per libération of the year,
 * with its decision, override, proposition, CAL and lease) and what it shows. No I/O here: the
 * persistence layer fills `BilanInput`, `calculerBilan` turns it into a `Bilan`, the exports render it.
 */
import type { Convention, Exercice, Reservataire, UsageExclu, VersionsConventions } from '@aiguillage/engine';
import type { DerogationBilan, LigneBilan } from '@aiguillage/persistence/bilan/ligne-bilan';

/** The lines are read by the persistence layer, which owns their type. */
export type { DerogationBilan, LigneBilan, LogementBilan } from '@aiguillage/persistence/bilan/ligne-bilan';

/** A construction period of the breakdown (bounds included; open bounds allowed). */
export interface PeriodeConstruction {
  libelle: string;
  debut: number | null;
  fin: number | null;
}

export interface BilanInput {
  bailleur: { id: string; nom: string };
  departement: string;
  annee: number;
  /** The year's exercice (the forecast assiette and objectives), null when none was defined. */
  exercice: Exercice | null;
  /** Conventions in force during the year. */
  conventions: Convention[];
  reservataires: Reservataire[];
  /** INSEE code → commune name; SIREN → EPCI name. */
  communes: Record<string, string>;
  epcis: Record<string, string>;
  periodes: PeriodeConstruction[];
  lignes: LigneBilan[];
  /**
   * Former terms of versioned conventions (issue 9, finding 11): each vacancy counts under the terms
   * in force on its libération date, and the objective sums each version's share (engine's `versions.ts`).
   */
  versions?: VersionsConventions;
  /**
   * The forecast objectives as the live flow sets them (the engine's `objectifsAnnuels` with the
   * territory's share of the supply model and the versions), by convention id.
   */
  objectifsPrevus?: Record<string, number>;
  /** The bailleur's cover text for the PDF (a default letter when absent). */
  texteCouverture?: string | null;
}

/** Proposed and attributed flats for one value of a breakdown. */
export interface Cellule {
  proposes: number;
  attribues: number;
}

export const DIMENSIONS = ['typologie', 'financement', 'qpv', 'commune', 'periode'] as const;
export type Dimension = (typeof DIMENSIONS)[number];
export type Repartitions = Record<Dimension, Record<string, Cellule>>;

export interface Compteurs {
  proposes: number;
  attribues: number;
  baux: number;
  /** Flats returned to the bailleur after an expired délai, of which still counted by the convention. */
  retours: number;
  retoursComptes: number;
  refus: number;
  derogations: number;
  attribuesPrioritaires: number;
  attribuesHorsQpv: number;
  attribuesHorsQpvQ1: number;
  attribuesQpv: number;
  attribuesQpvQ234: number;
  /** Days from libération to lease, summed over the flats let, and their number. */
  joursVacance: number;
  logementsLoues: number;
}

export interface ObjectifLegal {
  code: 'PRIORITAIRES' | 'Q1_HORS_QPV' | 'Q234_QPV';
  libelle: string;
  /** Minimum share required. */
  seuil: number;
  numerateur: number;
  denominateur: number;
  /** numerateur / denominateur, null when nothing to measure. */
  part: number | null;
  atteint: boolean | null;
}

/** What the corrective action makes of the year's gap. */
export interface IssueActionCorrective {
  action: Convention['actionCorrective'];
  /** Flats owed at year end (negative: surplus). */
  ecart: number;
  /** Deficit to carry into next year's convention (`deficitReporte` of N+1). */
  deficitReporte: number;
  /** Part of it due next year. */
  dueAnneeSuivante: number;
  /** Flats to repay (REMBOURSEMENT): an amount owed, no flats. */
  aRembourser: number;
  explication: string;
}

export interface ObjectifBilan {
  /** The forecast-based objective (the exercice's). */
  prevision: number;
  /** The objective on the flux actually to share on the convention's territory (rate × real flux; a count stays a count). */
  reel: number;
  fluxReelTerritoire: number;
  /** Part of the carried-in deficit due this year (in both objectives). */
  reportEntrant: number;
  /** What counted under the convention's décompte. */
  decompte: number;
  ecart: number;
  issue: IssueActionCorrective;
}

export interface EngagementMesure {
  code: string;
  libelle: string;
  min: number | null;
  max: number | null;
  part: number | null;
  respecte: boolean | null;
}

export interface BilanConvention {
  conventionId: string;
  reference: string;
  reservataireId: string;
  reservataireNom: string;
  cible: string;
  decompteMode: Convention['decompte']['mode'];
  compteurs: Compteurs;
  repartitions: Repartitions;
  objectif: ObjectifBilan;
  legaux: ObjectifLegal[];
  engagements: EngagementMesure[];
}

export interface BilanPerimetre {
  id: string;
  nom: string;
  compteurs: Compteurs;
  repartitions: Repartitions;
  legaux: ObjectifLegal[];
}

export interface PartPrefet {
  conventionId: string;
  taux: number;
  horsQpv: { proposes: number; flux: number; part: number | null; respecte: boolean | null };
  communes: Array<{
    commune: string;
    nom: string;
    proposes: number;
    flux: number;
    part: number | null;
    respecte: boolean | null;
  }>;
}

export interface ExclusionBilan {
  usage: UsageExclu;
  libelle: string;
  prevu: number | null;
  realise: number;
  ecart: number | null;
}

export interface FluxBilan {
  liberes: number;
  premieresLocations: number;
  horsAssiette: { defense: number; vente: number; demolition: number };
  dansLeFlux: number;
  exclus: number;
  /** Flats freed in the flux minus the excluded uses actually made. */
  fluxReelARepartir: number;
  /** The forecast (exercice): flux to share and exclusions planned. */
  fluxPrevu: number | null;
  nonReserve: number;
  nonDecides: number;
}

export interface DerogationRegistre extends DerogationBilan {
  liberationId: string;
  rplsId: string;
  commune: string;
  date: string;
  destination: string;
}

export interface Bilan {
  annee: number;
  departement: string;
  /** Its name: not part of the snapshot, read from the référentiel when the snapshot is (`BilanService.contenu`). */
  departementNom?: string;
  bailleur: { id: string; nom: string };
  periodes: PeriodeConstruction[];
  flux: FluxBilan;
  exclusions: ExclusionBilan[];
  conventions: BilanConvention[];
  reservataires: BilanPerimetre[];
  consolide: BilanPerimetre;
  epcis: BilanPerimetre[];
  prefet: PartPrefet[];
  derogations: DerogationRegistre[];
}

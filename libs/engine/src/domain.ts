/**
 * The domain of gestion en flux, as plain data. This file is the contract shared by the engine,
 * the demo generator, the persistence mappers and the API: no framework, ORM, clock or env here.
 *
 * Conventions used throughout:
 * - dates are ISO calendar days `YYYY-MM-DD` (strings, UTC, no time part);
 * - rates/shares are fractions (0.25 for 25 %), stored as exact decimals in PostgreSQL;
 * - counts of flats are integers; money is in euro cents (integers).
 */

export const TYPOLOGIES = ['T1', 'T2', 'T3', 'T4', 'T5', 'T6'] as const;
/** T6 stands for "T6 et plus". */
export type Typologie = (typeof TYPOLOGIES)[number];

export const FINANCEMENTS = ['PLAI', 'PLUS', 'PLS', 'PLI', 'AUTRE'] as const;
export type Financement = (typeof FINANCEMENTS)[number];

export const RESERVATAIRE_KINDS = [
  'ETAT',
  'ALS',
  'COMMUNE',
  'EPCI',
  'DEPARTEMENT',
  'REGION',
  'EMPLOYEUR',
  'ORGANISME',
  'DEFENSE',
] as const;
export type ReservataireKind = (typeof RESERVATAIRE_KINDS)[number];

/** What counts toward a convention's target. MIXTE weighs the three steps (weights sum to 1). */
export const DECOMPTE_MODES = ['PROPOSITION', 'ATTRIBUTION', 'BAIL', 'MIXTE'] as const;
export type DecompteMode = (typeof DECOMPTE_MODES)[number];

/** DIRECTE: the réservataire brings candidates within `delaiJours`; DELEGUEE: the bailleur designates
 * from the réservataire's pool at once; PARTIELLE: a share `partDeleguee` of flats is delegated. */
export const DELEGATION_MODES = ['DIRECTE', 'DELEGUEE', 'PARTIELLE'] as const;
export type DelegationMode = (typeof DELEGATION_MODES)[number];

/** What happens to a year-end deficit: carried to next year, spread over several years, repaid. */
export const ACTIONS_CORRECTIVES = ['REPORT', 'ETALEMENT', 'REMBOURSEMENT'] as const;
export type ActionCorrective = (typeof ACTIONS_CORRECTIVES)[number];

/** Why a collectivité holds rights (loan guarantees are capped at 20 % of the flux on its territory). */
export const CONTREPARTIES = ['GARANTIE_EMPRUNT', 'FONCIER', 'FINANCEMENT', 'AUTRE'] as const;
export type Contrepartie = (typeof CONTREPARTIES)[number];

export const MOTIFS_LIBERATION = [
  'CONGE',
  'MUTATION_SORTANTE',
  'DECES',
  'EXPULSION',
  'PREMIERE_MISE_EN_LOCATION',
  'AUTRE',
] as const;
export type MotifLiberation = (typeof MOTIFS_LIBERATION)[number];

/** ROTATION: turnover of an existing flat; NEUF: first letting of a new programme ("pour un tour"). */
export const LIBERATION_KINDS = ['ROTATION', 'NEUF'] as const;
export type LiberationKind = (typeof LIBERATION_KINDS)[number];

/** Uses of a freed flat that are outside the flux (the assiette exclusions). */
export const USAGES_EXCLUS = ['MUTATION', 'NPNRU', 'ORCOD', 'LHI'] as const;
export type UsageExclu = (typeof USAGES_EXCLUS)[number];

/** Where a réservataire's (or a convention's) rights apply. Empty lists mean "the whole département". */
export interface Territoire {
  departement: string;
  /** INSEE codes of communes. */
  communes?: string[];
  /** SIREN codes of EPCIs. */
  epcis?: string[];
}

export interface Commune {
  insee: string;
  nom: string;
  epci: string;
  departement: string;
  /** Tension of the local market, 0 (détendu) .. 1 (très tendu): lowers turnover, raises demand. */
  tension?: number;
}

export interface Epci {
  siren: string;
  nom: string;
  departement: string;
}

export interface Bailleur {
  id: string;
  nom: string;
  /** SIREN of the organisme HLM. */
  siren: string;
}

export interface Programme {
  id: string;
  bailleurId: string;
  nom: string;
  commune: string;
  /** Year of first letting (new programmes are let "pour un tour" before joining the flux). */
  anneeLivraison?: number;
}

export interface Logement {
  id: string;
  /** Identifier in the national RPLS inventory (unique per flat). */
  rplsId: string;
  bailleurId: string;
  programmeId?: string | null;
  /** INSEE code of the commune. */
  commune: string;
  epci?: string | null;
  departement: string;
  qpv: boolean;
  qpvCode?: string | null;
  typologie: Typologie;
  financement: Financement;
  /** Raw RPLS FINAN code when it carries more than `financement` (e.g. 17 PCL, 50–55, 99). */
  financementCode?: string | null;
  anneeConstruction?: number | null;
  etage?: number | null;
  ascenseur?: boolean | null;
  pmr?: boolean | null;
  surfaceM2?: number | null;
  /** Monthly rent excluding charges, in euro cents. */
  loyerCentimes?: number | null;
  /** Identified flat of the DEFENSE stock (still managed en stock). */
  stockDefense?: boolean;
  /** Sale plan or demolition: out of the assiette. */
  horsAssiette?: 'VENTE' | 'DEMOLITION' | null;
  /** Réservataire that held the flat under the old stock system (from the bailleur's own files). */
  ancienReservataireId?: string | null;
}

export interface Reservataire {
  id: string;
  code: string;
  nom: string;
  kind: ReservataireKind;
  territoire: Territoire;
}

/** A convention's target: a share of the annual flux, or a pool of droits uniques spread over years. */
export type Cible = { type: 'TAUX'; taux: number } | { type: 'DROITS_UNIQUES'; nombre: number; annees: number };

/** Weights of each step under MIXTE décompte (sum 1). */
export interface PoidsDecompte {
  proposition: number;
  attribution: number;
  bail: number;
}

export interface Decompte {
  mode: DecompteMode;
  poids?: PoidsDecompte;
}

export interface Delegation {
  mode: DelegationMode;
  /** Days the réservataire has to bring candidates under DIRECTE (typically 30). */
  delaiJours: number;
  /** Max candidates per flat (typically 3). */
  candidatsMax: number;
  /** Under PARTIELLE, the share of flats the bailleur designates itself. */
  partDeleguee?: number;
  /** When a DIRECTE délai expires without candidates, does the flat still count for the convention? */
  retourCompte: boolean;
}

export interface BornesTaux {
  min?: number;
  max?: number;
}

/** Qualitative commitments of a convention (all optional, all fractions). */
export interface Engagements {
  /** Share of the convention's flats located in QPV. */
  qpv?: BornesTaux;
  /** Share of the convention's flats located hors QPV (the préfet's floor is expressed here). */
  horsQpv?: BornesTaux;
  typologies?: Partial<Record<Typologie, BornesTaux>>;
  financements?: Partial<Record<Financement, BornesTaux>>;
  /** Share of hors-QPV attributions to first-quartile applicants (CCH L.441-1: 25 %). */
  q1HorsQpvMin?: number;
  /** Share of in-QPV attributions to quartiles 2-4 (CCH: 50 %). */
  q234QpvMin?: number;
  /** Share of attributions to priority households (CCH L.441-1: 25 %). */
  prioritairesMin?: number;
  /** The préfet's rate applies uniformly in every commune unless the convention says otherwise. */
  tauxUniformeParCommune?: boolean;
}

/** A sub-quota inside a convention's share, e.g. the préfet's fonctionnaires (≤ 5 points of 30). */
export interface SousQuota {
  code: string;
  libelle: string;
  taux: number;
}

export interface Convention {
  id: string;
  bailleurId: string;
  reservataireId: string;
  departement: string;
  /** Optional infra-departmental territorialisation (never down to a programme). */
  territoire?: Territoire | null;
  reference: string;
  cible: Cible;
  decompte: Decompte;
  delegation: Delegation;
  engagements: Engagements;
  sousQuotas: SousQuota[];
  contrepartie: Contrepartie;
  actionCorrective: ActionCorrective;
  /** Years over which a deficit is spread under ETALEMENT. */
  etalementAnnees?: number | null;
  /** Flats owed from previous years (negative: surplus carried in). */
  deficitReporte: number;
  /**
   * First exercice the carried deficit is due in (year N+1 of the year N it comes from). Under
   * REPORT it is due that year only; under ETALEMENT over `etalementAnnees` years from it. Absent:
   * the year of `dateDebut` (a deficit typed on a convention is carried into its first year).
   */
  deficitAnnee?: number | null;
  /** Mutations counted toward the target (opt-in). */
  compteMutations: boolean;
  /**
   * First lettings of new programmes (NEUF) are outside the flux; they count for the convention only
   * when it says so (programme-by-programme agreement "pour un tour").
   */
  comptePremieresLocations?: boolean;
  /**
   * Why the convention departs from the one-convention-per-territory rule: a commune holding rights
   * outside its own territory, a second convention for a documented infra-departmental
   * territorialisation. Absent: the default rules apply.
   */
  motifTerritoire?: string | null;
  dateDebut: string;
  dateFin?: string | null;
}

/** The inputs of the assiette for one bailleur × département × year. */
export interface AssietteInput {
  logements: number;
  stockDefense: number;
  plansVente: number;
  demolitions: number;
  /** Forecast turnover rate (fraction, e.g. 0.09). */
  tauxRotation: number;
  mutations: number;
  relogements: { npnru: number; orcod: number; lhi: number };
}

export interface Assiette {
  patrimoineFlux: number;
  fluxBrut: number;
  fluxARepartir: number;
}

export interface ObjectifConvention {
  conventionId: string;
  /** Flats due this year, including the carried-in deficit. */
  objectif: number;
  /** Why a typed objective differs from the computed one (required then, issue 9 finding 4). */
  motif?: string;
}

export interface Exercice {
  id: string;
  bailleurId: string;
  departement: string;
  annee: number;
  assiette: AssietteInput;
  fluxARepartir: number;
  /** Why a typed `fluxARepartir` differs from the assiette's (required then, issue 9 finding 4). */
  fluxARepartirMotif?: string;
  /** Forecast share of the year's libérations per month (12 fractions summing to 1). */
  saisonnalite: number[];
  objectifs: ObjectifConvention[];
}

export interface DemandeLigne {
  /** INSEE code, or null for the réservataire's whole territory. */
  commune: string | null;
  typologie: Typologie;
  /** Active applicants. */
  demandeurs: number;
}

export interface ProfilDemande {
  reservataireId: string;
  annee: number;
  demandes: DemandeLigne[];
  /** Income quartile mix of applicants (q1..q4, sum 1). */
  quartiles: [number, number, number, number];
  /** Share of priority households (DALO or L.441-1). */
  prioritaires: number;
  /** Typical days to bring candidates under DIRECTE. */
  delaiMoyenJours: number;
  /** Base refusal rate of proposed flats by candidates. */
  tauxRefus: number;
}

export interface Liberation {
  id: string;
  logementId: string;
  date: string;
  motif: MotifLiberation;
  kind: LiberationKind;
}

/**
 * A département's year as the engine reads it: the bailleurs and their flats, the réservataires and
 * their conventions and demand, one exercice per bailleur, the libérations. Shared by the demo's
 * generated département and the simulator's scenario.
 */
export interface DonneesDepartement {
  bailleurs: Bailleur[];
  communes: Commune[];
  epcis: Epci[];
  logements: Logement[];
  reservataires: Reservataire[];
  conventions: Convention[];
  profils: ProfilDemande[];
  exercices: Exercice[];
  liberations: Liberation[];
}

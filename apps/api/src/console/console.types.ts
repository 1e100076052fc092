import type { Destination, UniteMotif } from '@aiguillage/engine';
import type { LogementLuRow } from '@aiguillage/persistence/logement/logement-lu';

/** Where a libération stands for the console. */
export const STATUTS_LIBERATION = ['A_ORIENTER', 'EN_ATTENTE_APPROBATION', 'DECIDEE'] as const;
export type StatutLiberation = (typeof STATUTS_LIBERATION)[number];

/** A flat as a person reads it: names, not codes, and in words. */
export interface LogementLu extends LogementLuRow {
  /** « T3 PLUS, 2e étage avec ascenseur, hors QPV, Résidence les Tilleuls, Montargis ». */
  description: string;
}

/** A destination with its names. */
export interface DestinationNommee {
  destination: Destination;
  libelle: string;
  conventionReference: string | null;
  reservataireNom: string | null;
  /** The sub-quota's name, when the destination is one. */
  sousQuotaNom: string | null;
}

export interface LiberationConsole {
  id: string;
  date: string;
  motif: string;
  kind: string;
  createdAt: string;
  bailleurId: string;
  bailleurNom: string;
  statut: StatutLiberation;
  logement: LogementLu;
  recommendationId: string | null;
  recommandee: DestinationNommee | null;
  decision: {
    id: string;
    destination: DestinationNommee;
    derogation: boolean;
    par: string | null;
    le: string;
    /** The override request it settled: its motif and who asked (null otherwise). */
    motif: string | null;
    demandeur: string | null;
  } | null;
  derogationEnAttente: {
    id: string;
    destination: DestinationNommee;
    motif: string;
    demandeur: string | null;
    le: string;
  } | null;
}

/** One reason of an option: the engine's motif (its sign, figure and unit), in French. */
export interface RaisonLue {
  texte: string;
  sens: 'POUR' | 'CONTRE';
  /** Its figure: flats, a share as a fraction 0–1, days; null when it has none. */
  valeur: number | null;
  unite: UniteMotif | null;
}

/** One option of the decision panel. */
export interface OptionConsole {
  destination: DestinationNommee;
  rang: number;
  eligible: boolean;
  recommandee: boolean;
  /** The convention's lag behind its expected progress at the date, in flats (positive: behind); null for a non-convention. */
  retard: number | null;
  pour: RaisonLue[];
  contre: RaisonLue[];
  /** Hard rules this option breaks (it cannot be chosen), in plain French. */
  reglesImperatives: string[];
  /** Soft rules it breaks (it may be chosen, with a motif). */
  reglesSouples: string[];
  /** Whether choosing it instead of the recommendation waits for a manager, and why. */
  approbation: { requise: boolean; motifs: string[] } | null;
  /** The runner-up only: why it came second, in one line naming both (the engine's `raisonSecond`). */
  pourquoiSecond?: string;
}

/** When the panel's recommendation was computed, and whether the conventions' state has moved since. */
export interface RecommandationCalculee {
  id: string;
  /** When it was computed (ISO 8601): its options and reasons are those of that moment. */
  calculeeLe: string;
  /** Computed on the current state of the exercice's conventions (nothing decided or moved since). */
  aJour: boolean;
  /** Decisions (orientations) taken on the exercice since; null when unknown. */
  decisionsDepuis: number | null;
  /** Every change since (decisions, candidates received, attributions, leases, refusals, expired délais); null when unknown. */
  changementsDepuis: number | null;
  /** Whether « Recalculer la recommandation » applies: the libération is still to orient. */
  recalculable: boolean;
}

export interface PanneauDecision extends LiberationConsole {
  /** The stored recommendation the options and their reasons come from (null when none). */
  recommandation: RecommandationCalculee | null;
  options: OptionConsole[];
  historiqueDerogation: EtapeDerogation[];
}

export interface EtapeDerogation {
  statut: string;
  par: string | null;
  le: string;
  commentaire: string | null;
}

export interface DerogationConsole {
  id: string;
  statut: string;
  liberation: LiberationConsole;
  recommandee: DestinationNommee | null;
  demandee: DestinationNommee;
  motif: string;
  motifLibelle: string;
  commentaire: string | null;
  demandeurId: string;
  demandeur: string | null;
  le: string;
  motifsApprobation: string[];
  historique: EtapeDerogation[];
}

/** Names for rendering live events without a round trip. */
/** A convention as pages name it. */
export interface ConventionNom {
  id: string;
  reference: string;
  reservataireNom: string;
  /** The sub-quotas' names by code; null without any. */
  sousQuotas: Record<string, string> | null;
}

export interface NomsConsole {
  conventions: ConventionNom[];
  communes: Array<{ insee: string; nom: string }>;
  /** The départements of the bailleurs' exercices, named (null: no name in the référentiel). */
  departements: Array<{ code: string; nom: string | null; bailleurIds: string[] }>;
}

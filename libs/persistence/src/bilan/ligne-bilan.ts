/**
 * One libération of the year and everything that followed it, as the bilan reads it: filled by
 * `lignesBilan` (one query), computed on by the core's `calculerBilan`. Types only, importing
 * nothing but the engine's types: the console's bilan pages reach them through the core's.
 */
import type { Financement, LiberationKind, MotifLiberation, Typologie, UsageExclu } from '@aiguillage/engine';

export interface LogementBilan {
  id: string;
  rplsId: string;
  commune: string;
  epci: string | null;
  departement: string;
  qpv: boolean;
  typologie: Typologie;
  financement: Financement;
  anneeConstruction: number | null;
  stockDefense: boolean;
  horsAssiette: 'VENTE' | 'DEMOLITION' | null;
}

/** An override of the recommendation, as the register of the year shows it. */
export interface DerogationBilan {
  motif: string;
  commentaire: string | null;
  demandeur: string | null;
  approbateur: string | null;
  /** PENDING, APPROVED, REJECTED (null: override decided without a request). */
  statut: string | null;
}

export type DestinationBilan = 'CONVENTION' | 'EXCLU' | 'BAILLEUR';

/** One libération of the year and everything that followed it. */
export interface LigneBilan {
  liberationId: string;
  /** Day the flat was freed. */
  date: string;
  kind: LiberationKind;
  motif: MotifLiberation;
  logement: LogementBilan;
  decision: {
    id: string;
    destination: DestinationBilan;
    conventionId: string | null;
    sousQuota: string | null;
    usage: UsageExclu | null;
    derogation: boolean;
    /** ISO day of the decision. */
    decideeLe: string;
    detailDerogation: DerogationBilan | null;
    /**
     * A flat proposed to a convention, as the live flow recorded it (`proposition.hors_flux`): true for
     * a new programme's first letting outside the flux, counted for no one; false otherwise (a first
     * letting its convention counts is then in the flux). Absent from the snapshots made before it.
     */
    horsFlux?: boolean;
  } | null;
  proposition: { id: string; statut: string; envoyeeLe: string; delaiExpireLe: string | null } | null;
  /** Candidates put forward on the proposition. */
  candidats: number;
  /** Candidate refusals (after a CAL attribution or before). */
  refus: number;
  /** The CAL attribution standing at year end (rank 1, not refused). */
  attribution: { dateCal: string; quartile: 1 | 2 | 3 | 4; prioritaire: boolean } | null;
  bail: { signeLe: string } | null;
  /**
   * Set only on the copy of a mutation line in the lines of a convention that counts the mutations of
   * its territory (`compteMutations`): proposed, attributed and let at once for it, as the engine counts it.
   */
  mutationComptee?: true;
}

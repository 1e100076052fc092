import { dateHeureFr, keyOf, type Destination, type Logement, type OptionOrientation } from '@aiguillage/engine';
import type { UndecidedRow } from '@aiguillage/persistence';
import { ConflitError } from '../errors/domain-errors';
import { DejaOrienteError, NonTraitableError } from '../platform/live/flow.errors';
import { optionAuDelaPrevision } from './exclusion-au-dela';

/** The decision's result and pure rules (no database): what the orientation use cases share (its command: `commands.ts`). */

export interface DecisionResult {
  status: 'DECIDEE' | 'EN_ATTENTE_APPROBATION';
  liberationId: string;
  destination: Destination;
  isOverride: boolean;
  decisionId: string | null;
  overrideRequestId: string | null;
  propositionId: string | null;
  delaiExpireAt: string | null;
  /** Why a manager must approve (empty when decided). */
  motifsApprobation: string[];
}

export interface LiberationRow {
  id: string;
  logementId: string;
  bailleurId: string;
  date: string;
  /** ROTATION, or NEUF: a new programme's first letting, outside the flux. */
  kind?: string;
}

export interface DecisionToWrite {
  liberation: LiberationRow;
  logement: Logement;
  destination: Destination;
  recommendationId: string | null;
  isOverride: boolean;
  overrideRequestId: string | null;
  decidedBy: string | null;
}

/**
 * The recommendation's option for the chosen destination (422 when it is not among them or a hard
 * rule forbids it); an excluded use beyond the forecast is allowed on a flat of the flux.
 */
export function optionFor(
  options: readonly OptionOrientation[],
  destination: Destination,
  logement: Logement,
): OptionOrientation {
  const option = options.find((o) => keyOf(o.destination) === keyOf(destination));
  if (!option && destination.kind === 'EXCLU' && !logement.stockDefense && !logement.horsAssiette)
    return optionAuDelaPrevision(destination);
  if (!option)
    throw new NonTraitableError(
      'destination',
      'cette destination ne figure pas parmi les options de la recommandation',
    );
  if (!option.eligible) {
    const regles = option.violates
      .filter((r) => r.hard)
      .map((r) => r.libelle)
      .join(' ; ');
    throw new NonTraitableError(
      'destination',
      `destination interdite par une règle impérative : ${regles || 'inéligible'}`,
    );
  }
  return option;
}

/** 409 when the libération (its row read and locked by `undecidedSql`) is already oriented, or another override is pending. */
export function checkUndecided(preface: unknown, pendingAllowed?: string): void {
  const row = preface as UndecidedRow | undefined;
  if (row?.decisionId) {
    const qui = row.nom ? `${row.nom} (${row.email})` : 'le système';
    const decidedAt = new Date(row.decidedAt!).toISOString();
    throw new DejaOrienteError(`Logement déjà orienté par ${qui} le ${dateHeureFr(decidedAt)}`, {
      decisionId: row.decisionId,
      decidedBy: row.decidedBy,
      decidedAt,
    });
  }
  const pending: Array<{ id: string; requestedBy: string; nom: string | null }> = row?.pending ?? [];
  const others = pending.filter((p) => p.id !== pendingAllowed);
  if (others.length > 0) {
    throw new DejaOrienteError(
      `Une dérogation demandée par ${others[0].nom ?? others[0].requestedBy} attend l'approbation d'un responsable`,
      { decidedBy: others[0].requestedBy, decidedAt: null, overrideRequestId: others[0].id },
    );
  }
  if (pendingAllowed && !pending.some((p) => p.id === pendingAllowed))
    throw new ConflitError('Cette demande de dérogation a déjà été traitée');
}

import { keyOf, USAGES_EXCLUS, type Destination, type Logement, type OptionOrientation } from '@aiguillage/engine';
import { check, DESTINATION_KINDS, InvalidInputError, type UndecidedRow } from '@aiguillage/persistence';
import { ConflitError } from '../errors/domain-errors';
import { DejaOrienteError, NonTraitableError } from '../platform/live/flow.errors';
import type { OverrideReason } from '../platform/live/flow.types';
import { optionAuDelaPrevision } from './exclusion-au-dela';

/** The decision's input, result and pure rules (no database): what the orientation use cases share. */

export interface DecisionInput {
  liberationId: string;
  /** The recommendation decided on (default: the latest of the libération). */
  recommendationId?: string;
  /** Omitted: accept the recommendation. Otherwise an override when it differs from it. */
  destination?: Destination;
  /** Required for an override. */
  motif?: OverrideReason;
  commentaire?: string;
}

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

/** Checks a client-supplied destination field by field (French reasons). */
export function validateDestination(d: unknown, champ = 'destination'): Destination {
  if (!d || typeof d !== 'object') throw new InvalidInputError(champ, 'doit être un objet { kind, ... }');
  const x = d as Record<string, unknown>;
  const kind = check.oneOf(x.kind, DESTINATION_KINDS, `${champ}.kind`);
  if (kind === 'CONVENTION') {
    const conventionId = check.uuid(x.conventionId, `${champ}.conventionId`);
    const sousQuota = check.optionalText(x.sousQuota, `${champ}.sousQuota`, 32);
    return sousQuota ? { kind, conventionId, sousQuota } : { kind, conventionId };
  }
  if (kind === 'EXCLU') return { kind, usage: check.oneOf(x.usage, USAGES_EXCLUS, `${champ}.usage`) };
  return { kind: 'BAILLEUR' };
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
    throw new DejaOrienteError(`Logement déjà orienté par ${qui} le ${decidedAt}`, {
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

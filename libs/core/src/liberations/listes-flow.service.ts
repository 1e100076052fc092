import { Injectable } from '@nestjs/common';
import {
  check,
  OVERRIDE_STATUSES,
  OverrideRequestRepository,
  PROPOSITION_STATUSES,
  PropositionRepository,
  type OverrideRequestListRow,
  type OverrideStatus,
  type Page,
  type PropositionListRow,
  type PropositionStatus,
} from '@aiguillage/persistence';
import { STAFF_ROLES, reservataireImpose, type AccessScope } from '../platform/auth/access-scope';
import { AccesInterditError } from '../errors/domain-errors';

/** Page size of the live flow's lists when none is asked for, and the largest one allowed. */
export const LISTE_LIMIT_DEFAUT = 50;
export const LISTE_LIMIT_MAX = 500;

export interface FiltrePropositions {
  status?: PropositionStatus;
  conventionId?: string;
  limit?: number;
  offset?: number;
}

export interface FiltreOverrides {
  status?: OverrideStatus;
  limit?: number;
  offset?: number;
}

/** One proposition in a list: where it stands, the flat and its libération (its day, `YYYY-MM-DD`), its délai. Dates are ISO strings. */
export type PropositionResume = Omit<PropositionListRow, 'sentAt' | 'delaiExpireAt'> & {
  sentAt: string;
  delaiExpireAt: string | null;
};

/** One override request in a list, with its current status (its latest step). Dates are ISO strings. */
export type OverrideResume = Omit<OverrideRequestListRow, 'createdAt'> & { createdAt: string };

const iso = (d: Date | string): string => new Date(d).toISOString();

/**
 * The live flow's lists, scoped in SQL (one query for the page, one for the total):
 * - the propositions of the caller's bailleurs — for a RESERVATAIRE, only those to its own
 *   conventions (the DIRECTE ones wait for its candidates until their délai);
 * - the override requests of the caller's bailleurs with their current status (staff only).
 */
@Injectable()
export class ListesFlowService {
  constructor(
    private readonly propositionsRepo: PropositionRepository,
    private readonly overridesRepo: OverrideRequestRepository,
  ) {}

  /**
   * Order: the propositions still waiting with a délai come first, the nearest délai first (what a
   * réservataire or a chargé must act on now); then all the others, most recently sent first.
   */
  async propositions(scope: AccessScope, filtre: FiltrePropositions = {}): Promise<Page<PropositionResume>> {
    const status = filtre.status === undefined ? null : check.oneOf(filtre.status, PROPOSITION_STATUSES, 'status');
    const conventionId = filtre.conventionId === undefined ? null : check.uuid(filtre.conventionId, 'conventionId');
    const { limit, offset } = page(filtre);
    const { items, total } = await this.propositionsRepo.page({
      bailleurIds: scope.bailleurIds,
      reservataireId: reservataireImpose(scope) ?? null,
      status,
      conventionId,
      limit,
      offset,
    });
    return {
      items: items.map((r) => ({
        ...r,
        sentAt: iso(r.sentAt),
        delaiExpireAt: r.delaiExpireAt ? iso(r.delaiExpireAt) : null,
      })),
      total,
    };
  }

  /**
   * Staff only. Order: the pending requests first, the oldest first (the queue to approve or
   * reject); then the processed ones, the most recent first.
   */
  async overrides(scope: AccessScope, filtre: FiltreOverrides = {}): Promise<Page<OverrideResume>> {
    if (!STAFF_ROLES.includes(scope.role))
      throw new AccesInterditError('Accès refusé : les dérogations sont réservées au bailleur');
    const status = filtre.status === undefined ? null : check.oneOf(filtre.status, OVERRIDE_STATUSES, 'status');
    const { limit, offset } = page(filtre);
    const { items, total } = await this.overridesRepo.page({ bailleurIds: scope.bailleurIds, status, limit, offset });
    return {
      items: items.map((r) => ({ ...r, createdAt: iso(r.createdAt) })),
      total,
    };
  }
}

function page(filtre: { limit?: number; offset?: number }): { limit: number; offset: number } {
  return {
    limit: filtre.limit === undefined ? LISTE_LIMIT_DEFAUT : check.integer(filtre.limit, 'limit', 1, LISTE_LIMIT_MAX),
    offset: filtre.offset === undefined ? 0 : check.integer(filtre.offset, 'offset', 0),
  };
}

import { Injectable } from '@nestjs/common';
import type { Destination, Typologie, UsageExclu } from '@aiguillage/engine';
import {
  check,
  OVERRIDE_STATUSES,
  PROPOSITION_STATUSES,
  type OverrideReason,
  type OverrideStatus,
  type Page,
  type PropositionStatus,
} from '@aiguillage/persistence';
import { DataSource } from 'typeorm';
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

/** One proposition in a list: where it stands, the flat and its libération, its délai. Dates are ISO strings. */
export interface PropositionResume {
  id: string;
  status: PropositionStatus;
  conventionId: string;
  sousQuota: string | null;
  logementId: string;
  commune: string;
  typologie: Typologie;
  qpv: boolean;
  liberationId: string;
  /** The libération's day, `YYYY-MM-DD`. */
  dateLiberation: string;
  sentAt: string;
  delaiExpireAt: string | null;
}

/** One override request in a list, with its current status (its latest step). */
export interface OverrideResume {
  id: string;
  liberationId: string;
  logementId: string;
  destination: Destination;
  reason: OverrideReason;
  comment: string | null;
  requestedBy: string;
  requestedByNom: string | null;
  createdAt: string;
  status: OverrideStatus;
}

interface PropositionRow extends Omit<PropositionResume, 'sentAt' | 'delaiExpireAt'> {
  sentAt: Date;
  delaiExpireAt: Date | null;
}

interface OverrideRow {
  id: string;
  liberationId: string;
  logementId: string;
  kind: Destination['kind'];
  conventionId: string | null;
  sousQuota: string | null;
  usage: UsageExclu | null;
  reason: OverrideReason;
  comment: string | null;
  requestedBy: string;
  requestedByNom: string | null;
  createdAt: Date;
  status: OverrideStatus;
}

const iso = (d: Date | string): string => new Date(d).toISOString();

/**
 * The live flow's lists, scoped in SQL (one query for the page, one for the total):
 * - the propositions of the caller's bailleurs — for a RESERVATAIRE, only those to its own
 *   conventions (the DIRECTE ones wait for its candidates until their délai);
 * - the override requests of the caller's bailleurs with their current status (staff only).
 */
@Injectable()
export class ListesFlowService {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Order: the propositions still waiting with a délai come first, the nearest délai first (what a
   * réservataire or a chargé must act on now); then all the others, most recently sent first.
   */
  async propositions(scope: AccessScope, filtre: FiltrePropositions = {}): Promise<Page<PropositionResume>> {
    const status = filtre.status === undefined ? null : check.oneOf(filtre.status, PROPOSITION_STATUSES, 'status');
    const conventionId = filtre.conventionId === undefined ? null : check.uuid(filtre.conventionId, 'conventionId');
    const { limit, offset } = page(filtre);
    const params = [scope.bailleurIds, reservataireImpose(scope) ?? null, status, conventionId];
    const from = `
      FROM proposition p
      JOIN convention c ON c.id = p.convention_id
      JOIN orientation_decision d ON d.id = p.decision_id
      JOIN liberation l ON l.id = d.liberation_id
      JOIN logement lg ON lg.id = l.logement_id
      WHERE p.bailleur_id = ANY($1::uuid[])
        AND ($2::uuid IS NULL OR c.reservataire_id = $2::uuid)
        AND ($3::proposition_status IS NULL OR p.status = $3::proposition_status)
        AND ($4::uuid IS NULL OR p.convention_id = $4::uuid)`;
    const [rows, [{ total }]] = await Promise.all([
      this.dataSource.query<PropositionRow[]>(
        `SELECT p.id, p.status, p.convention_id AS "conventionId", d.sous_quota AS "sousQuota", l.logement_id AS "logementId",
                lg.commune, lg.typologie, lg.qpv, l.id AS "liberationId", l.date::text AS "dateLiberation",
                p.sent_at AS "sentAt", p.delai_expire_at AS "delaiExpireAt"
         ${from}
         ORDER BY CASE WHEN p.status = 'EN_ATTENTE' THEN p.delai_expire_at END ASC NULLS LAST, p.sent_at DESC, p.id
         LIMIT $5 OFFSET $6`,
        [...params, limit, offset],
      ),
      this.dataSource.query<Array<{ total: number }>>(`SELECT count(*)::int AS total ${from}`, params),
    ]);
    return {
      items: rows.map((r) => ({ ...r, sentAt: iso(r.sentAt), delaiExpireAt: r.delaiExpireAt ? iso(r.delaiExpireAt) : null })),
      total,
    };
  }

  /**
   * Staff only. Order: the pending requests first, the oldest first (the queue to approve or
   * reject); then the processed ones, the most recent first.
   */
  async overrides(scope: AccessScope, filtre: FiltreOverrides = {}): Promise<Page<OverrideResume>> {
    if (!STAFF_ROLES.includes(scope.role)) throw new AccesInterditError('Accès refusé : les dérogations sont réservées au bailleur');
    const status = filtre.status === undefined ? null : check.oneOf(filtre.status, OVERRIDE_STATUSES, 'status');
    const { limit, offset } = page(filtre);
    const params = [scope.bailleurIds, status];
    // The status of a request is its latest step (steps are appended, never updated).
    const from = `
      FROM override_request r
      JOIN LATERAL (
        SELECT s.status FROM override_step s WHERE s.override_request_id = r.id ORDER BY s.created_at DESC, s.id DESC LIMIT 1
      ) st ON true
      JOIN liberation l ON l.id = r.liberation_id
      LEFT JOIN app_user u ON u.id = r.requested_by
      WHERE r.bailleur_id = ANY($1::uuid[])
        AND ($2::override_status IS NULL OR st.status = $2::override_status)`;
    const [rows, [{ total }]] = await Promise.all([
      this.dataSource.query<OverrideRow[]>(
        `SELECT r.id, r.liberation_id AS "liberationId", l.logement_id AS "logementId",
                r.destination_kind AS kind, r.convention_id AS "conventionId", r.sous_quota AS "sousQuota", r.usage,
                r.reason, r.comment, r.requested_by AS "requestedBy", u.nom AS "requestedByNom", r.created_at AS "createdAt", st.status
         ${from}
         ORDER BY (st.status = 'PENDING') DESC,
                  CASE WHEN st.status = 'PENDING' THEN r.created_at END ASC,
                  r.created_at DESC, r.id
         LIMIT $3 OFFSET $4`,
        [...params, limit, offset],
      ),
      this.dataSource.query<Array<{ total: number }>>(`SELECT count(*)::int AS total ${from}`, params),
    ]);
    return {
      items: rows.map((r) => ({
        id: r.id,
        liberationId: r.liberationId,
        logementId: r.logementId,
        destination: destinationOf(r),
        reason: r.reason,
        comment: r.comment,
        requestedBy: r.requestedBy,
        requestedByNom: r.requestedByNom,
        createdAt: iso(r.createdAt),
        status: r.status,
      })),
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

function destinationOf(r: OverrideRow): Destination {
  if (r.kind === 'CONVENTION') return { kind: 'CONVENTION', conventionId: r.conventionId!, ...(r.sousQuota ? { sousQuota: r.sousQuota } : {}) };
  if (r.kind === 'EXCLU') return { kind: 'EXCLU', usage: r.usage! };
  return { kind: 'BAILLEUR' };
}

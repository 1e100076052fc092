import type { Destination } from '@aiguillage/engine/orientation';
import { SqlRepository, type Page } from '../repository.utils';
import { sousQuotaNomme } from '../convention/sous-quotas-nommes';
import { destinationColumns, avecDestination, destinationSelect, type DestinationColumns } from './destination.columns';
import type { OverrideReason } from './override-request.entity';
import type { OverrideStatus } from './override-step.entity';

/** A request as the approval reads it: its libération, what it asks, its current status (latest step). */
export interface OverrideRequestRow {
  id: string;
  liberationId: string;
  bailleurId: string;
  recommendationId: string | null;
  requestedBy: string;
  destination: Destination;
  status: string;
}

/** One request in a list, with its current status. */
export interface OverrideRequestListRow {
  id: string;
  liberationId: string;
  logementId: string;
  destination: Destination;
  reason: OverrideReason;
  comment: string | null;
  requestedBy: string;
  requestedByNom: string | null;
  createdAt: Date;
  status: OverrideStatus;
}

/** What the derogation message shows, read in one query (labels of both destinations, the motifs). */
export interface OverrideRequestMessageRow {
  id: string;
  status: string | null;
  bailleurNom: string | null;
  commune: string;
  communeNom: string | null;
  typologie: string;
  qpv: boolean;
  rplsId: string | null;
  date: string;
  kind: Destination['kind'];
  conventionReference: string | null;
  reservataireNom: string | null;
  /** The sub-quota's name (its code when the convention does not name it). */
  sousQuota: string | null;
  usage: string | null;
  reason: string;
  comment: string | null;
  demandeur: string | null;
  recommandee: { kind: Destination['kind']; conventionId?: string; sousQuota?: string; usage?: string } | null;
  recoReference: string | null;
  /** The recommended sub-quota's name (null: none recommended). */
  recoSousQuota: string | null;
  recoReservataireNom: string | null;
  motifsApprobation: string[] | null;
}

/** The status of the last step of the override request aliased `alias` (a request's state is its last step). */
export const dernierStatut = (alias: string) =>
  `SELECT s.status FROM override_step s WHERE s.override_request_id = ${alias}.id ORDER BY s.created_at DESC, s.id DESC LIMIT 1`;
const LAST_STEP = dernierStatut('r');

/** Override requests and their steps (append-only: the audit trail of every approval). */
export class OverrideRequestRepository extends SqlRepository {
  async insertRequest(r: {
    liberationId: string;
    bailleurId: string;
    recommendationId: string;
    destination: Destination;
    reason: string | undefined;
    comment: string | null;
    requestedBy: string;
    /** Shifts the request's time, as `insertStep`'s. */
    decalageMs?: number;
  }): Promise<string> {
    const d = destinationColumns(r.destination);
    const [row] = await this.m().query<Array<{ id: string }>>(
      `INSERT INTO override_request (liberation_id, bailleur_id, recommendation_id, destination_kind, convention_id, sous_quota, usage, reason, comment, requested_by, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, now() + $11 * interval '1 millisecond') RETURNING id`,
      [
        r.liberationId,
        r.bailleurId,
        r.recommendationId,
        d.kind,
        d.conventionId,
        d.sousQuota,
        d.usage,
        r.reason,
        r.comment,
        r.requestedBy,
        r.decalageMs ?? 0,
      ],
    );
    return row.id;
  }

  /**
   * Appends a step; false when a final step (APPROVED or REJECTED) already exists. The partial unique
   * index `uq_override_step_final` makes concurrent approve/reject calls queue on the same key in
   * PostgreSQL, and only the first one's row is inserted. `decalageMs` shifts the step's time (the
   * demo's replay records its year as of each day).
   */
  async insertStep(
    overrideRequestId: string,
    status: 'PENDING' | 'APPROVED' | 'REJECTED',
    actorId: string,
    comment: string | null,
    decalageMs = 0,
  ): Promise<boolean> {
    // clock_timestamp(): steps of one transaction keep their order.
    const rows: unknown[] = await this.m().query(
      `INSERT INTO override_step (override_request_id, status, actor_id, comment, created_at)
       VALUES ($1, $2, $3, $4, clock_timestamp() + $5 * interval '1 millisecond')
       ON CONFLICT (override_request_id) WHERE status IN ('APPROVED', 'REJECTED') DO NOTHING RETURNING id`,
      [overrideRequestId, status, actorId, comment, decalageMs],
    );
    return rows.length > 0;
  }

  async findRequest(id: string): Promise<OverrideRequestRow | null> {
    const [r] = await this.m().query<Array<Omit<OverrideRequestRow, 'destination'> & DestinationColumns>>(
      `SELECT r.id, r.liberation_id AS "liberationId", r.bailleur_id AS "bailleurId", r.recommendation_id AS "recommendationId", r.requested_by AS "requestedBy",
              ${destinationSelect('r')}, (${LAST_STEP}) AS status
       FROM override_request r WHERE r.id = $1`,
      [id],
    );
    return r ? avecDestination(r) : null;
  }

  async bailleurOf(id: string): Promise<string | null> {
    const [row] = await this.m().query<Array<{ bailleurId: string }>>(
      `SELECT bailleur_id AS "bailleurId" FROM override_request WHERE id = $1`,
      [id],
    );
    return row?.bailleurId ?? null;
  }

  /** Every step of a request, oldest first. */
  async steps(
    id: string,
  ): Promise<Array<{ status: string; actorId: string; comment: string | null; createdAt: Date }>> {
    return this.m().query(
      `SELECT status, actor_id AS "actorId", comment, created_at AS "createdAt" FROM override_step WHERE override_request_id = $1 ORDER BY created_at, id`,
      [id],
    );
  }

  /**
   * The requests of these bailleurs with their current status. Order: the pending requests first,
   * the oldest first (the queue to approve or reject); then the processed ones, the most recent first.
   */
  async page(filter: {
    bailleurIds: readonly string[];
    status: OverrideStatus | null;
    limit: number;
    offset: number;
  }): Promise<Page<OverrideRequestListRow>> {
    const params = [filter.bailleurIds, filter.status];
    const from = `
      FROM override_request r
      JOIN LATERAL (${LAST_STEP}) st ON true
      JOIN liberation l ON l.id = r.liberation_id
      LEFT JOIN app_user u ON u.id = r.requested_by
      WHERE r.bailleur_id = ANY($1::uuid[])
        AND ($2::override_status IS NULL OR st.status = $2::override_status)`;
    const [rows, [{ total }]] = await Promise.all([
      this.m().query<Array<Omit<OverrideRequestListRow, 'destination'> & DestinationColumns>>(
        `SELECT r.id, r.liberation_id AS "liberationId", l.logement_id AS "logementId", ${destinationSelect('r')},
                r.reason, r.comment, r.requested_by AS "requestedBy", u.nom AS "requestedByNom", r.created_at AS "createdAt", st.status
         ${from}
         ORDER BY (st.status = 'PENDING') DESC,
                  CASE WHEN st.status = 'PENDING' THEN r.created_at END ASC,
                  r.created_at DESC, r.id
         LIMIT $3 OFFSET $4`,
        [...params, filter.limit, filter.offset],
      ),
      this.m().query<Array<{ total: number }>>(`SELECT count(*)::int AS total ${from}`, params),
    ]);
    return {
      items: rows.map(avecDestination),
      total,
    };
  }

  /** The request with everything its approval message shows, in one query (null when gone). */
  async readForMessage(id: string): Promise<OverrideRequestMessageRow | null> {
    const [r] = await this.m().query<OverrideRequestMessageRow[]>(
      `SELECT r.id, b.nom AS "bailleurNom", lg.commune, cm.nom AS "communeNom", lg.typologie::text AS typologie, lg.qpv, lg.rpls_id AS "rplsId",
              l.date::text AS date, r.destination_kind::text AS kind, rc.reference AS "conventionReference", rr.nom AS "reservataireNom",
              ${sousQuotaNomme('rc', 'r.sous_quota')} AS "sousQuota", r.usage::text AS usage, r.reason::text AS reason, r.comment, u.nom AS demandeur,
              reco.destination AS recommandee, recc.reference AS "recoReference", ${sousQuotaNomme('recc', "(reco.destination->>'sousQuota')")} AS "recoSousQuota", recr.nom AS "recoReservataireNom",
              ev.payload->'motifsApprobation' AS "motifsApprobation",
              (${LAST_STEP}) AS status
       FROM override_request r
       JOIN liberation l ON l.id = r.liberation_id
       JOIN logement lg ON lg.id = l.logement_id
       LEFT JOIN commune cm ON cm.insee = lg.commune
       LEFT JOIN bailleur b ON b.id = r.bailleur_id
       LEFT JOIN app_user u ON u.id = r.requested_by
       LEFT JOIN convention rc ON rc.id = r.convention_id
       LEFT JOIN reservataire rr ON rr.id = rc.reservataire_id
       LEFT JOIN recommendation rec ON rec.id = r.recommendation_id
       LEFT JOIN LATERAL (
         SELECT x.o->'destination' AS destination FROM jsonb_array_elements(rec.options) WITH ORDINALITY AS x(o, n)
         WHERE (x.o->>'eligible')::boolean ORDER BY x.n LIMIT 1) reco ON true
       LEFT JOIN convention recc ON recc.id = (reco.destination->>'conventionId')::uuid
       LEFT JOIN reservataire recr ON recr.id = recc.reservataire_id
       LEFT JOIN LATERAL (
         SELECT e.payload FROM event_log e
         WHERE e.bailleur_id = r.bailleur_id AND e.type = 'override.requested' AND e.payload->>'overrideRequestId' = r.id::text
         ORDER BY e.id DESC LIMIT 1) ev ON true
       WHERE r.id = $1`,
      [id],
    );
    return r ?? null;
  }

  /** The request's libération and bailleur, and the Slack channel of the flat's suggestion (null when none was posted). */
  async suggestionChannelOf(
    id: string,
  ): Promise<{ liberationId: string; bailleurId: string; canal: string | null } | null> {
    const [r] = await this.m().query<Array<{ liberationId: string; bailleurId: string; canal: string | null }>>(
      `SELECT r.liberation_id AS "liberationId", r.bailleur_id AS "bailleurId", m.canal
       FROM override_request r LEFT JOIN slack_message m ON m.kind = 'SUGGESTION' AND m.liberation_id = r.liberation_id
       WHERE r.id = $1`,
      [id],
    );
    return r ?? null;
  }
}

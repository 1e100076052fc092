import type { Destination } from '@aiguillage/engine/orientation';
import { SqlRepository } from '../repository.utils';
import type { Params } from '../statement';
import { check } from '../validation';
import { destinationColumns } from './destination.columns';

/** What says whether a libération may still be decided: its decision and who took it, the pending overrides. */
export interface UndecidedRow {
  decisionId: string | null;
  decidedBy: string | null;
  decidedAt: Date | string | null;
  nom: string | null;
  email: string | null;
  pending: Array<{ id: string; requestedBy: string; nom: string | null }> | null;
}

/** A decision and what it opens, as written with the flow's journal in one statement. */
export interface DecisionWrite {
  decisionId: string;
  liberationId: string;
  bailleurId: string;
  logementId: string;
  /** The libération's day: the excluded use is dated by it. */
  date: string;
  destination: Destination;
  recommendationId: string | null;
  isOverride: boolean;
  overrideRequestId: string | null;
  decidedBy: string | null;
  decidedAt: Date;
  /** The proposition opened by a decision to a convention (null otherwise). */
  propositionId: string | null;
  delaiExpireAt: Date | null;
  horsFlux: boolean;
}

/**
 * The orientation decision of a freed flat (one per libération) and what it opens: the proposition
 * to a convention, or the excluded use. Written in the live flow's one statement (see
 * `writeStatement`), so this repository builds SQL rather than running it.
 */
export class OrientationDecisionRepository extends SqlRepository {
  /** The libération's `UndecidedRow`, its row locked (in a transaction). */
  async findUndecided(liberationId: string): Promise<UndecidedRow | undefined> {
    const [row] = await this.m().query<UndecidedRow[]>(this.undecidedSql(liberationId));
    return row;
  }

  /**
   * Locks the libération's row and reads its `UndecidedRow`. The id is checked and inlined: this read
   * runs in the exercice's first round trip (the unit of work's preface), after its lock, or alone (`findUndecided`).
   */
  undecidedSql(liberationId: string): string {
    const id = check.uuid(liberationId, 'liberationId');
    return `SELECT d.id AS "decisionId", d.decided_by AS "decidedBy", d.decided_at AS "decidedAt", u.nom, u.email,
              (SELECT coalesce(json_agg(json_build_object('id', r.id, 'requestedBy', r.requested_by, 'nom', ru.nom)), '[]'::json)
                 FROM override_request r
                 JOIN LATERAL (SELECT status FROM override_step s WHERE s.override_request_id = r.id ORDER BY s.created_at DESC, s.id DESC LIMIT 1) last ON true
                 LEFT JOIN app_user ru ON ru.id = r.requested_by
                WHERE r.liberation_id = l.id AND last.status = 'PENDING') AS pending
       FROM liberation l
       LEFT JOIN orientation_decision d ON d.liberation_id = l.id
       LEFT JOIN app_user u ON u.id = d.decided_by
       WHERE l.id = '${id}' FOR UPDATE OF l`;
  }

  /** The CTEs writing the decision (`source`), its proposition or its excluded use. */
  decisionStatement(p: Params, d: DecisionWrite): string {
    const dest = destinationColumns(d.destination);
    const [decision, bailleur, at] = [p.add(d.decisionId), p.add(d.bailleurId), p.add(d.decidedAt)];
    const conventionId = p.add(dest.conventionId);
    const usage = p.add(dest.usage);
    return `source AS (
       INSERT INTO orientation_decision (id, liberation_id, bailleur_id, destination_kind, convention_id, sous_quota, usage, recommendation_id, is_override, override_request_id, decided_by, decided_at)
       VALUES (${decision}, ${p.add(d.liberationId)}, ${bailleur}, ${p.add(dest.kind)}, ${conventionId}, ${p.add(dest.sousQuota)}, ${usage},
               ${p.add(d.recommendationId)}, ${p.add(d.isOverride)}, ${p.add(d.overrideRequestId)}, ${p.add(d.decidedBy)}, ${at})
       RETURNING id),
     proposition_ouverte AS (
       INSERT INTO proposition (id, decision_id, bailleur_id, convention_id, sent_at, delai_expire_at, status, hors_flux)
       SELECT ${p.add(d.propositionId)}::uuid, source.id, ${bailleur}, ${conventionId}, ${at}, ${p.add(d.delaiExpireAt)}::timestamptz, 'EN_ATTENTE', ${p.add(d.horsFlux)} FROM source WHERE ${conventionId}::uuid IS NOT NULL),
     usage_exclu AS (
       INSERT INTO exclusion_use (bailleur_id, logement_id, orientation_decision_id, usage, date)
       SELECT ${bailleur}, ${p.add(d.logementId)}, source.id, ${usage}, ${p.add(d.date)} FROM source WHERE ${usage}::usage_exclu IS NOT NULL)`;
  }
}

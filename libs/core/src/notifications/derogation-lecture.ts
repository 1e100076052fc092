import { Logger } from '@nestjs/common';
import type { DataSource, EntityManager } from 'typeorm';
import type { DerogationAApprouver, DestinationLue } from './derogation-message';

interface Ligne {
  id: string;
  status: string | null;
  bailleurNom: string | null;
  commune: string;
  communeNom: string | null;
  typologie: string;
  qpv: boolean;
  rplsId: string | null;
  date: string;
  kind: DestinationLue['kind'];
  conventionReference: string | null;
  reservataireNom: string | null;
  sousQuota: string | null;
  usage: string | null;
  reason: string;
  comment: string | null;
  demandeur: string | null;
  recommandee: { kind: DestinationLue['kind']; conventionId?: string; sousQuota?: string; usage?: string } | null;
  recoReference: string | null;
  recoReservataireNom: string | null;
  motifsApprobation: string[] | null;
}

const logger = new Logger('Derogations');

/** What a derogation message shows, and its current status (PENDING, APPROVED, REJECTED). */
export type DerogationLue = DerogationAApprouver & { status: string | null };

/**
 * The request with everything the message shows, in one query; null when gone, or (`pendingOnly`)
 * no longer pending.
 */
export async function lireDerogation(db: Pick<DataSource | EntityManager, 'query'>, overrideRequestId: string, pendingOnly = true): Promise<DerogationLue | null> {
  const [r]: Ligne[] = await db.query(
    `SELECT r.id, b.nom AS "bailleurNom", lg.commune, cm.nom AS "communeNom", lg.typologie::text AS typologie, lg.qpv, lg.rpls_id AS "rplsId",
            l.date::text AS date, r.destination_kind::text AS kind, rc.reference AS "conventionReference", rr.nom AS "reservataireNom",
            r.sous_quota AS "sousQuota", r.usage::text AS usage, r.reason::text AS reason, r.comment, u.nom AS demandeur,
            reco.destination AS recommandee, recc.reference AS "recoReference", recr.nom AS "recoReservataireNom",
            ev.payload->'motifsApprobation' AS "motifsApprobation",
            (SELECT s.status FROM override_step s WHERE s.override_request_id = r.id ORDER BY s.created_at DESC, s.id DESC LIMIT 1) AS status
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
    [overrideRequestId],
  );
  if (!r) {
    logger.warn(`Demande de dérogation introuvable, rien publié dans Slack : ${overrideRequestId}`);
    return null;
  }
  if (pendingOnly && r.status !== 'PENDING') {
    logger.log(`Demande de dérogation ${overrideRequestId} déjà traitée (${r.status}) : rien publié dans Slack`);
    return null;
  }
  const reco = r.recommandee;
  return {
    overrideRequestId: r.id,
    bailleurNom: r.bailleurNom,
    logement: { commune: r.commune, communeNom: r.communeNom, typologie: r.typologie, qpv: r.qpv, rplsId: r.rplsId },
    dateLiberation: r.date,
    recommandee: reco
      ? { kind: reco.kind, conventionReference: r.recoReference, reservataireNom: r.recoReservataireNom, sousQuota: reco.sousQuota ?? null, usage: reco.usage ?? null }
      : null,
    demandee: { kind: r.kind, conventionReference: r.conventionReference, reservataireNom: r.reservataireNom, sousQuota: r.sousQuota, usage: r.usage },
    motif: r.reason,
    commentaire: r.comment,
    demandeur: r.demandeur ?? 'compte supprimé',
    motifsApprobation: r.motifsApprobation ?? [],
    status: r.status,
  };
}


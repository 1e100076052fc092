import { managerOf, type Db } from '../repository.utils';
import { check } from '../validation';
import type { LigneBilan } from './ligne-bilan';

const DAY = (expr: string) => `to_char(${expr}, 'YYYY-MM-DD')`;

/**
 * The libérations of a bailleur × département × year, in date order (then RPLS id, then id), each
 * with what followed it. One query: the flat, the decision and its override request (requester, last
 * step and its actor), the latest proposition, its candidates and refusals, the standing CAL
 * attribution (rank 1, not refused) and the lease.
 */
export async function lignesBilan(
  db: Db,
  filter: { bailleurId: string; departement: string; annee: number },
): Promise<LigneBilan[]> {
  const bailleurId = check.uuid(filter.bailleurId, 'bailleurId');
  const departement = check.text(filter.departement, 'departement', 3);
  const annee = check.integer(filter.annee, 'annee', 2000, 2100);
  return managerOf(db).query(
    `SELECT l.id AS "liberationId", ${DAY('l.date')} AS date, l.kind, l.motif,
       json_build_object('id', lo.id, 'rplsId', lo.rpls_id, 'commune', lo.commune, 'epci', lo.epci, 'departement', lo.departement,
         'qpv', lo.qpv, 'typologie', lo.typologie, 'financement', lo.financement, 'anneeConstruction', lo.annee_construction,
         'stockDefense', lo.stock_defense, 'horsAssiette', lo.hors_assiette) AS logement,
       CASE WHEN d.id IS NULL THEN NULL ELSE json_build_object(
         'id', d.id, 'destination', d.destination_kind, 'conventionId', d.convention_id, 'sousQuota', d.sous_quota, 'usage', d.usage,
         'derogation', d.is_override, 'decideeLe', ${DAY("d.decided_at AT TIME ZONE 'UTC'")}, 'horsFlux', coalesce(p.hors_flux, false),
         'detailDerogation', CASE WHEN NOT d.is_override THEN NULL
           WHEN orq.id IS NULL THEN json_build_object('motif', 'Non renseigné', 'commentaire', NULL, 'demandeur', ud.nom, 'approbateur', NULL, 'statut', NULL)
           ELSE json_build_object('motif', orq.reason, 'commentaire', orq.comment, 'demandeur', ureq.nom,
             'approbateur', CASE WHEN st.status = 'PENDING' THEN NULL ELSE uapp.nom END, 'statut', st.status) END) END AS decision,
       CASE WHEN p.id IS NULL THEN NULL ELSE json_build_object('id', p.id, 'statut', p.status, 'envoyeeLe', ${DAY("p.sent_at AT TIME ZONE 'UTC'")},
         'delaiExpireLe', ${DAY("p.delai_expire_at AT TIME ZONE 'UTC'")}) END AS proposition,
       coalesce(cand.n, 0)::int AS candidats, coalesce(cand.refus, 0)::int AS refus,
       CASE WHEN att.date_cal IS NULL THEN NULL ELSE json_build_object('dateCal', ${DAY('att.date_cal')}, 'quartile', att.quartile, 'prioritaire', att.prioritaire) END AS attribution,
       CASE WHEN b.id IS NULL THEN NULL ELSE json_build_object('signeLe', ${DAY('b.signed_at')}) END AS bail
     FROM liberation l
     JOIN logement lo ON lo.id = l.logement_id
     LEFT JOIN orientation_decision d ON d.liberation_id = l.id
     LEFT JOIN app_user ud ON ud.id = d.decided_by
     LEFT JOIN override_request orq ON orq.id = d.override_request_id
     LEFT JOIN app_user ureq ON ureq.id = orq.requested_by
     LEFT JOIN LATERAL (SELECT s.status, s.actor_id FROM override_step s WHERE s.override_request_id = orq.id ORDER BY s.created_at DESC, s.id DESC LIMIT 1) st ON true
     LEFT JOIN app_user uapp ON uapp.id = st.actor_id
     LEFT JOIN LATERAL (SELECT x.* FROM proposition x WHERE x.decision_id = d.id ORDER BY x.sent_at DESC, x.id DESC LIMIT 1) p ON true
     LEFT JOIN LATERAL (
       SELECT count(DISTINCT ca.id) AS n, count(cd.id) FILTER (WHERE cd.reponse_candidat = 'REFUSE') AS refus
       FROM candidat ca LEFT JOIN cal_decision cd ON cd.candidat_id = ca.id WHERE ca.proposition_id = p.id) cand ON true
     LEFT JOIN LATERAL (
       SELECT cd.date_cal, ca.quartile, ca.prioritaire FROM cal_decision cd JOIN candidat ca ON ca.id = cd.candidat_id
       WHERE ca.proposition_id = p.id AND cd.decision = 'ATTRIBUTION' AND cd.rang = 1 AND cd.reponse_candidat IS DISTINCT FROM 'REFUSE'
       ORDER BY cd.created_at DESC, cd.id DESC LIMIT 1) att ON true
     LEFT JOIN bail b ON b.proposition_id = p.id
     WHERE l.bailleur_id = $1 AND lo.departement = $2 AND l.date BETWEEN make_date($3, 1, 1) AND make_date($3, 12, 31)
     ORDER BY l.date, lo.rpls_id, l.id`,
    [bailleurId, departement, annee],
  );
}

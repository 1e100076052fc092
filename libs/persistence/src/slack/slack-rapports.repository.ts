import { SqlRepository } from '../repository.utils';

/** A DIRECTE proposition whose délai ends soon. */
export interface DelaiProcheRow {
  propositionId: string;
  reference: string;
  reservataireNom: string;
  rplsId: string;
  communeNom: string;
  delaiExpireAt: string;
}

/** An override waiting for a manager. */
export interface DerogationEnAttenteRow {
  id: string;
  liberationId: string;
  rplsId: string;
  communeNom: string;
  demandeur: string;
  motif: string;
}

/** A libération waiting for a decision. */
export interface LogementAOrienterRow {
  liberationId: string;
  rplsId: string;
  communeNom: string;
  typologie: string;
  date: string;
}

/** The latest step of an override request is its status. */
const STATUT = `(SELECT s.status FROM override_step s WHERE s.override_request_id = r.id ORDER BY s.created_at DESC, s.id DESC LIMIT 1)`;

/** What the Slack bot reports (digest, App Home, commands): read-only queries over the live flow. */
export class SlackRapportsRepository extends SqlRepository {
  /** The exercices of these bailleurs in `annee`, with the bailleur's name. */
  async exercices(
    bailleurIds: readonly string[],
    annee: number,
  ): Promise<Array<{ bailleurId: string; departement: string; annee: number; bailleurNom: string }>> {
    return this.m().query(
      `SELECT e.bailleur_id AS "bailleurId", e.departement, e.annee, b.nom AS "bailleurNom" FROM exercice e JOIN bailleur b ON b.id = e.bailleur_id
       WHERE e.bailleur_id = ANY($1::uuid[]) AND e.annee = $2`,
      [bailleurIds, annee],
    );
  }

  /** DIRECTE propositions whose délai ends within `jours` days of `depuis`, nearest first. */
  async delaisProches(
    p: { bailleurIds: readonly string[]; reservataireId?: string | null },
    depuis: Date,
    jours: number,
    limite: number,
  ): Promise<DelaiProcheRow[]> {
    const rows = await this.m().query<Array<DelaiProcheRow & { delaiExpireAt: Date }>>(
      `SELECT p.id AS "propositionId", c.reference, r.nom AS "reservataireNom", lg.rpls_id AS "rplsId", coalesce(cm.nom, lg.commune) AS "communeNom", p.delai_expire_at AS "delaiExpireAt"
       FROM proposition p JOIN convention c ON c.id = p.convention_id JOIN reservataire r ON r.id = c.reservataire_id
       JOIN orientation_decision d ON d.id = p.decision_id JOIN liberation l ON l.id = d.liberation_id JOIN logement lg ON lg.id = l.logement_id
       LEFT JOIN commune cm ON cm.insee = lg.commune
       WHERE p.bailleur_id = ANY($1::uuid[]) AND ($2::uuid IS NULL OR c.reservataire_id = $2) AND p.status = 'EN_ATTENTE'
         AND p.delai_expire_at >= $3 AND p.delai_expire_at < $3::timestamptz + $4 * interval '1 day'
       ORDER BY p.delai_expire_at LIMIT $5`,
      [p.bailleurIds, p.reservataireId ?? null, depuis, jours, limite],
    );
    return rows.map((r) => ({ ...r, delaiExpireAt: new Date(r.delaiExpireAt).toISOString() }));
  }

  /** Overrides waiting for a manager of these bailleurs, oldest first. */
  async derogationsEnAttente(bailleurIds: readonly string[], limite: number): Promise<DerogationEnAttenteRow[]> {
    return this.m().query(
      `SELECT r.id, r.liberation_id AS "liberationId", lg.rpls_id AS "rplsId", coalesce(cm.nom, lg.commune) AS "communeNom", coalesce(u.nom, 'compte supprimé') AS demandeur, r.reason::text AS motif
       FROM override_request r JOIN liberation l ON l.id = r.liberation_id JOIN logement lg ON lg.id = l.logement_id LEFT JOIN commune cm ON cm.insee = lg.commune
       LEFT JOIN app_user u ON u.id = r.requested_by
       WHERE r.bailleur_id = ANY($1::uuid[]) AND ${STATUT} = 'PENDING'
       ORDER BY r.created_at LIMIT $2`,
      [bailleurIds, limite],
    );
  }

  /** Libérations of the bailleurs still waiting for a decision (no decision, no pending override), oldest first. */
  async logementsAOrienter(bailleurIds: readonly string[], limite: number): Promise<LogementAOrienterRow[]> {
    return this.m().query(
      `SELECT l.id AS "liberationId", lg.rpls_id AS "rplsId", coalesce(cm.nom, lg.commune) AS "communeNom", lg.typologie::text AS typologie, l.date::text AS date
       FROM liberation l JOIN logement lg ON lg.id = l.logement_id LEFT JOIN commune cm ON cm.insee = lg.commune
       WHERE l.bailleur_id = ANY($1::uuid[]) AND NOT EXISTS (SELECT 1 FROM orientation_decision d WHERE d.liberation_id = l.id)
         AND EXISTS (SELECT 1 FROM recommendation rc WHERE rc.liberation_id = l.id)
         AND NOT EXISTS (SELECT 1 FROM override_request r WHERE r.liberation_id = l.id AND ${STATUT} = 'PENDING')
       ORDER BY l.date, l.created_at LIMIT $2`,
      [bailleurIds, limite],
    );
  }

  /** Decisions taken in [debut, fin): how many, and how many were overrides. */
  async decisionsEntre(
    bailleurId: string,
    debut: Date,
    fin: Date,
  ): Promise<{ decisions: number; derogations: number }> {
    const [row] = await this.m().query<Array<{ decisions: number; derogations: number }>>(
      `SELECT count(*)::int AS decisions, count(*) FILTER (WHERE is_override)::int AS derogations FROM orientation_decision
       WHERE bailleur_id = $1 AND decided_at >= $2 AND decided_at < $3`,
      [bailleurId, debut, fin],
    );
    return row;
  }
}

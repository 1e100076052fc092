import { progressionADate } from '@aiguillage/engine';
import type { DataSource } from 'typeorm';
import type { EngineStateStore } from '../platform/live/engine-state.store';

/** Who reads: the bailleurs in scope, and a réservataire's own conventions only. */
export interface Perimetre {
  bailleurIds: readonly string[];
  reservataireId?: string | null;
}

export interface ConventionSuivie {
  conventionId: string;
  reference: string;
  reservataireNom: string;
  bailleurNom: string;
  objectif: number;
  realise: number;
  attendu: number;
  /** realise − attendu (negative: behind). */
  ecart: number;
}

export interface DelaiProche {
  propositionId: string;
  reference: string;
  reservataireNom: string;
  rplsId: string;
  communeNom: string;
  delaiExpireAt: string;
}

/** The progress of every convention in scope at `date` (live engine state), most behind first. */
export async function conventionsSuivies(
  db: DataSource,
  store: EngineStateStore,
  p: Perimetre,
  date: string,
): Promise<ConventionSuivie[]> {
  const exercices: Array<{ bailleurId: string; departement: string; annee: number; bailleurNom: string }> =
    await db.query(
      `SELECT e.bailleur_id AS "bailleurId", e.departement, e.annee, b.nom AS "bailleurNom" FROM exercice e JOIN bailleur b ON b.id = e.bailleur_id
     WHERE e.bailleur_id = ANY($1::uuid[]) AND e.annee = $2`,
      [p.bailleurIds, Number(date.slice(0, 4))],
    );
  const lignes: ConventionSuivie[] = [];
  for (const e of exercices) {
    const live = await store.get({ bailleurId: e.bailleurId, departement: e.departement, annee: e.annee });
    const conventions = new Map(live.state.conventions.map((c) => [c.id, c]));
    const reservataires = new Map(live.state.reservataires.map((r) => [r.id, r.nom]));
    for (const row of progressionADate(live.state, date).conventions) {
      const c = conventions.get(row.conventionId)!;
      if (p.reservataireId && c.reservataireId !== p.reservataireId) continue;
      lignes.push({
        conventionId: c.id,
        reference: c.reference,
        reservataireNom: reservataires.get(c.reservataireId) ?? 'réservataire inconnu',
        bailleurNom: e.bailleurNom,
        objectif: row.objectif,
        realise: row.realise,
        attendu: row.attendu,
        ecart: row.ecart,
      });
    }
  }
  return lignes.sort((a, b) => a.ecart - b.ecart);
}

/** DIRECTE propositions whose délai ends within `jours` days of `depuis`, nearest first. */
export async function delaisProches(
  db: DataSource,
  p: Perimetre,
  depuis: Date,
  jours: number,
  limite = 10,
): Promise<DelaiProche[]> {
  const rows = await db.query<Array<DelaiProche & { delaiExpireAt: Date }>>(
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

/** Overrides waiting for a manager in scope (staff), oldest first. */
export async function derogationsEnAttente(
  db: DataSource,
  bailleurIds: readonly string[],
  limite = 10,
): Promise<
  Array<{ id: string; liberationId: string; rplsId: string; communeNom: string; demandeur: string; motif: string }>
> {
  return db.query(
    `SELECT r.id, r.liberation_id AS "liberationId", lg.rpls_id AS "rplsId", coalesce(cm.nom, lg.commune) AS "communeNom", coalesce(u.nom, 'compte supprimé') AS demandeur, r.reason::text AS motif
     FROM override_request r JOIN liberation l ON l.id = r.liberation_id JOIN logement lg ON lg.id = l.logement_id LEFT JOIN commune cm ON cm.insee = lg.commune
     LEFT JOIN app_user u ON u.id = r.requested_by
     WHERE r.bailleur_id = ANY($1::uuid[])
       AND (SELECT s.status FROM override_step s WHERE s.override_request_id = r.id ORDER BY s.created_at DESC, s.id DESC LIMIT 1) = 'PENDING'
     ORDER BY r.created_at LIMIT $2`,
    [bailleurIds, limite],
  );
}

/** Libérations of the bailleurs still waiting for a decision (no decision, no pending override), oldest first. */
export async function logementsAOrienter(
  db: DataSource,
  bailleurIds: readonly string[],
  limite = 10,
): Promise<Array<{ liberationId: string; rplsId: string; communeNom: string; typologie: string; date: string }>> {
  return db.query(
    `SELECT l.id AS "liberationId", lg.rpls_id AS "rplsId", coalesce(cm.nom, lg.commune) AS "communeNom", lg.typologie::text AS typologie, l.date::text AS date
     FROM liberation l JOIN logement lg ON lg.id = l.logement_id LEFT JOIN commune cm ON cm.insee = lg.commune
     WHERE l.bailleur_id = ANY($1::uuid[]) AND NOT EXISTS (SELECT 1 FROM orientation_decision d WHERE d.liberation_id = l.id)
       AND EXISTS (SELECT 1 FROM recommendation rc WHERE rc.liberation_id = l.id)
       AND NOT EXISTS (SELECT 1 FROM override_request r WHERE r.liberation_id = l.id
                       AND (SELECT s.status FROM override_step s WHERE s.override_request_id = r.id ORDER BY s.created_at DESC, s.id DESC LIMIT 1) = 'PENDING')
     ORDER BY l.date, l.created_at LIMIT $2`,
    [bailleurIds, limite],
  );
}

/** Decisions taken in [debut, fin): how many, and how many were overrides. */
export async function decisionsEntre(
  db: DataSource,
  bailleurId: string,
  debut: Date,
  fin: Date,
): Promise<{ decisions: number; derogations: number }> {
  const [row] = await db.query<Array<{ decisions: number; derogations: number }>>(
    `SELECT count(*)::int AS decisions, count(*) FILTER (WHERE is_override)::int AS derogations FROM orientation_decision
     WHERE bailleur_id = $1 AND decided_at >= $2 AND decided_at < $3`,
    [bailleurId, debut, fin],
  );
  return row;
}

/** « 2,5 » : French number with at most one decimal. */
export function nombre(x: number): string {
  return (Math.round(x * 10) / 10).toLocaleString('fr-FR');
}

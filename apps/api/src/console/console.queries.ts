import type { OptionOrientation } from '@aiguillage/engine';
import type { DataSource } from 'typeorm';
import type { LiberationConsole, StatutLiberation } from './console.types';
import { decrireLogement, destinationDeLigne, nommer, type ConventionNom } from './noms';

/**
 * The console's reads, in SQL scoped to the caller's bailleurs: one row per libération with its
 * flat in words, its latest recommendation's recommended option, its decision (who, when) or its
 * pending override. The status of an override request is its latest step.
 */
const SELECT_LIBERATION = `
  SELECT l.id, l.date::text AS date, l.motif, l.kind, l.created_at AS "createdAt", l.bailleur_id AS "bailleurId", b.nom AS "bailleurNom",
         lg.id AS "logementId", lg.rpls_id AS "rplsId", lg.commune, cm.nom AS "communeNom", pg.nom AS adresse, lg.typologie, lg.qpv,
         lg.financement, lg.etage, lg.ascenseur, lg.pmr,
         r.id AS "recommendationId", r.reco,
         d.id AS "decisionId", d.destination_kind AS "dKind", d.convention_id AS "dConvention", d.sous_quota AS "dSousQuota", d.usage AS "dUsage",
         d.is_override AS "dOverride", d.decided_at AS "decidedAt", du.nom AS "decidedByNom",
         o.id AS "oId", o.destination_kind AS "oKind", o.convention_id AS "oConvention", o.sous_quota AS "oSousQuota", o.usage AS "oUsage",
         o.reason AS "oReason", o.created_at AS "oAt", o.nom AS "oNom"`;

const FROM_LIBERATION = `
  FROM liberation l
  JOIN bailleur b ON b.id = l.bailleur_id
  JOIN logement lg ON lg.id = l.logement_id
  LEFT JOIN commune cm ON cm.insee = lg.commune
  LEFT JOIN programme pg ON pg.id = lg.programme_id
  LEFT JOIN orientation_decision d ON d.liberation_id = l.id
  LEFT JOIN app_user du ON du.id = d.decided_by
  LEFT JOIN LATERAL (
    SELECT rq.id, rq.created_at, rq.destination_kind, rq.convention_id, rq.sous_quota, rq.usage, rq.reason, u.nom
    FROM override_request rq
    JOIN LATERAL (SELECT s.status FROM override_step s WHERE s.override_request_id = rq.id ORDER BY s.created_at DESC, s.id DESC LIMIT 1) st ON true
    LEFT JOIN app_user u ON u.id = rq.requested_by
    WHERE rq.liberation_id = l.id AND st.status = 'PENDING' AND d.id IS NULL
    ORDER BY rq.created_at DESC LIMIT 1
  ) o ON true`;

const LATERAL_RECO = `
  LEFT JOIN LATERAL (
    SELECT rc.id, (SELECT opt FROM jsonb_array_elements(rc.options) opt WHERE (opt->>'eligible')::boolean LIMIT 1) AS reco
    FROM recommendation rc WHERE rc.liberation_id = l.id ORDER BY rc.created_at DESC, rc.id DESC LIMIT 1
  ) r ON true`;

const FILTRE_STATUT: Record<StatutLiberation, string> = {
  // Through the live flow only (a recommendation exists): the demo's reference year is history, not a queue.
  A_ORIENTER: 'd.id IS NULL AND o.id IS NULL AND EXISTS (SELECT 1 FROM recommendation x WHERE x.liberation_id = l.id)',
  EN_ATTENTE_APPROBATION: 'd.id IS NULL AND o.id IS NOT NULL',
  DECIDEE: 'd.id IS NOT NULL',
};

const ORDRE_STATUT: Record<StatutLiberation, string> = {
  A_ORIENTER: 'l.created_at DESC, l.date DESC, l.id',
  EN_ATTENTE_APPROBATION: 'o.created_at ASC, l.id',
  DECIDEE: 'd.decided_at DESC, l.id',
};

interface LigneLiberation {
  id: string;
  date: string;
  motif: string;
  kind: string;
  createdAt: Date;
  bailleurId: string;
  bailleurNom: string;
  logementId: string;
  rplsId: string;
  commune: string;
  communeNom: string | null;
  adresse: string | null;
  typologie: string;
  qpv: boolean;
  financement: string;
  etage: number | null;
  ascenseur: boolean | null;
  pmr: boolean | null;
  recommendationId: string | null;
  reco: OptionOrientation | null;
  decisionId: string | null;
  dKind: string;
  dConvention: string | null;
  dSousQuota: string | null;
  dUsage: string | null;
  dOverride: boolean;
  decidedAt: Date;
  decidedByNom: string | null;
  oId: string | null;
  oKind: string;
  oConvention: string | null;
  oSousQuota: string | null;
  oUsage: string | null;
  oReason: string;
  oAt: Date;
  oNom: string | null;
}

export async function conventionsNommees(
  dataSource: DataSource,
  bailleurIds: string[],
): Promise<Map<string, ConventionNom>> {
  const rows: ConventionNom[] = await dataSource.query(
    `SELECT c.id, c.reference, r.nom AS "reservataireNom" FROM convention c JOIN reservataire r ON r.id = c.reservataire_id WHERE c.bailleur_id = ANY($1::uuid[])`,
    [bailleurIds],
  );
  return new Map(rows.map((r) => [r.id, r]));
}

export async function listerLiberations(
  dataSource: DataSource,
  bailleurIds: string[],
  statut: StatutLiberation,
  limit: number,
  offset: number,
): Promise<{ rows: LigneLiberation[]; total: number }> {
  const where = `WHERE l.bailleur_id = ANY($1::uuid[]) AND ${FILTRE_STATUT[statut]}`;
  const [rows, [{ total }]] = await Promise.all([
    dataSource.query<LigneLiberation[]>(
      `${SELECT_LIBERATION} ${FROM_LIBERATION} ${LATERAL_RECO} ${where} ORDER BY ${ORDRE_STATUT[statut]} LIMIT $2 OFFSET $3`,
      [bailleurIds, limit, offset],
    ),
    dataSource.query<Array<{ total: number }>>(`SELECT count(*)::int AS total ${FROM_LIBERATION} ${where}`, [
      bailleurIds,
    ]),
  ]);
  return { rows, total };
}

export async function lireLiberations(
  dataSource: DataSource,
  bailleurIds: string[],
  ids: string[],
): Promise<LigneLiberation[]> {
  return dataSource.query(
    `${SELECT_LIBERATION} ${FROM_LIBERATION} ${LATERAL_RECO} WHERE l.bailleur_id = ANY($1::uuid[]) AND l.id = ANY($2::uuid[])`,
    [bailleurIds, ids],
  );
}

export function liberationConsole(r: LigneLiberation, conventions: Map<string, ConventionNom>): LiberationConsole {
  const logement = {
    id: r.logementId,
    rplsId: r.rplsId,
    commune: r.commune,
    communeNom: r.communeNom,
    adresse: r.adresse,
    typologie: r.typologie,
    qpv: r.qpv,
    financement: r.financement,
    etage: r.etage,
    ascenseur: r.ascenseur,
    pmr: r.pmr,
  };
  return {
    id: r.id,
    date: r.date,
    motif: r.motif,
    kind: r.kind,
    createdAt: new Date(r.createdAt).toISOString(),
    bailleurId: r.bailleurId,
    bailleurNom: r.bailleurNom,
    statut: r.decisionId ? 'DECIDEE' : r.oId ? 'EN_ATTENTE_APPROBATION' : 'A_ORIENTER',
    logement: { ...logement, description: decrireLogement(logement) },
    recommendationId: r.recommendationId,
    recommandee: r.reco ? nommer(r.reco.destination, conventions) : null,
    decision: r.decisionId
      ? {
          id: r.decisionId,
          destination: nommer(destinationDeLigne(r.dKind, r.dConvention, r.dSousQuota, r.dUsage), conventions),
          derogation: r.dOverride,
          par: r.decidedByNom,
          le: new Date(r.decidedAt).toISOString(),
        }
      : null,
    derogationEnAttente: r.oId
      ? {
          id: r.oId,
          destination: nommer(destinationDeLigne(r.oKind, r.oConvention, r.oSousQuota, r.oUsage), conventions),
          motif: r.oReason,
          demandeur: r.oNom,
          le: new Date(r.oAt).toISOString(),
        }
      : null,
  };
}

import type { Destination, OptionOrientation } from '@aiguillage/engine';
import { LOGEMENT_LU_JOINS, LOGEMENT_LU_SELECT, type LogementLuRow } from '../logement/logement-lu';
import {
  avecDestination,
  destinationFromColumns,
  destinationSelect,
  type DestinationColumns,
} from '../orientation/destination.columns';
import { departementNomme } from '../geo/geo.repository';
import { dernierStatut } from '../orientation/override-request.repository';
import { SqlRepository, type Page } from '../repository.utils';
import { sousQuotasNommes, type SousQuotasNommes } from '../convention/sous-quotas-nommes';

/** Where a libération stands for the console. */
export type ConsoleStatutLiberation = 'A_ORIENTER' | 'EN_ATTENTE_APPROBATION' | 'DECIDEE';

/** One libération as the console reads it: its flat, latest recommendation, decision or pending override. */
export interface ConsoleLiberationRow {
  id: string;
  date: string;
  motif: string;
  kind: string;
  createdAt: Date;
  bailleurId: string;
  bailleurNom: string;
  /** The flat's département (with the bailleur and the year of `date`: the exercice). */
  departement: string;
  logement: LogementLuRow;
  recommendationId: string | null;
  /** The recommended option of the latest recommendation (its first eligible one). */
  recommandee: OptionOrientation | null;
  decision: {
    id: string;
    destination: Destination;
    isOverride: boolean;
    decidedAt: Date;
    decidedByNom: string | null;
    /** The override request it settled: its motif and who asked (null otherwise). */
    motif: string | null;
    demandeurNom: string | null;
  } | null;
  /** The pending override request (none once decided). */
  derogationEnAttente: {
    id: string;
    destination: Destination;
    reason: string;
    createdAt: Date;
    requestedByNom: string | null;
  } | null;
}

/** One override request with its status (latest step), the recommended destination and the approval motifs. */
export interface ConsoleDerogationRow {
  id: string;
  status: string;
  liberationId: string;
  destination: Destination;
  reason: string;
  comment: string | null;
  requestedBy: string;
  requestedByNom: string | null;
  createdAt: Date;
  recommandee: Destination | null;
  motifs: string[] | null;
}

/** One step of an override request. */
export interface ConsoleEtapeRow {
  requestId: string;
  status: string;
  nom: string | null;
  createdAt: Date;
  comment: string | null;
}

/** A destination's columns read as one JSON object (`DestinationColumns`), so that a row can hold several. */
const destinationJson = (alias: string) => `(SELECT to_jsonb(x) FROM (SELECT ${destinationSelect(alias)}) x)`;

const SELECT_LIBERATION = `
  SELECT l.id, l.date::text AS date, l.motif, l.kind, l.created_at AS "createdAt", l.bailleur_id AS "bailleurId", b.nom AS "bailleurNom",
         lg.departement, (SELECT to_jsonb(x) FROM (SELECT ${LOGEMENT_LU_SELECT}) x) AS logement,
         r.id AS "recommendationId", r.reco,
         d.id AS "decisionId", ${destinationJson('d')} AS "dDestination",
         d.is_override AS "dOverride", d.decided_at AS "decidedAt", du.nom AS "decidedByNom",
         dr.reason AS "dMotif", dru.nom AS "dDemandeur",
         o.id AS "oId", ${destinationJson('o')} AS "oDestination",
         o.reason AS "oReason", o.created_at AS "oAt", o.nom AS "oNom"`;

const FROM_LIBERATION = `
  FROM liberation l
  JOIN bailleur b ON b.id = l.bailleur_id
  JOIN logement lg ON lg.id = l.logement_id ${LOGEMENT_LU_JOINS}
  LEFT JOIN orientation_decision d ON d.liberation_id = l.id
  LEFT JOIN app_user du ON du.id = d.decided_by
  LEFT JOIN override_request dr ON dr.id = d.override_request_id
  LEFT JOIN app_user dru ON dru.id = dr.requested_by
  LEFT JOIN LATERAL (
    SELECT rq.id, rq.created_at, rq.destination_kind, rq.convention_id, rq.sous_quota, rq.usage, rq.reason, u.nom
    FROM override_request rq
    JOIN LATERAL (${dernierStatut('rq')}) st ON true
    LEFT JOIN app_user u ON u.id = rq.requested_by
    WHERE rq.liberation_id = l.id AND st.status = 'PENDING' AND d.id IS NULL
    ORDER BY rq.created_at DESC LIMIT 1
  ) o ON true`;

const LATERAL_RECO = `
  LEFT JOIN LATERAL (
    SELECT rc.id, (SELECT opt FROM jsonb_array_elements(rc.options) opt WHERE (opt->>'eligible')::boolean LIMIT 1) AS reco
    FROM recommendation rc WHERE rc.liberation_id = l.id ORDER BY rc.created_at DESC, rc.id DESC LIMIT 1
  ) r ON true`;

const FILTRE_STATUT: Record<ConsoleStatutLiberation, string> = {
  // Through the live flow only (a recommendation exists): the demo's reference year is history, not a queue.
  A_ORIENTER: 'd.id IS NULL AND o.id IS NULL AND EXISTS (SELECT 1 FROM recommendation x WHERE x.liberation_id = l.id)',
  EN_ATTENTE_APPROBATION: 'd.id IS NULL AND o.id IS NOT NULL',
  DECIDEE: 'd.id IS NOT NULL',
};

const ORDRE_STATUT: Record<ConsoleStatutLiberation, string> = {
  A_ORIENTER: 'l.created_at DESC, l.date DESC, l.id',
  EN_ATTENTE_APPROBATION: 'o.created_at ASC, l.id',
  DECIDEE: 'd.decided_at DESC, l.id',
};

/** A row of `SELECT_LIBERATION`: the libération and its flat, then its recommendation, decision and pending override. */
type LigneLiberation = Omit<ConsoleLiberationRow, 'recommandee' | 'decision' | 'derogationEnAttente'> & {
  reco: OptionOrientation | null;
  decisionId: string | null;
  dDestination: DestinationColumns;
  dOverride: boolean;
  decidedAt: Date;
  decidedByNom: string | null;
  dMotif: string | null;
  dDemandeur: string | null;
  oId: string | null;
  oDestination: DestinationColumns;
  oReason: string;
  oAt: Date;
  oNom: string | null;
};

function liberationOf({
  reco,
  decisionId,
  dDestination,
  dOverride,
  decidedAt,
  decidedByNom,
  dMotif,
  dDemandeur,
  oId,
  oDestination,
  oReason,
  oAt,
  oNom,
  ...liberation
}: LigneLiberation): ConsoleLiberationRow {
  return {
    ...liberation,
    recommandee: reco,
    decision: decisionId
      ? {
          id: decisionId,
          destination: destinationFromColumns(dDestination),
          isOverride: dOverride,
          decidedAt,
          decidedByNom,
          motif: dMotif,
          demandeurNom: dDemandeur,
        }
      : null,
    derogationEnAttente: oId
      ? {
          id: oId,
          destination: destinationFromColumns(oDestination),
          reason: oReason,
          createdAt: oAt,
          requestedByNom: oNom,
        }
      : null,
  };
}

/**
 * The console's reads (a read model over the live flow), always scoped to the caller's bailleurs:
 * the libérations by status, the flats found by text, the override requests and their steps.
 */
export class ConsoleReadRepository extends SqlRepository {
  /** The conventions of these bailleurs: reference, réservataire's name, sub-quotas' names by code. */
  async conventionNames(
    bailleurIds: readonly string[],
  ): Promise<Array<{ id: string; reference: string; reservataireNom: string; sousQuotas: SousQuotasNommes }>> {
    return this.m().query(
      `SELECT c.id, c.reference, r.nom AS "reservataireNom", ${sousQuotasNommes('c')} AS "sousQuotas" FROM convention c JOIN reservataire r ON r.id = c.reservataire_id WHERE c.bailleur_id = ANY($1::uuid[])`,
      [bailleurIds],
    );
  }

  /** The départements where these bailleurs have an exercice, named, with the bailleurs of each. */
  async departements(
    bailleurIds: readonly string[],
  ): Promise<Array<{ code: string; nom: string | null; bailleurIds: string[] }>> {
    return this.m().query(
      `SELECT e.departement AS code, ${departementNomme('e.departement')} AS nom, array_agg(DISTINCT e.bailleur_id) AS "bailleurIds"
       FROM exercice e WHERE e.bailleur_id = ANY($1::uuid[]) GROUP BY e.departement ORDER BY e.departement`,
      [bailleurIds],
    );
  }

  /** The communes where these bailleurs have flats, by name. */
  async communes(bailleurIds: readonly string[]): Promise<Array<{ insee: string; nom: string }>> {
    return this.m().query(
      `SELECT cm.insee, cm.nom FROM commune cm WHERE cm.insee IN (SELECT DISTINCT lg.commune FROM logement lg WHERE lg.bailleur_id = ANY($1::uuid[])) ORDER BY cm.nom`,
      [bailleurIds],
    );
  }

  /** A page of the libérations of this status (each status has its own order); `derogations`: decided by an override only. */
  async liberationsPage(
    bailleurIds: readonly string[],
    statut: ConsoleStatutLiberation,
    limit: number,
    offset: number,
    filtre: { derogations: boolean } = { derogations: false },
  ): Promise<Page<ConsoleLiberationRow>> {
    const where = `WHERE l.bailleur_id = ANY($1::uuid[]) AND ${FILTRE_STATUT[statut]}${filtre.derogations ? ' AND d.is_override' : ''}`;
    const [rows, [{ total }]] = await Promise.all([
      this.m().query<LigneLiberation[]>(
        `${SELECT_LIBERATION} ${FROM_LIBERATION} ${LATERAL_RECO} ${where} ORDER BY ${ORDRE_STATUT[statut]} LIMIT $2 OFFSET $3`,
        [bailleurIds, limit, offset],
      ),
      this.m().query<Array<{ total: number }>>(`SELECT count(*)::int AS total ${FROM_LIBERATION} ${where}`, [
        bailleurIds,
      ]),
    ]);
    return { items: rows.map(liberationOf), total };
  }

  /** These libérations (those of other bailleurs are left out). */
  async liberations(bailleurIds: readonly string[], ids: readonly string[]): Promise<ConsoleLiberationRow[]> {
    const rows = await this.m().query<LigneLiberation[]>(
      `${SELECT_LIBERATION} ${FROM_LIBERATION} ${LATERAL_RECO} WHERE l.bailleur_id = ANY($1::uuid[]) AND l.id = ANY($2::uuid[])`,
      [bailleurIds, ids],
    );
    return rows.map(liberationOf);
  }

  /** Flats whose RPLS id starts with `texte`, or whose commune or résidence contains it. */
  async logements(bailleurIds: readonly string[], texte: string, limit: number): Promise<LogementLuRow[]> {
    return this.m().query(
      `SELECT ${LOGEMENT_LU_SELECT} FROM logement lg ${LOGEMENT_LU_JOINS}
       WHERE lg.bailleur_id = ANY($1::uuid[])
         AND (lg.rpls_id ILIKE $2 || '%' OR cm.nom ILIKE '%' || $2 || '%' OR pg.nom ILIKE '%' || $2 || '%')
       ORDER BY (lg.rpls_id ILIKE $2 || '%') DESC, cm.nom, pg.nom, lg.rpls_id
       LIMIT $3`,
      [bailleurIds, texte.replace(/[%_\\]/g, (c) => `\\${c}`), limit],
    );
  }

  /** A page of override requests: pending ones oldest first, or processed ones most recent first. */
  async derogationsPage(
    bailleurIds: readonly string[],
    statut: 'PENDING' | 'TRAITEES',
    limit: number,
    offset: number,
  ): Promise<Page<ConsoleDerogationRow>> {
    const where = `WHERE r.bailleur_id = ANY($1::uuid[]) AND ${statut === 'PENDING' ? `st.status = 'PENDING'` : `st.status <> 'PENDING'`}`;
    const from = `FROM override_request r
      JOIN LATERAL (${dernierStatut('r')}) st ON true
      LEFT JOIN app_user u ON u.id = r.requested_by
      LEFT JOIN recommendation rc ON rc.id = r.recommendation_id`;
    const [rows, [{ total }]] = await Promise.all([
      this.m().query<Array<Omit<ConsoleDerogationRow, 'destination'> & DestinationColumns>>(
        `SELECT r.id, st.status, r.liberation_id AS "liberationId", ${destinationSelect('r')},
                r.reason, r.comment, r.requested_by AS "requestedBy", u.nom AS "requestedByNom", r.created_at AS "createdAt",
                (SELECT opt->'destination' FROM jsonb_array_elements(rc.options) opt WHERE (opt->>'eligible')::boolean LIMIT 1) AS recommandee,
                (SELECT e.payload->'motifsApprobation' FROM event_log e WHERE e.type = 'override.requested' AND e.bailleur_id = r.bailleur_id
                   AND e.payload->>'overrideRequestId' = r.id::text LIMIT 1) AS motifs
         ${from} ${where}
         ORDER BY ${statut === 'PENDING' ? 'r.created_at ASC' : 'r.created_at DESC'}, r.id LIMIT $2 OFFSET $3`,
        [bailleurIds, limit, offset],
      ),
      this.m().query<Array<{ total: number }>>(`SELECT count(*)::int AS total ${from} ${where}`, [bailleurIds]),
    ]);
    return {
      items: rows.map(avecDestination),
      total,
    };
  }

  /** The steps of these override requests (who, when, why), oldest first. */
  async etapes(ids: readonly string[]): Promise<ConsoleEtapeRow[]> {
    if (ids.length === 0) return [];
    return this.m().query(
      `SELECT s.override_request_id AS "requestId", s.status, u.nom, s.created_at AS "createdAt", s.comment
       FROM override_step s LEFT JOIN app_user u ON u.id = s.actor_id
       WHERE s.override_request_id = ANY($1::uuid[]) ORDER BY s.created_at, s.id`,
      [ids],
    );
  }
}

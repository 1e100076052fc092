import { Injectable } from '@nestjs/common';
import { IntrouvableError, STAFF_ROLES, AccesInterditError, type AccessScope } from '@aiguillage/core';
import { EngineStateStore } from '@aiguillage/core/platform/live';
import { LiberationFlowService } from '@aiguillage/core/liberations';
import { motifsApprobation, PolitiqueDerogationService, retardConvention } from '@aiguillage/core/orientations';
import { keyOf, type Destination } from '@aiguillage/engine';
import type { Page } from '@aiguillage/persistence';
import { DataSource } from 'typeorm';
import type {
  NomsConsole,
  DerogationConsole,
  EtapeDerogation,
  LiberationConsole,
  LogementLu,
  OptionConsole,
  PanneauDecision,
  StatutLiberation,
} from './console.types';
import { conventionsNommees, liberationConsole, lireLiberations, listerLiberations } from './console.queries';
import { decrireLogement, destinationDeLigne, MOTIFS_DEROGATION, nommer } from './noms';
import { raisonsPourContre } from './raisons';

/** One override request as the console's SQL reads it (its latest step's status, the recommended destination of its recommendation). */
interface LigneDerogation {
  id: string;
  status: string;
  liberationId: string;
  kind: string;
  conventionId: string | null;
  sousQuota: string | null;
  usage: string | null;
  reason: string;
  comment: string | null;
  requestedBy: string;
  requestedByNom: string | null;
  createdAt: Date;
  recommandee: Destination | null;
  motifs: string[] | null;
}

/**
 * What the console reads: the libérations by status with names, the decision panel of one
 * (options with names, lag, reasons for and against, hard rules, whether an override needs a
 * manager), the flats found by RPLS id / commune / résidence, and the overrides to approve.
 */
@Injectable()
export class ConsoleService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly liberations: LiberationFlowService,
    private readonly store: EngineStateStore,
    private readonly politiques: PolitiqueDerogationService,
  ) {}

  private staff(scope: AccessScope): void {
    if (!STAFF_ROLES.includes(scope.role))
      throw new AccesInterditError('Accès refusé : la console est réservée aux équipes du bailleur');
  }

  async liste(
    scope: AccessScope,
    statut: StatutLiberation,
    limit: number,
    offset: number,
  ): Promise<Page<LiberationConsole>> {
    this.staff(scope);
    const [{ rows, total }, conventions] = await Promise.all([
      listerLiberations(this.dataSource, scope.bailleurIds, statut, limit, offset),
      conventionsNommees(this.dataSource, scope.bailleurIds),
    ]);
    return { items: rows.map((r) => liberationConsole(r, conventions)), total };
  }

  async une(scope: AccessScope, id: string): Promise<LiberationConsole> {
    this.staff(scope);
    const [rows, conventions] = await Promise.all([
      lireLiberations(this.dataSource, scope.bailleurIds, [id]),
      conventionsNommees(this.dataSource, scope.bailleurIds),
    ]);
    if (rows.length === 0) throw new IntrouvableError('Libération', id);
    return liberationConsole(rows[0], conventions);
  }

  async panneau(scope: AccessScope, id: string): Promise<PanneauDecision> {
    const liberation = await this.une(scope, id);
    const conventions = await conventionsNommees(this.dataSource, scope.bailleurIds);
    const [{ departement }] = await this.dataSource.query<Array<{ departement: string }>>(
      `SELECT departement FROM logement WHERE id = $1`,
      [liberation.logement.id],
    );
    const [recommendation, politique, live] = await Promise.all([
      this.liberations.recommendationOf(scope, id).catch(() => null),
      this.politiques.get(liberation.bailleurId),
      this.store
        .get({ bailleurId: liberation.bailleurId, departement, annee: Number(liberation.date.slice(0, 4)) })
        .catch(() => null),
    ]);
    const recommandee = recommendation?.recommandee ?? null;
    const options: OptionConsole[] = (recommendation?.options ?? []).map((option, index) => {
      const estRecommandee = recommandee !== null && keyOf(recommandee) === keyOf(option.destination);
      const motifs =
        option.eligible && !estRecommandee && live
          ? motifsApprobation(politique, live.state, liberation.date, recommandee, option)
          : [];
      return {
        destination: nommer(option.destination, conventions),
        rang: index + 1,
        eligible: option.eligible,
        recommandee: estRecommandee,
        retard:
          option.destination.kind === 'CONVENTION' && live
            ? Math.round(retardConvention(live.state, option.destination.conventionId, liberation.date) * 10) / 10
            : null,
        ...raisonsPourContre(option),
        reglesImperatives: option.violates.filter((r) => r.hard).map((r) => r.libelle),
        reglesSouples: option.violates.filter((r) => !r.hard).map((r) => r.libelle),
        approbation: option.eligible && !estRecommandee ? { requise: motifs.length > 0, motifs } : null,
      };
    });
    const historiqueDerogation = liberation.derogationEnAttente
      ? ((await this.etapes([liberation.derogationEnAttente.id])).get(liberation.derogationEnAttente.id) ?? [])
      : [];
    return { ...liberation, options, historiqueDerogation };
  }

  /** The names a page needs to render a live event at once: conventions (reference, réservataire) and communes of the caller's bailleurs. */
  async noms(scope: AccessScope): Promise<NomsConsole> {
    this.staff(scope);
    const [conventions, communes] = await Promise.all([
      conventionsNommees(this.dataSource, scope.bailleurIds),
      this.dataSource.query<Array<{ insee: string; nom: string }>>(
        `SELECT cm.insee, cm.nom FROM commune cm WHERE cm.insee IN (SELECT DISTINCT lg.commune FROM logement lg WHERE lg.bailleur_id = ANY($1::uuid[])) ORDER BY cm.nom`,
        [scope.bailleurIds],
      ),
    ]);
    return { conventions: [...conventions.values()], communes };
  }

  async logements(scope: AccessScope, q: string, limit: number): Promise<LogementLu[]> {
    this.staff(scope);
    const texte = q.trim();
    const rows: Array<Omit<LogementLu, 'description'>> = await this.dataSource.query(
      `SELECT lg.id, lg.rpls_id AS "rplsId", lg.commune, cm.nom AS "communeNom", pg.nom AS adresse, lg.typologie, lg.qpv, lg.financement,
              lg.etage, lg.ascenseur, lg.pmr
       FROM logement lg
       LEFT JOIN commune cm ON cm.insee = lg.commune
       LEFT JOIN programme pg ON pg.id = lg.programme_id
       WHERE lg.bailleur_id = ANY($1::uuid[])
         AND (lg.rpls_id ILIKE $2 || '%' OR cm.nom ILIKE '%' || $2 || '%' OR pg.nom ILIKE '%' || $2 || '%')
       ORDER BY (lg.rpls_id ILIKE $2 || '%') DESC, cm.nom, pg.nom, lg.rpls_id
       LIMIT $3`,
      [scope.bailleurIds, texte.replace(/[%_\\]/g, (c) => `\\${c}`), limit],
    );
    return rows.map((r) => ({ ...r, description: decrireLogement(r) }));
  }

  async derogations(
    scope: AccessScope,
    statut: 'PENDING' | 'TRAITEES',
    limit: number,
    offset: number,
  ): Promise<Page<DerogationConsole>> {
    this.staff(scope);
    const where = `WHERE r.bailleur_id = ANY($1::uuid[]) AND ${statut === 'PENDING' ? `st.status = 'PENDING'` : `st.status <> 'PENDING'`}`;
    const from = `FROM override_request r
      JOIN LATERAL (SELECT s.status FROM override_step s WHERE s.override_request_id = r.id ORDER BY s.created_at DESC, s.id DESC LIMIT 1) st ON true
      LEFT JOIN app_user u ON u.id = r.requested_by
      LEFT JOIN recommendation rc ON rc.id = r.recommendation_id`;
    const [rows, [{ total }], conventions] = await Promise.all([
      this.dataSource.query<LigneDerogation[]>(
        `SELECT r.id, st.status, r.liberation_id AS "liberationId", r.destination_kind AS kind, r.convention_id AS "conventionId", r.sous_quota AS "sousQuota",
                r.usage, r.reason, r.comment, r.requested_by AS "requestedBy", u.nom AS "requestedByNom", r.created_at AS "createdAt",
                (SELECT opt->'destination' FROM jsonb_array_elements(rc.options) opt WHERE (opt->>'eligible')::boolean LIMIT 1) AS recommandee,
                (SELECT e.payload->'motifsApprobation' FROM event_log e WHERE e.type = 'override.requested' AND e.bailleur_id = r.bailleur_id
                   AND e.payload->>'overrideRequestId' = r.id::text LIMIT 1) AS motifs
         ${from} ${where}
         ORDER BY ${statut === 'PENDING' ? 'r.created_at ASC' : 'r.created_at DESC'}, r.id LIMIT $2 OFFSET $3`,
        [scope.bailleurIds, limit, offset],
      ),
      this.dataSource.query<Array<{ total: number }>>(`SELECT count(*)::int AS total ${from} ${where}`, [
        scope.bailleurIds,
      ]),
      conventionsNommees(this.dataSource, scope.bailleurIds),
    ]);
    const ids: string[] = rows.map((r) => r.id);
    const [liberations, etapes] = await Promise.all([
      lireLiberations(
        this.dataSource,
        scope.bailleurIds,
        rows.map((r) => r.liberationId),
      ),
      this.etapes(ids),
    ]);
    const parId = new Map(liberations.map((l) => [l.id, liberationConsole(l, conventions)]));
    return {
      total,
      items: rows.map((r): DerogationConsole => ({
        id: r.id,
        statut: r.status,
        liberation: parId.get(r.liberationId)!,
        recommandee: r.recommandee ? nommer(r.recommandee, conventions) : null,
        demandee: nommer(destinationDeLigne(r.kind, r.conventionId, r.sousQuota, r.usage), conventions),
        motif: r.reason,
        motifLibelle: MOTIFS_DEROGATION[r.reason] ?? r.reason,
        commentaire: r.comment,
        demandeurId: r.requestedBy,
        demandeur: r.requestedByNom,
        le: new Date(r.createdAt).toISOString(),
        motifsApprobation: r.motifs ?? [],
        historique: etapes.get(r.id) ?? [],
      })),
    };
  }

  /** The steps of override requests (who, when, why), oldest first. */
  private async etapes(ids: string[]): Promise<Map<string, EtapeDerogation[]>> {
    const map = new Map<string, EtapeDerogation[]>();
    if (ids.length === 0) return map;
    const rows: Array<{
      requestId: string;
      status: string;
      nom: string | null;
      createdAt: Date;
      comment: string | null;
    }> = await this.dataSource.query(
      `SELECT s.override_request_id AS "requestId", s.status, u.nom, s.created_at AS "createdAt", s.comment
       FROM override_step s LEFT JOIN app_user u ON u.id = s.actor_id
       WHERE s.override_request_id = ANY($1::uuid[]) ORDER BY s.created_at, s.id`,
      [ids],
    );
    for (const r of rows) {
      const list = map.get(r.requestId) ?? [];
      list.push({ statut: r.status, par: r.nom, le: new Date(r.createdAt).toISOString(), commentaire: r.comment });
      map.set(r.requestId, list);
    }
    return map;
  }
}

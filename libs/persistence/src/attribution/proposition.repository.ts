import type { Typologie } from '@aiguillage/engine/domain';
import { sousQuotaNomme } from '../convention/sous-quotas-nommes';
import { LOGEMENT_LU_JOINS } from '../logement/logement-lu';
import { SqlRepository, type Page } from '../repository.utils';
import type { CalDecisionKind } from './cal-decision.entity';
import type { PropositionStatus } from './proposition.entity';

/** A proposition as the lifecycle reads it, with its flat's libération and its sub-quota. */
export interface PropositionRow {
  id: string;
  status: PropositionStatus;
  conventionId: string;
  bailleurId: string;
  delaiExpireAt: Date | null;
  sousQuota: string | null;
  logementId: string;
  date: string;
  /** NEUF first letting outside the flux: its steps move no counter. */
  horsFlux: boolean;
}

export interface CandidatRow {
  id: string;
  numeroSne: string;
  rang: number;
  tailleMenage: number;
  quartile: 1 | 2 | 3 | 4;
  prioritaire: boolean;
}

export type CandidatInsert = Omit<CandidatRow, 'id'>;

/** One proposition in a list, with the names a person reads (flat, commune, convention, réservataire, bailleur). */
export interface PropositionListRow {
  id: string;
  status: PropositionStatus;
  conventionId: string;
  conventionReference: string;
  reservataireNom: string;
  bailleurNom: string;
  sousQuota: string | null;
  /** The sub-quota's name (its code when the convention does not name it). */
  sousQuotaNom: string | null;
  logementId: string;
  rplsId: string;
  commune: string;
  communeNom: string | null;
  /** The résidence (programme). */
  adresse: string | null;
  typologie: Typologie;
  financement: string;
  qpv: boolean;
  liberationId: string;
  /** The libération's day, `YYYY-MM-DD`. */
  dateLiberation: string;
  sentAt: Date;
  delaiExpireAt: Date | null;
}

export interface SuiviConvention {
  /** Candidates refused by the CAL. */
  refusCal: number;
  /** Candidates who refused the flat. */
  refusCandidats: number;
  /** Flats the réservataire declined. */
  declins: number;
  /** Flats let (signed leases) and the vacancy days they stayed empty. */
  baux: number;
  joursVacance: number;
}

const bornesAnnee = (annee: number | string): [string, string] => [`${annee}-01-01`, `${annee}-12-31`];

/** A candidate (alias c) out of the running: refused by the CAL, or having refused the flat. */
const HORS_LICE = `(c.refus_at IS NOT NULL OR EXISTS (SELECT 1 FROM cal_decision d WHERE d.candidat_id = c.id AND d.decision = 'REFUS'))`;

/**
 * The proposition aggregate: the proposition, its candidates, the CAL's decisions, the lease. Bound
 * to the DataSource when injected; `within(manager)` for the live flow's transaction.
 */
export class PropositionRepository extends SqlRepository {
  async find(propositionId: string, forUpdate = false): Promise<PropositionRow | null> {
    const [p] = await this.m().query<PropositionRow[]>(
      `SELECT p.id, p.status, p.convention_id AS "conventionId", p.bailleur_id AS "bailleurId", p.delai_expire_at AS "delaiExpireAt",
              d.sous_quota AS "sousQuota", l.logement_id AS "logementId", l.date::text AS date, p.hors_flux AS "horsFlux"
       FROM proposition p JOIN orientation_decision d ON d.id = p.decision_id JOIN liberation l ON l.id = d.liberation_id
       WHERE p.id = $1 ${forUpdate ? 'FOR UPDATE OF p' : ''}`,
      [propositionId],
    );
    return p ? { ...p, delaiExpireAt: p.delaiExpireAt ? new Date(p.delaiExpireAt) : null } : null;
  }

  async setStatus(propositionId: string, status: PropositionStatus): Promise<void> {
    await this.m().query(`UPDATE proposition SET status = $2, updated_at = now() WHERE id = $1`, [
      propositionId,
      status,
    ]);
  }

  async decliner(propositionId: string, motif: string): Promise<void> {
    await this.m().query(`UPDATE proposition SET declin_at = now(), declin_motif = $2 WHERE id = $1`, [
      propositionId,
      motif,
    ]);
  }

  async reservataireOfConvention(conventionId: string): Promise<string | null> {
    const [c] = await this.m().query<Array<{ reservataireId: string }>>(
      `SELECT reservataire_id AS "reservataireId" FROM convention WHERE id = $1`,
      [conventionId],
    );
    return c?.reservataireId ?? null;
  }

  /** Whether `delai.expiring` was already journaled for this proposition. */
  async avertissementEnvoye(bailleurId: string, propositionId: string): Promise<boolean> {
    const rows = await this.m().query<unknown[]>(
      `SELECT 1 FROM event_log WHERE bailleur_id = $1 AND type = 'delai.expiring' AND payload->>'propositionId' = $2 LIMIT 1`,
      [bailleurId, propositionId],
    );
    return rows.length > 0;
  }

  async candidats(propositionId: string): Promise<CandidatRow[]> {
    return this.m().query<CandidatRow[]>(
      `SELECT id, numero_sne AS "numeroSne", rang, taille_menage AS "tailleMenage", quartile, prioritaire FROM candidat WHERE proposition_id = $1 ORDER BY rang, numero_sne`,
      [propositionId],
    );
  }

  async candidat(propositionId: string, candidatId: string): Promise<Omit<CandidatRow, 'tailleMenage'> | null> {
    const [c] = await this.m().query<Array<Omit<CandidatRow, 'tailleMenage'>>>(
      `SELECT id, numero_sne AS "numeroSne", rang, quartile, prioritaire FROM candidat WHERE id = $1 AND proposition_id = $2`,
      [candidatId, propositionId],
    );
    return c ?? null;
  }

  async insertCandidat(propositionId: string, c: CandidatInsert): Promise<void> {
    await this.m().query(
      `INSERT INTO candidat (proposition_id, numero_sne, rang, taille_menage, quartile, prioritaire) VALUES ($1, $2, $3, $4, $5, $6)`,
      [propositionId, c.numeroSne, c.rang, c.tailleMenage, c.quartile, c.prioritaire],
    );
  }

  /** Candidates neither refused by the CAL nor having refused the flat themselves. */
  async candidatsEnLice(propositionId: string): Promise<number> {
    const [row] = await this.m().query<Array<{ n: number }>>(
      `SELECT count(*)::int AS n FROM candidat c WHERE c.proposition_id = $1 AND NOT ${HORS_LICE}`,
      [propositionId],
    );
    return row.n;
  }

  /** Ids of the candidates out of the running: refused by the CAL or having refused the flat. */
  async candidatsHorsLice(propositionId: string): Promise<Set<string>> {
    const rows = await this.m().query<Array<{ id: string }>>(
      `SELECT c.id FROM candidat c WHERE c.proposition_id = $1 AND ${HORS_LICE}`,
      [propositionId],
    );
    return new Set(rows.map((r) => r.id));
  }

  /** Whether the candidate refused the flat (by themselves, or answering an attribution). */
  async aRefuse(candidatId: string): Promise<boolean> {
    const rows = await this.m().query<unknown[]>(
      `SELECT 1 FROM candidat WHERE id = $1 AND refus_at IS NOT NULL UNION ALL SELECT 1 FROM cal_decision WHERE candidat_id = $1 AND reponse_candidat = 'REFUSE'`,
      [candidatId],
    );
    return rows.length > 0;
  }

  /** Whether the candidate refused the flat themselves. */
  async refusDuCandidat(candidatId: string): Promise<boolean> {
    const rows = await this.m().query<unknown[]>(
      `SELECT refus_at FROM candidat WHERE id = $1 AND refus_at IS NOT NULL`,
      [candidatId],
    );
    return rows.length > 0;
  }

  async refuser(candidatId: string): Promise<void> {
    await this.m().query(`UPDATE candidat SET refus_at = now() WHERE id = $1`, [candidatId]);
  }

  async insertDecisionCal(
    candidatId: string,
    decision: CalDecisionKind,
    rang: number | null,
    dateCal: string,
  ): Promise<void> {
    await this.m().query(`INSERT INTO cal_decision (candidat_id, decision, rang, date_cal) VALUES ($1, $2, $3, $4)`, [
      candidatId,
      decision,
      rang,
      dateCal,
    ]);
  }

  /** The candidate's latest CAL decision (kind and day), if any. */
  async derniereDecisionCal(candidatId: string): Promise<{ decision: string; dateCal: string } | null> {
    const [row] = await this.m().query<Array<{ decision: string; dateCal: string }>>(
      `SELECT decision, date_cal::text AS "dateCal" FROM cal_decision WHERE candidat_id = $1 ORDER BY date_cal DESC, created_at DESC LIMIT 1`,
      [candidatId],
    );
    return row ?? null;
  }

  /** The candidate's latest attribution still unanswered (`rang1`: at rank 1 only). */
  async attributionEnAttente(candidatId: string, rang1 = false): Promise<{ id: string; rang: number } | null> {
    const [row] = await this.m().query<Array<{ id: string; rang: number }>>(
      `SELECT id, rang FROM cal_decision WHERE candidat_id = $1 AND decision = 'ATTRIBUTION' ${rang1 ? 'AND rang = 1' : ''} AND reponse_candidat IS NULL
       ORDER BY created_at DESC LIMIT 1`,
      [candidatId],
    );
    return row ?? null;
  }

  async repondreAttribution(decisionCalId: string, reponse: 'ACCEPTE' | 'REFUSE'): Promise<void> {
    await this.m().query(`UPDATE cal_decision SET reponse_candidat = $2, reponse_at = now() WHERE id = $1`, [
      decisionCalId,
      reponse,
    ]);
  }

  async insertBail(b: {
    propositionId: string;
    candidatId: string;
    logementId: string;
    bailleurId: string;
    signedAt: string;
  }): Promise<void> {
    await this.m().query(
      `INSERT INTO bail (proposition_id, candidat_id, logement_id, bailleur_id, signed_at) VALUES ($1, $2, $3, $4, $5)`,
      [b.propositionId, b.candidatId, b.logementId, b.bailleurId, b.signedAt],
    );
  }

  async bailSigne(propositionId: string): Promise<boolean> {
    const rows = await this.m().query<unknown[]>(`SELECT 1 FROM bail WHERE proposition_id = $1`, [propositionId]);
    return rows.length > 0;
  }

  /** Days the flat stayed empty: from its libération to the signed lease (null while not let). */
  async joursVacance(propositionId: string): Promise<number | null> {
    const [row] = await this.m().query<Array<{ jours: number | null }>>(
      `SELECT (b.signed_at - l.date)::int AS jours FROM proposition p
       JOIN orientation_decision d ON d.id = p.decision_id JOIN liberation l ON l.id = d.liberation_id
       LEFT JOIN bail b ON b.proposition_id = p.id WHERE p.id = $1`,
      [propositionId],
    );
    return row?.jours ?? null;
  }

  /** The propositions still waiting for candidates within a délai (their jobs are scheduled again after a restart). */
  async enAttenteAvecDelai(): Promise<Array<{ id: string; delaiExpireAt: Date }>> {
    return this.m().query<Array<{ id: string; delaiExpireAt: Date }>>(
      `SELECT id, delai_expire_at AS "delaiExpireAt" FROM proposition WHERE status = 'EN_ATTENTE' AND delai_expire_at IS NOT NULL`,
    );
  }

  /** Moves the end of every running délai forward by `ecartMs`; returns those délais, soonest first. */
  async reporterDelaisEnCours(ecartMs: number): Promise<Array<{ id: string; delaiExpireAt: Date }>> {
    return this.m().query<Array<{ id: string; delaiExpireAt: Date }>>(
      `WITH moved AS (
         UPDATE proposition SET delai_expire_at = delai_expire_at + make_interval(secs => $1::double precision / 1000)
         WHERE status = 'EN_ATTENTE' AND delai_expire_at IS NOT NULL RETURNING id, delai_expire_at)
       SELECT id, delai_expire_at AS "delaiExpireAt" FROM moved ORDER BY delai_expire_at, id`,
      [ecartMs],
    );
  }

  /** The convention's propositions for libérations of `annee`, and the delegated ones among them (no délai). */
  async propositionsAnnee(conventionId: string, annee: number | string): Promise<{ total: number; delegues: number }> {
    const [row] = await this.m().query<Array<{ total: number; delegues: number }>>(
      `SELECT count(*)::int AS total, count(*) FILTER (WHERE p.delai_expire_at IS NULL)::int AS delegues
       FROM proposition p JOIN orientation_decision d ON d.id = p.decision_id JOIN liberation l ON l.id = d.liberation_id
       WHERE p.convention_id = $1 AND l.date BETWEEN $2::date AND $3::date`,
      [conventionId, ...bornesAnnee(annee)],
    );
    return row;
  }

  /** Per convention, the NEUF first lettings proposed to it outside the flux (libérations of `annee`). */
  async premieresLocationsParConvention(bailleurId: string, annee: number): Promise<Map<string, number>> {
    const rows = await this.m().query<Array<{ conventionId: string; n: number }>>(
      `SELECT p.convention_id AS "conventionId", count(*)::int AS n FROM proposition p
       JOIN orientation_decision d ON d.id = p.decision_id JOIN liberation l ON l.id = d.liberation_id
       WHERE p.bailleur_id = $1 AND p.hors_flux AND l.date BETWEEN $2::date AND $3::date GROUP BY p.convention_id`,
      [bailleurId, ...bornesAnnee(annee)],
    );
    return new Map(rows.map((r) => [r.conventionId, r.n]));
  }

  /** Per convention, the year's recorded refusals and vacancy days (libérations of `annee`). */
  async suiviParConvention(bailleurId: string, annee: number): Promise<Map<string, SuiviConvention>> {
    const rows = await this.m().query<Array<SuiviConvention & { conventionId: string }>>(
      `SELECT p.convention_id AS "conventionId",
              COALESCE(sum((SELECT count(*) FROM cal_decision cd JOIN candidat c ON c.id = cd.candidat_id WHERE c.proposition_id = p.id AND cd.decision = 'REFUS')), 0)::int AS "refusCal",
              COALESCE(sum((SELECT count(*) FROM candidat c WHERE c.proposition_id = p.id AND c.refus_at IS NOT NULL)), 0)::int AS "refusCandidats",
              count(*) FILTER (WHERE p.declin_at IS NOT NULL)::int AS declins,
              count(b.id)::int AS baux,
              COALESCE(sum(b.signed_at - l.date), 0)::int AS "joursVacance"
       FROM proposition p JOIN orientation_decision d ON d.id = p.decision_id JOIN liberation l ON l.id = d.liberation_id
       LEFT JOIN bail b ON b.proposition_id = p.id
       WHERE p.bailleur_id = $1 AND l.date BETWEEN $2::date AND $3::date
       GROUP BY p.convention_id`,
      [bailleurId, ...bornesAnnee(annee)],
    );
    return new Map(rows.map(({ conventionId, ...s }) => [conventionId, s]));
  }

  /**
   * The propositions of these bailleurs (`reservataireId`: only to its conventions). Order: those
   * still waiting with a délai first, the nearest délai first; then the others, most recently sent first.
   */
  async page(filter: {
    bailleurIds: readonly string[];
    reservataireId: string | null;
    status: PropositionStatus | null;
    conventionId: string | null;
    limit: number;
    offset: number;
  }): Promise<Page<PropositionListRow>> {
    const params = [filter.bailleurIds, filter.reservataireId, filter.status, filter.conventionId];
    const from = `
      FROM proposition p
      JOIN convention c ON c.id = p.convention_id
      JOIN orientation_decision d ON d.id = p.decision_id
      JOIN liberation l ON l.id = d.liberation_id
      JOIN logement lg ON lg.id = l.logement_id ${LOGEMENT_LU_JOINS}
      JOIN reservataire r ON r.id = c.reservataire_id
      JOIN bailleur b ON b.id = p.bailleur_id
      WHERE p.bailleur_id = ANY($1::uuid[])
        AND ($2::uuid IS NULL OR c.reservataire_id = $2::uuid)
        AND ($3::proposition_status IS NULL OR p.status = $3::proposition_status)
        AND ($4::uuid IS NULL OR p.convention_id = $4::uuid)`;
    const [items, [{ total }]] = await Promise.all([
      this.m().query<PropositionListRow[]>(
        `SELECT p.id, p.status, p.convention_id AS "conventionId", c.reference AS "conventionReference", r.nom AS "reservataireNom",
                b.nom AS "bailleurNom", d.sous_quota AS "sousQuota", ${sousQuotaNomme('c', 'd.sous_quota')} AS "sousQuotaNom",
                l.logement_id AS "logementId", lg.rpls_id AS "rplsId", lg.commune, cm.nom AS "communeNom", pg.nom AS adresse,
                lg.typologie, lg.financement, lg.qpv, l.id AS "liberationId", l.date::text AS "dateLiberation",
                p.sent_at AS "sentAt", p.delai_expire_at AS "delaiExpireAt"
         ${from}
         ORDER BY CASE WHEN p.status = 'EN_ATTENTE' THEN p.delai_expire_at END ASC NULLS LAST, p.sent_at DESC, p.id
         LIMIT $5 OFFSET $6`,
        [...params, filter.limit, filter.offset],
      ),
      this.m().query<Array<{ total: number }>>(`SELECT count(*)::int AS total ${from}`, params),
    ]);
    return { items, total };
  }
}

/**
 * The recorded life of a proposition, read back (plain SQL on the flow's tables): which candidates
 * are still in the running, whether the lease is signed, the CAL's postponements, and per flat and
 * per convention the refusals (by the CAL, the candidate, the réservataire) and the vacancy days
 * (libération → signed lease) the guides ask a bilan to show.
 */
import type { EntityManager } from 'typeorm';

/** Candidates neither refused by the CAL nor having refused the flat themselves. */
export async function candidatsEnLice(manager: EntityManager, propositionId: string): Promise<number> {
  const [row]: Array<{ n: number }> = await manager.query(
    `SELECT count(*)::int AS n FROM candidat c
     WHERE c.proposition_id = $1 AND c.refus_at IS NULL
       AND NOT EXISTS (SELECT 1 FROM cal_decision d WHERE d.candidat_id = c.id AND d.decision = 'REFUS')`,
    [propositionId],
  );
  return row.n;
}

export async function bailSigne(manager: EntityManager, propositionId: string): Promise<boolean> {
  const rows: unknown[] = await manager.query(`SELECT 1 FROM bail WHERE proposition_id = $1`, [propositionId]);
  return rows.length > 0;
}

/** The candidate's latest CAL decision (kind and day), if any. */
export async function derniereDecisionCal(manager: EntityManager, candidatId: string): Promise<{ decision: string; dateCal: string } | null> {
  const [row] = await manager.query<Array<{ decision: string; dateCal: string }>>(
    `SELECT decision, date_cal::text AS "dateCal" FROM cal_decision WHERE candidat_id = $1 ORDER BY date_cal DESC, created_at DESC LIMIT 1`,
    [candidatId],
  );
  return row ?? null;
}

/** Days the flat stayed empty: from its libération to the signed lease (null while not let). */
export async function joursVacance(manager: EntityManager, propositionId: string): Promise<number | null> {
  const [row]: Array<{ jours: number | null }> = await manager.query(
    `SELECT (b.signed_at - l.date)::int AS jours FROM proposition p
     JOIN orientation_decision d ON d.id = p.decision_id JOIN liberation l ON l.id = d.liberation_id
     LEFT JOIN bail b ON b.proposition_id = p.id WHERE p.id = $1`,
    [propositionId],
  );
  return row?.jours ?? null;
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

/** Per convention, the year's recorded refusals and vacancy days (libérations of `annee`). */
export async function suiviParConvention(manager: EntityManager, bailleurId: string, annee: number): Promise<Map<string, SuiviConvention>> {
  const rows: Array<SuiviConvention & { conventionId: string }> = await manager.query(
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
    [bailleurId, `${annee}-01-01`, `${annee}-12-31`],
  );
  return new Map(rows.map(({ conventionId, ...s }) => [conventionId, s]));
}

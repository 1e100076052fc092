import { EngineInputError, verifierSeuils, type SeuilQuartile } from '@aiguillage/engine';
import { InvalidInputError } from '../errors';
import { managerOf, type Db } from '../repository.utils';
import { check } from '../validation';

/** The core reads the thresholds through this repository. */
export type { SeuilQuartile };

const COLONNES = `territoire, annee, seuil_q1_centimes AS "seuilQ1Centimes", seuil_q2_centimes AS "seuilQ2Centimes",
  seuil_q3_centimes AS "seuilQ3Centimes", arrete`;

/** A flat's place: what its thresholds depend on, and the commune's name for the messages. */
export interface LieuDuLogement {
  epci: string | null;
  departement: string;
  commune: string;
}

/** A territory and the other bailleurs (names) with flats there. */
export interface AutresBailleursDuTerritoire {
  territoire: string;
  /** The EPCI's name (null for the region, or an unknown SIREN). */
  nom: string | null;
  bailleurs: string[];
}

/** Île-de-France's départements: their first-quartile threshold is set region-wide (region 11). */
const DEPARTEMENTS_IDF = new Set(['75', '77', '78', '91', '92', '93', '94', '95']);
export const REGION_IDF = '11';

/**
 * The territories whose threshold applies to a flat, most specific first: its EPCI, then in
 * Île-de-France the region.
 */
export function territoiresDuLogement(epci: string | null, departement: string): string[] {
  return [...(epci ? [epci] : []), ...(DEPARTEMENTS_IDF.has(departement) ? [REGION_IDF] : [])];
}

/** Income quartile thresholds per territory and year: public data, not scoped by bailleur. */
export class SeuilQuartileRepository {
  constructor(private readonly db: Db) {}

  /** Every threshold of a year (all years when omitted), by year then territory. */
  lister(annee?: number): Promise<SeuilQuartile[]> {
    if (annee !== undefined) check.integer(annee, 'annee', 2000, 2100);
    return managerOf(this.db).query(
      `SELECT ${COLONNES} FROM seuil_quartile WHERE $1::int IS NULL OR annee = $1 ORDER BY annee, territoire`,
      [annee ?? null],
    );
  }

  /** The stored thresholds among these territory × year keys. */
  parCles(cles: ReadonlyArray<{ territoire: string; annee: number }>): Promise<SeuilQuartile[]> {
    if (cles.length === 0) return Promise.resolve([]);
    return managerOf(this.db).query(
      `SELECT ${COLONNES} FROM seuil_quartile s JOIN unnest($1::varchar[], $2::int[]) AS u(t, a) ON s.territoire = u.t AND s.annee = u.a`,
      [cles.map((c) => c.territoire), cles.map((c) => c.annee)],
    );
  }

  /** The first of `territoires` (most specific first) with a threshold for the year, or null. */
  async pour(territoires: readonly string[], annee: number): Promise<SeuilQuartile | null> {
    if (territoires.length === 0) return null;
    const rows: SeuilQuartile[] = await managerOf(this.db).query(
      `SELECT ${COLONNES} FROM seuil_quartile WHERE territoire = ANY($1::varchar[]) AND annee = $2 ORDER BY array_position($1::varchar[], territoire::varchar) LIMIT 1`,
      [territoires, annee],
    );
    return rows[0] ?? null;
  }

  /** Inserts or replaces (same territory and year) in one statement. */
  async enregistrer(seuils: readonly SeuilQuartile[]): Promise<void> {
    seuils.forEach((s, i) => {
      check.text(s.territoire, `seuils[${i}].territoire`, 9);
      check.integer(s.annee, `seuils[${i}].annee`, 2000, 2100);
      check.optionalText(s.arrete, `seuils[${i}].arrete`, 200);
      try {
        verifierSeuils({ q1: s.seuilQ1Centimes, q2: s.seuilQ2Centimes, q3: s.seuilQ3Centimes });
      } catch (e) {
        if (e instanceof EngineInputError) throw new InvalidInputError(`seuils[${i}].${e.champ}`, e.raison);
        throw e;
      }
    });
    if (seuils.length === 0) return;
    await managerOf(this.db).query(
      `INSERT INTO seuil_quartile (territoire, annee, seuil_q1_centimes, seuil_q2_centimes, seuil_q3_centimes, arrete)
       SELECT * FROM unnest($1::varchar[], $2::smallint[], $3::int[], $4::int[], $5::int[], $6::varchar[])
       ON CONFLICT (territoire, annee) DO UPDATE SET seuil_q1_centimes = EXCLUDED.seuil_q1_centimes, seuil_q2_centimes = EXCLUDED.seuil_q2_centimes,
         seuil_q3_centimes = EXCLUDED.seuil_q3_centimes, arrete = EXCLUDED.arrete, updated_at = now()`,
      [
        seuils.map((s) => s.territoire),
        seuils.map((s) => s.annee),
        seuils.map((s) => s.seuilQ1Centimes),
        seuils.map((s) => s.seuilQ2Centimes),
        seuils.map((s) => s.seuilQ3Centimes),
        seuils.map((s) => s.arrete),
      ],
    );
  }

  /** Where a flat is, for its thresholds and the messages: EPCI, département, commune's name. */
  async lieuDuLogement(logementId: string): Promise<LieuDuLogement | null> {
    const [lieu] = await managerOf(this.db).query<LieuDuLogement[]>(
      `SELECT l.epci, l.departement, coalesce(c.nom, l.commune) AS commune FROM logement l LEFT JOIN commune c ON c.insee = l.commune WHERE l.id = $1`,
      [logementId],
    );
    return lieu ?? null;
  }

  /** The EPCI's name, or null when its SIREN is unknown. */
  async nomEpci(siren: string): Promise<string | null> {
    const [epci] = await managerOf(this.db).query<Array<{ nom: string }>>(`SELECT nom FROM epci WHERE siren = $1`, [
      siren,
    ]);
    return epci?.nom ?? null;
  }

  /**
   * Per territory, the bailleurs other than `bailleurIds` with flats there (by name): whom replacing
   * its threshold would also concern. Territories without such bailleurs are left out.
   */
  autresBailleurs(
    territoires: readonly string[],
    bailleurIds: readonly string[],
  ): Promise<AutresBailleursDuTerritoire[]> {
    return managerOf(this.db).query(
      `SELECT u.t AS territoire, min(e.nom) AS nom, array_agg(DISTINCT b.nom ORDER BY b.nom) AS bailleurs
       FROM unnest($1::varchar[]) AS u(t)
       JOIN logement l ON (l.epci = u.t OR (u.t = $3 AND l.departement = ANY($4::varchar[])))
       JOIN bailleur b ON b.id = l.bailleur_id
       LEFT JOIN epci e ON e.siren = u.t
       WHERE NOT (l.bailleur_id = ANY($2::uuid[]))
       GROUP BY u.t ORDER BY u.t`,
      [territoires, bailleurIds, REGION_IDF, [...DEPARTEMENTS_IDF]],
    );
  }
}

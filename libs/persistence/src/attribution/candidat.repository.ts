import { managerOf, type Db } from '../repository.utils';

/**
 * When a proposition is closed, in SQL (NULL while it is open): a lease signed (its signature
 * date), returned to the bailleur at the end of its délai (EXPIREE) or declined / withdrawn
 * (ANNULEE: its last change, or the decline if later). ATTRIBUEE without a lease is still open.
 */
export const PROPOSITION_CLOSE_AT = `CASE
    WHEN p.status = 'ATTRIBUEE' THEN (SELECT b.signed_at::timestamptz FROM bail b WHERE b.proposition_id = p.id)
    WHEN p.status IN ('EXPIREE', 'ANNULEE') THEN GREATEST(p.updated_at, p.declin_at)
  END`;

/** The candidates' personal data (SNE number, household size) and its retention. */
export class CandidatRepository {
  constructor(private readonly db: Db) {}

  /**
   * Erases the SNE number and household size of every candidate whose proposition closed more than
   * `retentionJours` days before `maintenant` (NULL, `purge_at` = `maintenant`); quartile,
   * prioritaire, rank and wished typology stay. Idempotent: purged rows are skipped. Returns how
   * many candidates were purged now.
   */
  async purger(maintenant: Date, retentionJours: number): Promise<number> {
    if (!Number.isInteger(retentionJours) || retentionJours < 0)
      throw new RangeError(`durée de conservation invalide : ${retentionJours}`);
    const [{ n }] = await managerOf(this.db).query<Array<{ n: number }>>(
      `WITH purges AS (
         UPDATE candidat c SET numero_sne = NULL, taille_menage = NULL, purge_at = $1
         FROM proposition p
         WHERE c.proposition_id = p.id AND c.purge_at IS NULL
           AND (${PROPOSITION_CLOSE_AT}) < $1::timestamptz - make_interval(days => $2::int)
         RETURNING 1)
       SELECT count(*)::int AS n FROM purges`,
      [maintenant, retentionJours],
    );
    return n;
  }
}

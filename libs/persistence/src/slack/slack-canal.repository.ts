import { SqlRepository } from '../repository.utils';

/** A bailleur's channel for a territory ('' = the whole bailleur). */
export interface SlackCanalRow {
  territoire: string;
  canal: string;
}

/** The bailleur → Slack channel mapping (`slack_canal`) and the daily digests it plans. */
export class SlackCanalRepository extends SqlRepository {
  async list(bailleurId: string): Promise<SlackCanalRow[]> {
    return this.m().query<SlackCanalRow[]>(
      `SELECT territoire, canal FROM slack_canal WHERE bailleur_id = $1 ORDER BY territoire`,
      [bailleurId],
    );
  }

  /** Replaces the bailleur's whole mapping in one transaction (an empty list removes it). */
  async replace(bailleurId: string, canaux: readonly SlackCanalRow[], updatedBy: string): Promise<void> {
    await this.m().transaction(async (m) => {
      await m.query(`DELETE FROM slack_canal WHERE bailleur_id = $1`, [bailleurId]);
      for (const c of canaux) {
        await m.query(`INSERT INTO slack_canal (bailleur_id, territoire, canal, updated_by) VALUES ($1, $2, $3, $4)`, [
          bailleurId,
          c.territoire,
          c.canal,
          updatedBy,
        ]);
      }
    });
  }

  /** The bailleur's whole-bailleur channel and its name (where its digest goes). */
  async digestChannel(bailleurId: string): Promise<{ canal: string; nom: string } | null> {
    const [row] = await this.m().query<Array<{ canal: string; nom: string }>>(
      `SELECT sc.canal, b.nom FROM slack_canal sc JOIN bailleur b ON b.id = sc.bailleur_id WHERE sc.bailleur_id = $1 AND sc.territoire = ''`,
      [bailleurId],
    );
    return row ?? null;
  }

  /**
   * Writes the `slack.digest` job of `jour` to the outbox for every bailleur with a whole-bailleur
   * channel (once per bailleur and day: its job id), notifies `notifyChannel`; returns how many now.
   */
  async planDigests(jour: string, notifyChannel: string): Promise<number> {
    const [row] = await this.m().query<Array<{ n: number }>>(
      `WITH ob AS (
         INSERT INTO outbox (topic, payload, job_id)
         SELECT 'slack.digest', jsonb_build_object('bailleurId', sc.bailleur_id, 'date', $1::text), 'slack-digest-' || sc.bailleur_id || '-' || $1::text
         FROM slack_canal sc WHERE sc.territoire = ''
         ON CONFLICT (job_id) DO NOTHING RETURNING id)
       SELECT count(*)::int AS n, (SELECT pg_notify($2, '') FROM ob LIMIT 1) AS notified FROM ob`,
      [jour, notifyChannel],
    );
    return row.n;
  }
}

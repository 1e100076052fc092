import { SqlRepository } from '../repository.utils';

/** An event of the log as the Slack projection reads it (`payload` only for the types it follows). */
export interface SlackProjectedEvent<P> {
  id: string;
  type: string;
  bailleurId: string;
  payload: P | null;
}

/** A recommendation to turn into a suggestion message. */
export interface SlackSuggestionInsert {
  bailleurId: string;
  liberationId: string;
  logementId: string;
  recommendationId: string;
}

/**
 * The projection of the event log into Slack messages: its cursor (`slack_curseur`) and the messages
 * each event queues. Meant to run in one transaction (`within(manager)`).
 */
export class SlackProjectionRepository extends SqlRepository {
  /** Locks the cursor (created at the log's end the first time) and returns the last event id read. */
  async lockCursor(nom: string): Promise<string> {
    await this.m().query(
      `INSERT INTO slack_curseur (nom, last_event_id) SELECT $1, coalesce(max(id), 0) FROM event_log ON CONFLICT (nom) DO NOTHING`,
      [nom],
    );
    const [{ last }] = await this.m().query<Array<{ last: string }>>(
      `SELECT last_event_id::text AS last FROM slack_curseur WHERE nom = $1 FOR UPDATE`,
      [nom],
    );
    return last;
  }

  async moveCursor(nom: string, lastEventId: string): Promise<void> {
    await this.m().query(`UPDATE slack_curseur SET last_event_id = $2 WHERE nom = $1`, [nom, lastEventId]);
  }

  /** The events after `last`, in the log's order; the payload only for `types`. */
  async eventsAfter<P>(last: string, limit: number, types: readonly string[]): Promise<Array<SlackProjectedEvent<P>>> {
    return this.m().query<Array<SlackProjectedEvent<P>>>(
      `SELECT id::text AS id, type, bailleur_id AS "bailleurId", CASE WHEN type = ANY($3::varchar[]) THEN payload END AS payload
       FROM event_log e WHERE e.id > $1 ORDER BY e.id LIMIT $2`,
      [last, limit, types],
    );
  }

  /**
   * The suggestions of recommendations, in this order, each to its bailleur's most specific channel
   * (the flat's commune, then its EPCI, then the whole bailleur); returns their channels. A
   * recommendation computed again for a libération whose suggestion was already queued (recalculated
   * on a newer state) queues instead an update of that message, which then shows the new one and
   * its buttons: the message stays true.
   */
  async queueSuggestions(rows: readonly SlackSuggestionInsert[]): Promise<string[]> {
    if (rows.length === 0) return [];
    const out = await this.m().query<Array<{ canal: string }>>(
      `WITH u AS (
         SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::uuid[]) WITH ORDINALITY AS u(bailleur_id, liberation_id, logement_id, recommendation_id, n)),
       mises_a_jour AS (
         INSERT INTO slack_message (cle, canal, kind, bailleur_id, liberation_id, ref)
         SELECT 'recommandation-' || u.recommendation_id, s.canal, 'DECISION', s.bailleur_id, s.liberation_id, jsonb_build_object('recommendationId', u.recommendation_id)
         FROM u JOIN slack_message s ON s.kind = 'SUGGESTION' AND s.liberation_id = u.liberation_id
         ORDER BY u.n
         ON CONFLICT (cle) DO NOTHING RETURNING canal),
       suggestions AS (
         INSERT INTO slack_message (cle, canal, kind, bailleur_id, liberation_id, ref)
         SELECT 'suggestion-' || u.liberation_id, c.canal, 'SUGGESTION', u.bailleur_id, u.liberation_id, jsonb_build_object('recommendationId', u.recommendation_id)
         FROM u JOIN logement lg ON lg.id = u.logement_id
         CROSS JOIN LATERAL (
           SELECT sc.canal FROM slack_canal sc
           WHERE sc.bailleur_id = u.bailleur_id AND sc.territoire IN ('', lg.commune, coalesce(lg.epci, ''))
           ORDER BY CASE sc.territoire WHEN lg.commune THEN 0 WHEN '' THEN 2 ELSE 1 END LIMIT 1) c
         ORDER BY u.n
         ON CONFLICT (cle) DO NOTHING RETURNING canal)
       SELECT canal FROM mises_a_jour UNION ALL SELECT canal FROM suggestions`,
      [
        rows.map((r) => r.bailleurId),
        rows.map((r) => r.liberationId),
        rows.map((r) => r.logementId),
        rows.map((r) => r.recommendationId),
      ],
    );
    return out.map((r) => r.canal);
  }

  /** An update of the libération's suggestion (in its channel), keyed `cle`; returns its channel. */
  async queueDecisionUpdate(cle: string, liberationId: string | undefined, eventId: string): Promise<string[]> {
    return this.canaux(
      `INSERT INTO slack_message (cle, canal, kind, bailleur_id, liberation_id, ref)
       SELECT $1, s.canal, 'DECISION', s.bailleur_id, s.liberation_id, jsonb_build_object('eventId', $3::text)
       FROM slack_message s WHERE s.kind = 'SUGGESTION' AND s.liberation_id = $2
       ON CONFLICT (cle) DO NOTHING RETURNING canal`,
      [cle, liberationId, eventId],
    );
  }

  /**
   * An approval request, in the suggestion's channel, else in `approbations` (none when neither);
   * returns its channel.
   */
  async queueDerogation(d: {
    cle: string;
    bailleurId: string;
    liberationId: string | undefined;
    overrideRequestId: string | undefined;
    approbations: string | null;
  }): Promise<string[]> {
    return this.canaux(
      `INSERT INTO slack_message (cle, canal, kind, bailleur_id, liberation_id, ref)
       SELECT $1, c.canal, 'DEROGATION', $2, $3, jsonb_build_object('overrideRequestId', $4::text)
       FROM (SELECT coalesce((SELECT canal FROM slack_message WHERE kind = 'SUGGESTION' AND liberation_id = $3), $5::varchar) AS canal) c
       WHERE c.canal IS NOT NULL
       ON CONFLICT (cle) DO NOTHING RETURNING canal`,
      [d.cle, d.bailleurId, d.liberationId, d.overrideRequestId, d.approbations],
    );
  }

  /** The outcome of an approval request, beside its request message (keyed `demandeCle`); returns its channel. */
  async queueDerogationIssue(d: {
    cle: string;
    demandeCle: string;
    overrideRequestId: string | undefined;
    status: string | undefined;
    actorId: string | undefined;
    comment: string | null | undefined;
  }): Promise<string[]> {
    return this.canaux(
      `INSERT INTO slack_message (cle, canal, kind, bailleur_id, liberation_id, ref)
       SELECT $1, d.canal, 'DEROGATION_ISSUE', d.bailleur_id, d.liberation_id,
              jsonb_build_object('overrideRequestId', $3::text, 'status', $4::text, 'par', coalesce(u.nom, 'un responsable'),
                                 'depuis', CASE WHEN $6::text = 'Depuis Slack' THEN 'depuis Slack' ELSE 'depuis l''application' END)
       FROM slack_message d LEFT JOIN app_user u ON u.id = $5::uuid WHERE d.cle = $2
       ON CONFLICT (cle) DO NOTHING RETURNING canal`,
      [d.cle, d.demandeCle, d.overrideRequestId, d.status, d.actorId, d.comment],
    );
  }

  private async canaux(sql: string, params: unknown[]): Promise<string[]> {
    return (await this.m().query<Array<{ canal: string }>>(sql, params)).map((r) => r.canal);
  }
}

import type { OptionOrientation } from '@aiguillage/engine';
import type { LogementLuRow } from '../logement/logement-lu';
import { dernierStatut } from '../orientation/override-request.repository';
import { SqlRepository } from '../repository.utils';
import { sousQuotasNommes, type SousQuotasNommes } from '../convention/sous-quotas-nommes';

/** What a Slack message says of a flat. */
export type SlackLogementRow = Pick<
  LogementLuRow,
  'rplsId' | 'commune' | 'communeNom' | 'typologie' | 'qpv' | 'financement'
>;

/** A libération with its flat and its latest recommendation. */
export interface SlackSuggestionRow extends SlackLogementRow {
  id: string;
  bailleurId: string;
  bailleurNom: string | null;
  date: string;
  /** The flat's département (with the bailleur and the year of `date`: the exercice). */
  departement: string;
  recommendationId: string | null;
  options: OptionOrientation[] | null;
}

/** The decision of a libération, who took it and whether from Slack. */
export interface SlackDecisionRow {
  kind: string;
  conventionId: string | null;
  sousQuota: string | null;
  usage: string | null;
  isOverride: boolean;
  decidedAt: Date;
  nom: string | null;
  motif: string | null;
  depuisSlack: boolean;
}

/** The linked account behind a Slack user (active accounts only) and its bailleurs. */
export interface SlackCompteRow {
  id: string;
  nom: string;
  role: string;
  bailleurIds: string[];
}

/** What the bot's messages and App Home read (read-only), and the decisions attempted from Slack (`slack_origine`). */
export class SlackSuggestionRepository extends SqlRepository {
  /** The libération, its flat and its latest recommendation (null when the libération does not exist). */
  async liberation(liberationId: string): Promise<SlackSuggestionRow | null> {
    const [row] = await this.m().query<SlackSuggestionRow[]>(
      `SELECT l.id, l.bailleur_id AS "bailleurId", b.nom AS "bailleurNom", l.date::text AS date, lg.departement,
              lg.rpls_id AS "rplsId", lg.commune, cm.nom AS "communeNom", lg.typologie::text AS typologie, lg.qpv, lg.financement::text AS financement,
              r.id AS "recommendationId", r.options
       FROM liberation l JOIN logement lg ON lg.id = l.logement_id
       LEFT JOIN commune cm ON cm.insee = lg.commune LEFT JOIN bailleur b ON b.id = l.bailleur_id
       LEFT JOIN LATERAL (SELECT id, options FROM recommendation WHERE liberation_id = l.id ORDER BY created_at DESC, id DESC LIMIT 1) r ON true
       WHERE l.id = $1`,
      [liberationId],
    );
    return row ?? null;
  }

  /** The libération's decision, if any. */
  async decision(liberationId: string): Promise<SlackDecisionRow | null> {
    const [row] = await this.m().query<SlackDecisionRow[]>(
      `SELECT d.destination_kind::text AS kind, d.convention_id AS "conventionId", d.sous_quota AS "sousQuota", d.usage::text AS usage, d.is_override AS "isOverride",
              d.decided_at AS "decidedAt", u.nom, orq.reason::text AS motif,
              EXISTS (SELECT 1 FROM slack_origine so WHERE so.liberation_id = d.liberation_id AND so.user_id = d.decided_by) AS "depuisSlack"
       FROM orientation_decision d LEFT JOIN app_user u ON u.id = d.decided_by LEFT JOIN override_request orq ON orq.id = d.override_request_id
       WHERE d.liberation_id = $1`,
      [liberationId],
    );
    return row ?? null;
  }

  /** Who asked the libération's pending override, if one is pending. */
  async pendingOverrideRequester(liberationId: string): Promise<string | null> {
    const [row] = await this.m().query<Array<{ nom: string }>>(
      `SELECT coalesce(u.nom, 'compte supprimé') AS nom FROM override_request r LEFT JOIN app_user u ON u.id = r.requested_by
       WHERE r.liberation_id = $1 AND (${dernierStatut('r')}) = 'PENDING'
       LIMIT 1`,
      [liberationId],
    );
    return row ? row.nom : null;
  }

  /** Convention id → its reference, réservataire's name and sub-quotas' names by code. */
  async conventionNames(
    ids: readonly string[],
  ): Promise<Array<{ id: string; reference: string; nom: string; sousQuotas: SousQuotasNommes }>> {
    if (ids.length === 0) return [];
    return this.m().query(
      `SELECT c.id, c.reference, r.nom, ${sousQuotasNommes('c')} AS "sousQuotas" FROM convention c JOIN reservataire r ON r.id = c.reservataire_id WHERE c.id = ANY($1::uuid[])`,
      [ids],
    );
  }

  /** A flat of these bailleurs by RPLS id, with its latest libération (none when never freed). */
  async logementParRpls(
    rplsId: string,
    bailleurIds: readonly string[],
  ): Promise<{ id: string; commune: string; typologie: string; liberationId: string | null } | null> {
    const [row] = await this.m().query<
      Array<{ id: string; commune: string; typologie: string; liberationId: string | null }>
    >(
      `SELECT lg.id, coalesce(cm.nom, lg.commune) AS commune, lg.typologie::text AS typologie,
              (SELECT l.id FROM liberation l WHERE l.logement_id = lg.id ORDER BY l.date DESC, l.created_at DESC LIMIT 1) AS "liberationId"
       FROM logement lg LEFT JOIN commune cm ON cm.insee = lg.commune WHERE lg.rpls_id = $1 AND lg.bailleur_id = ANY($2::uuid[]) LIMIT 1`,
      [rplsId, bailleurIds],
    );
    return row ?? null;
  }

  /** The active account linked to this Slack user, with its bailleurs. */
  async compte(slackUserId: string): Promise<SlackCompteRow | null> {
    const [row] = await this.m().query<SlackCompteRow[]>(
      `SELECT u.id, u.nom, u.role::text AS role, coalesce(array_agg(ub.bailleur_id) FILTER (WHERE ub.bailleur_id IS NOT NULL), '{}') AS "bailleurIds"
       FROM app_user u LEFT JOIN user_bailleur ub ON ub.user_id = u.id WHERE u.slack_user_id = $1 AND u.active GROUP BY u.id`,
      [slackUserId],
    );
    return row ?? null;
  }

  /** Remembers that this user attempts a decision of the libération from Slack. */
  async noteOrigin(liberationId: string, userId: string): Promise<void> {
    await this.m().query(`INSERT INTO slack_origine (liberation_id, user_id) VALUES ($1, $2) ON CONFLICT DO NOTHING`, [
      liberationId,
      userId,
    ]);
  }

  async forgetOrigin(liberationId: string, userId: string): Promise<void> {
    await this.m().query(`DELETE FROM slack_origine WHERE liberation_id = $1 AND user_id = $2`, [liberationId, userId]);
  }
}

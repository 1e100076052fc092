import type { Destination, OptionOrientation } from '@aiguillage/engine';
import type { DataSource, EntityManager } from 'typeorm';
import type { DestinationLue } from '../notifications/derogation-message';
import type { LogementLu, OptionLue, SuggestionVue } from './suggestion-message';

/** Alternatives shown beside the recommended option. */
export const ALTERNATIVES = 2;

type Queryable = Pick<DataSource | EntityManager, 'query'>;

type SuggestionRow = Pick<SuggestionVue, 'bailleurId' | 'bailleurNom' | 'date'> &
  LogementLu & { id: string; recommendationId: string | null; options: OptionOrientation[] | null };

interface DecisionRow {
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

/**
 * What a suggestion message shows, read from the database in three queries: the libération, its
 * flat and latest recommendation; the names behind the options; the decision (or pending override).
 * Null when the libération does not exist. `toutes`: every eligible option (the override modal).
 */
export async function lireSuggestion(
  db: Queryable,
  liberationId: string,
  toutes = false,
): Promise<SuggestionVue | null> {
  const [row] = await db.query<SuggestionRow[]>(
    `SELECT l.id, l.bailleur_id AS "bailleurId", b.nom AS "bailleurNom", l.date::text AS date,
            lg.rpls_id AS "rplsId", lg.commune, cm.nom AS "communeNom", lg.typologie::text AS typologie, lg.qpv, lg.financement::text AS financement,
            r.id AS "recommendationId", r.options
     FROM liberation l JOIN logement lg ON lg.id = l.logement_id
     LEFT JOIN commune cm ON cm.insee = lg.commune LEFT JOIN bailleur b ON b.id = l.bailleur_id
     LEFT JOIN LATERAL (SELECT id, options FROM recommendation WHERE liberation_id = l.id ORDER BY created_at DESC, id DESC LIMIT 1) r ON true
     WHERE l.id = $1`,
    [liberationId],
  );
  if (!row) return null;
  const eligibles = (row.options ?? []).filter((o) => o.eligible).slice(0, toutes ? undefined : 1 + ALTERNATIVES);
  const [decision] = await db.query<DecisionRow[]>(
    `SELECT d.destination_kind::text AS kind, d.convention_id AS "conventionId", d.sous_quota AS "sousQuota", d.usage::text AS usage, d.is_override AS "isOverride",
            d.decided_at AS "decidedAt", u.nom, orq.reason::text AS motif,
            EXISTS (SELECT 1 FROM slack_origine so WHERE so.liberation_id = d.liberation_id AND so.user_id = d.decided_by) AS "depuisSlack"
     FROM orientation_decision d LEFT JOIN app_user u ON u.id = d.decided_by LEFT JOIN override_request orq ON orq.id = d.override_request_id
     WHERE d.liberation_id = $1`,
    [liberationId],
  );
  const [attente] = decision
    ? []
    : await db.query<Array<{ nom: string }>>(
        `SELECT coalesce(u.nom, 'compte supprimé') AS nom FROM override_request r LEFT JOIN app_user u ON u.id = r.requested_by
         WHERE r.liberation_id = $1 AND (SELECT s.status FROM override_step s WHERE s.override_request_id = r.id ORDER BY s.created_at DESC, s.id DESC LIMIT 1) = 'PENDING'
         LIMIT 1`,
        [liberationId],
      );
  const destinations: Destination[] = [
    ...eligibles.map((o) => o.destination),
    ...(decision ? [destinationOf(decision)] : []),
  ];
  const noms = await nomsConventions(db, destinations);
  const lue = (d: Destination): DestinationLue => lireDestination(d, noms);
  return {
    liberationId: row.id,
    recommendationId: row.recommendationId ?? null,
    bailleurId: row.bailleurId,
    bailleurNom: row.bailleurNom,
    date: row.date,
    logement: {
      rplsId: row.rplsId,
      commune: row.commune,
      communeNom: row.communeNom,
      typologie: row.typologie,
      qpv: row.qpv,
      financement: row.financement,
    },
    options: eligibles.map((o): OptionLue => ({
      destination: o.destination,
      lue: lue(o.destination),
      score: o.score,
      motifs: o.motifs ?? [],
      reglesEnfreintes: (o.violates ?? []).filter((r) => !r.hard).map((r) => r.libelle),
    })),
    decision: decision
      ? {
          destination: lue(destinationOf(decision)),
          isOverride: decision.isOverride,
          motif: decision.motif,
          par: decision.nom,
          at: new Date(decision.decidedAt).toISOString(),
          depuisSlack: decision.depuisSlack,
        }
      : null,
    derogationEnAttente: attente?.nom ?? null,
  };
}

export function destinationOf(r: {
  kind: string;
  conventionId?: string | null;
  sousQuota?: string | null;
  usage?: string | null;
}): Destination {
  if (r.kind === 'CONVENTION')
    return { kind: 'CONVENTION', conventionId: r.conventionId!, ...(r.sousQuota ? { sousQuota: r.sousQuota } : {}) };
  if (r.kind === 'EXCLU') return { kind: 'EXCLU', usage: r.usage as never };
  return { kind: 'BAILLEUR' };
}

type NomsConventions = Map<string, { reference: string; reservataireNom: string }>;

/** Convention id → its reference and réservataire's name. */
export async function nomsConventions(db: Queryable, destinations: readonly Destination[]): Promise<NomsConventions> {
  const ids = [...new Set(destinations.flatMap((d) => (d.kind === 'CONVENTION' ? [d.conventionId] : [])))];
  if (ids.length === 0) return new Map();
  const rows = await db.query<Array<{ id: string; reference: string; nom: string }>>(
    `SELECT c.id, c.reference, r.nom FROM convention c JOIN reservataire r ON r.id = c.reservataire_id WHERE c.id = ANY($1::uuid[])`,
    [ids],
  );
  return new Map(rows.map((r) => [r.id, { reference: r.reference, reservataireNom: r.nom }]));
}

export function lireDestination(d: Destination, noms: NomsConventions): DestinationLue {
  if (d.kind === 'CONVENTION') {
    const n = noms.get(d.conventionId);
    return {
      kind: 'CONVENTION',
      conventionReference: n?.reference ?? null,
      reservataireNom: n?.reservataireNom ?? null,
      sousQuota: d.sousQuota ?? null,
    };
  }
  if (d.kind === 'EXCLU') return { kind: 'EXCLU', usage: d.usage };
  return { kind: 'BAILLEUR' };
}

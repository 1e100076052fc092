import { raisonSecond, type Destination } from '@aiguillage/engine';
import { SlackSuggestionRepository, type Db, type SousQuotasNommes } from '@aiguillage/persistence';
import type { DestinationLue } from '../notifications/derogation-message';
import type { OptionLue, SuggestionVue } from './suggestion-message';

/** Alternatives shown beside the recommended option. */
export const ALTERNATIVES = 2;

/**
 * What a suggestion message shows, read from the database in three queries: the libération, its
 * flat and latest recommendation; the names behind the options; the decision (or pending override).
 * Null when the libération does not exist. `toutes`: every eligible option (the override modal).
 */
export async function lireSuggestion(db: Db, liberationId: string, toutes = false): Promise<SuggestionVue | null> {
  const lecture = new SlackSuggestionRepository(db);
  const row = await lecture.liberation(liberationId);
  if (!row) return null;
  const eligibles = (row.options ?? []).filter((o) => o.eligible).slice(0, toutes ? undefined : 1 + ALTERNATIVES);
  const decision = await lecture.decision(liberationId);
  const attente = decision ? null : await lecture.pendingOverrideRequester(liberationId);
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
    pourquoiSecond: eligibles.length >= 2 ? raisonSecond(eligibles[0], eligibles[1]) : null,
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
    derogationEnAttente: attente,
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

type NomsConventions = Map<string, { reference: string; reservataireNom: string; sousQuotas: SousQuotasNommes }>;

/** Convention id → its reference, réservataire's name and sub-quotas' names. */
export async function nomsConventions(db: Db, destinations: readonly Destination[]): Promise<NomsConventions> {
  const ids = [...new Set(destinations.flatMap((d) => (d.kind === 'CONVENTION' ? [d.conventionId] : [])))];
  const rows = await new SlackSuggestionRepository(db).conventionNames(ids);
  return new Map(rows.map((r) => [r.id, { reference: r.reference, reservataireNom: r.nom, sousQuotas: r.sousQuotas }]));
}

export function lireDestination(d: Destination, noms: NomsConventions): DestinationLue {
  if (d.kind === 'CONVENTION') {
    const n = noms.get(d.conventionId);
    return {
      kind: 'CONVENTION',
      conventionReference: n?.reference ?? null,
      reservataireNom: n?.reservataireNom ?? null,
      sousQuota: d.sousQuota ? (n?.sousQuotas?.[d.sousQuota] ?? d.sousQuota) : null,
    };
  }
  if (d.kind === 'EXCLU') return { kind: 'EXCLU', usage: d.usage };
  return { kind: 'BAILLEUR' };
}

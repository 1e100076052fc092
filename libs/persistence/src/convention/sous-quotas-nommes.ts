/** A convention's sub-quotas' names by code (« FONCTIONNAIRES » → « Agents civils et militaires de l'État »); null without any. */
export type SousQuotasNommes = Record<string, string> | null;

/** The SQL of that object for the convention row aliased `alias`. */
export function sousQuotasNommes(alias: string): string {
  return `(SELECT jsonb_object_agg(q->>'code', q->>'libelle') FROM jsonb_array_elements(${alias}.sous_quotas) q)`;
}

/** The SQL of a sub-quota's name: `code` (an SQL expression) looked up in the convention aliased `alias`, else the code. */
export function sousQuotaNomme(alias: string, code: string): string {
  return `COALESCE(${sousQuotasNommes(alias)}->>${code}, ${code})`;
}

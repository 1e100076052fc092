import { ValeurInvalideError } from '../csv/errors';
import { parseBooleen, parseDateIso, parseEntier, parseFraction } from '../csv/values';
import type { Collecteur } from '../structured/collecteur';
import type { LigneCsv } from '../structured/entree';

/**
 * The flat CSV layout of conventions: one convention per line, nested fields spelled as
 * snake_case paths (`delegation_delai_jours` for `delegation.delaiJours`), lists separated by `|`.
 * Documented in docs/imports.md.
 */
export const CONVENTION_COLONNES_REQUISES = [
  'reference',
  'reservataire',
  'departement',
  'cible_type',
  'delegation_mode',
  'contrepartie',
  'date_debut',
] as const;

type Lecteur = (raw: string, colonne: string) => unknown;
const fraction: Lecteur = (raw) => parseFraction(raw, 'un taux');
const entier: Lecteur = (raw) => parseEntier(raw, 'un nombre entier');
const booleen: Lecteur = (raw, colonne) => parseBooleen(raw, colonne);
const texte: Lecteur = (raw) => raw;
const code: Lecteur = (raw) => raw.toUpperCase();
const jour: Lecteur = (raw) => parseDateIso(raw, 'une date');
const liste: Lecteur = (raw) =>
  raw
    .split('|')
    .map((s) => s.trim())
    .filter(Boolean);

/** `T1:..0,2|T4:25%..` → { T1: { max: 0.2 }, T4: { min: 0.25 } } */
const bornesParCle: Lecteur = (raw) => {
  const out: Record<string, { min?: number; max?: number }> = {};
  for (const part of raw
    .split('|')
    .map((s) => s.trim())
    .filter(Boolean)) {
    const m = /^([A-Za-z0-9]+)\s*:\s*([^.]*?)\s*\.\.\s*([^.]*?)\s*$/.exec(part.replace(/(\d)\.(\d)/g, '$1,$2'));
    if (!m || (!m[2] && !m[3]))
      throw new ValeurInvalideError(`« ${part} » : attendu CLE:min..max (ex. T1:..0,2 ou T4:25 %..)`);
    out[m[1].toUpperCase()] = {
      ...(m[2] ? { min: parseFraction(m[2], 'un taux') } : {}),
      ...(m[3] ? { max: parseFraction(m[3], 'un taux') } : {}),
    };
  }
  return out;
};

/** `FONCT:Agents de l'État:5 %|...` → [{ code, libelle, taux }] */
const sousQuotas: Lecteur = (raw) =>
  raw
    .split('|')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((part) => {
      const bits = part.split(':');
      if (bits.length !== 3) throw new ValeurInvalideError(`« ${part} » : attendu CODE:libellé:taux`);
      return { code: bits[0].trim(), libelle: bits[1].trim(), taux: parseFraction(bits[2], 'un taux') };
    });

/** Column → [path in the JSON shape, reader]. */
export const CONVENTION_COLONNES: Record<string, [string, Lecteur]> = {
  reference: ['reference', texte],
  reservataire: ['reservataire', texte],
  departement: ['departement', code],
  territoire_communes: ['territoire.communes', liste],
  territoire_epcis: ['territoire.epcis', liste],
  cible_type: ['cible.type', code],
  cible_taux: ['cible.taux', fraction],
  cible_nombre: ['cible.nombre', entier],
  cible_annees: ['cible.annees', entier],
  decompte_mode: ['decompte.mode', code],
  decompte_poids_proposition: ['decompte.poids.proposition', fraction],
  decompte_poids_attribution: ['decompte.poids.attribution', fraction],
  decompte_poids_bail: ['decompte.poids.bail', fraction],
  delegation_mode: ['delegation.mode', code],
  delegation_delai_jours: ['delegation.delaiJours', entier],
  delegation_candidats_max: ['delegation.candidatsMax', entier],
  delegation_part_deleguee: ['delegation.partDeleguee', fraction],
  delegation_retour_compte: ['delegation.retourCompte', booleen],
  engagements_qpv_min: ['engagements.qpv.min', fraction],
  engagements_qpv_max: ['engagements.qpv.max', fraction],
  engagements_hors_qpv_min: ['engagements.horsQpv.min', fraction],
  engagements_hors_qpv_max: ['engagements.horsQpv.max', fraction],
  engagements_typologies: ['engagements.typologies', bornesParCle],
  engagements_financements: ['engagements.financements', bornesParCle],
  engagements_q1_hors_qpv_min: ['engagements.q1HorsQpvMin', fraction],
  engagements_q234_qpv_min: ['engagements.q234QpvMin', fraction],
  engagements_prioritaires_min: ['engagements.prioritairesMin', fraction],
  engagements_taux_uniforme_par_commune: ['engagements.tauxUniformeParCommune', booleen],
  sous_quotas: ['sousQuotas', sousQuotas],
  contrepartie: ['contrepartie', code],
  action_corrective: ['actionCorrective', code],
  etalement_annees: ['etalementAnnees', entier],
  deficit_reporte: ['deficitReporte', entier],
  compte_mutations: ['compteMutations', booleen],
  deficit_annee: ['deficitAnnee', entier],
  compte_premieres_locations: ['comptePremieresLocations', booleen],
  motif_territoire: ['motifTerritoire', texte],
  date_debut: ['dateDebut', jour],
  date_fin: ['dateFin', jour],
};

function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split('.');
  let node = target;
  for (const k of keys.slice(0, -1)) node = (node[k] ??= {}) as Record<string, unknown>;
  node[keys[keys.length - 1]] = value;
}

/** One CSV line → the JSON shape of a convention (empty cells left out so defaults apply). */
export function conventionDepuisCsv({ ligne, valeurs }: LigneCsv, col: Collecteur): Record<string, unknown> {
  const o: Record<string, unknown> = {};
  for (const [colonne, raw] of Object.entries(valeurs)) {
    const spec = CONVENTION_COLONNES[colonne];
    if (!spec || raw === '') continue;
    const value = col.try(ligne, colonne, () => spec[1](raw, colonne));
    // A value that failed to parse is left out; the error is already recorded on its column.
    if (value !== undefined) setPath(o, spec[0], value);
  }
  // Territory lists imply a territory in the convention's département.
  if (o.territoire) (o.territoire as Record<string, unknown>).departement = o.departement;
  return o;
}

import { SeuilQuartileRepository, REGION_IDF, type SeuilQuartile } from '@aiguillage/persistence';
import type { DataSource } from 'typeorm';
import { ImportRefuseError, ValeurInvalideError } from '../imports/csv/errors';
import { isBlank, parseCentiemes, parseEntier } from '../imports/csv/values';
import { Collecteur, dedoublonner } from '../imports/structured/collecteur';
import { lireEntree, verifierColonnes, type EntreeStructuree } from '../imports/structured/entree';

/**
 * CSV of the préfets' arrêtés: one line per territory and year. `territoire` is the EPCI's SIREN, or
 * `11` for Île-de-France (regional arrêté); amounts are annual euros per consumption unit
 * (`10 440`, `10440,50`); `seuil_q2` and `seuil_q3` optional, both or neither. Documented in
 * docs/domain.md ("Income quartiles").
 */
export const SEUILS_COLONNES_REQUISES = ['territoire', 'annee', 'seuil_q1'] as const;
export const SEUILS_COLONNES = [...SEUILS_COLONNES_REQUISES, 'seuil_q2', 'seuil_q3', 'arrete'] as const;

export interface ImportSeuilsParams {
  dataSource: DataSource;
  input: EntreeStructuree;
  /**
   * Checked once the file is read, before anything is written, with the territories × years whose
   * stored thresholds the file changes (throws to refuse).
   */
  autoriser?: (remplaces: SeuilQuartile[]) => Promise<void>;
}

export interface ImportSeuilsResult {
  importes: number;
  crees: number;
  /** Thresholds of the same territory and year whose figures or arrêté the file changes. */
  remplaces: number;
  inchanges: number;
  seuils: SeuilQuartile[];
}

const euros = (raw: string, quoi: string): number => {
  const c = parseCentiemes(raw, quoi);
  if (c <= 0) throw new ValeurInvalideError(`« ${raw.trim()} » : ${quoi} doit être positif`);
  if (c > 2_000_000_000) throw new ValeurInvalideError(`« ${raw.trim()} » : ${quoi} est hors limites`);
  return c;
};

function territoire(raw: string): string {
  const t = raw.trim();
  if (/^\d{9}$/.test(t)) return t;
  if (t === REGION_IDF) return t;
  if (/^\d{2}$/.test(t))
    throw new ValeurInvalideError(
      `« ${t} » : seul l'Île-de-France (11) a un seuil régional ; ailleurs, donnez le SIREN de l'EPCI`,
    );
  throw new ValeurInvalideError(`« ${t} » n'est ni un SIREN d'EPCI (9 chiffres) ni la région Île-de-France (11)`);
}

const identiques = (a: SeuilQuartile, b: SeuilQuartile) =>
  a.seuilQ1Centimes === b.seuilQ1Centimes &&
  a.seuilQ2Centimes === b.seuilQ2Centimes &&
  a.seuilQ3Centimes === b.seuilQ3Centimes &&
  a.arrete === b.arrete;

/**
 * Imports quartile thresholds from CSV, all or nothing: every line is checked and, if anything is
 * wrong, `ImportRefuseError` lists each error by line and column (French) and nothing is written.
 * A threshold of the same territory and year is replaced; re-importing the same file changes nothing.
 */
export async function importSeuilsQuartiles(params: ImportSeuilsParams): Promise<ImportSeuilsResult> {
  const entree = await lireEntree(params.input, 'csv');
  if (entree.format !== 'csv') throw new ImportRefuseError('Fichier CSV attendu.');
  verifierColonnes(entree.header, SEUILS_COLONNES_REQUISES, SEUILS_COLONNES);
  const col = new Collecteur();
  col.erreurs.push(...entree.erreurs);
  const valides: SeuilQuartile[] = [];
  const vus = new Map<string, number>();
  for (const { ligne, valeurs: v } of entree.lignes) {
    const avant = col.erreurs.length;
    const t = col.try(ligne, 'territoire', () => territoire(v.territoire));
    const annee = col.try(ligne, 'annee', () => parseEntier(v.annee, 'une année', { min: 2000, max: 2100 }));
    const q1 = col.try(ligne, 'seuil_q1', () => euros(v.seuil_q1, 'le seuil du 1er quartile'));
    const q2 = isBlank(v.seuil_q2)
      ? null
      : col.try(ligne, 'seuil_q2', () => euros(v.seuil_q2, 'le seuil du 2e quartile'));
    const q3 = isBlank(v.seuil_q3)
      ? null
      : col.try(ligne, 'seuil_q3', () => euros(v.seuil_q3, 'le seuil du 3e quartile'));
    const arrete = isBlank(v.arrete) ? null : v.arrete;
    if (arrete && arrete.length > 200) col.add(ligne, 'arrete', 'texte de 200 caractères au plus attendu');
    if (q2 === null && q3 !== null)
      col.add(ligne, 'seuil_q2', 'manquant : les seuils des 2e et 3e quartiles vont ensemble');
    if (q2 !== null && q3 === null)
      col.add(ligne, 'seuil_q3', 'manquant : les seuils des 2e et 3e quartiles vont ensemble');
    if (q1 !== undefined && q2 && q1 >= q2)
      col.add(ligne, 'seuil_q2', `doit être supérieur au seuil du 1er quartile (${v.seuil_q1})`);
    if (q2 && q3 && q2 >= q3) col.add(ligne, 'seuil_q3', `doit être supérieur au seuil du 2e quartile (${v.seuil_q2})`);
    if (col.erreurs.length > avant) continue;
    const cle = `${t}/${annee}`;
    if (vus.has(cle)) {
      col.add(ligne, 'territoire', `${t} ${annee} en double (déjà ligne ${vus.get(cle)})`);
      continue;
    }
    vus.set(cle, ligne);
    valides.push({
      territoire: t!,
      annee: annee!,
      seuilQ1Centimes: q1!,
      seuilQ2Centimes: q2 ?? null,
      seuilQ3Centimes: q3 ?? null,
      arrete,
    });
  }
  if (valides.length === 0 && col.erreurs.length === 0)
    throw new ImportRefuseError('Aucun seuil de quartile dans le fichier.');
  const erreurs = dedoublonner(col.erreurs);
  if (erreurs.length)
    throw new ImportRefuseError(`${erreurs.length} erreur(s) : aucun seuil de quartile importé.`, erreurs);

  const repository = new SeuilQuartileRepository(params.dataSource);
  const existants = new Map((await repository.parCles(valides)).map((s) => [`${s.territoire}/${s.annee}`, s]));
  const remplaces = valides.filter(
    (s) => existants.has(`${s.territoire}/${s.annee}`) && !identiques(s, existants.get(`${s.territoire}/${s.annee}`)!),
  );
  const inchanges = valides.filter(
    (s) => existants.has(`${s.territoire}/${s.annee}`) && identiques(s, existants.get(`${s.territoire}/${s.annee}`)!),
  ).length;
  await params.autoriser?.(remplaces);
  await repository.enregistrer(
    valides.filter((s) => !existants.has(`${s.territoire}/${s.annee}`) || remplaces.includes(s)),
  );
  return {
    importes: valides.length,
    crees: valides.length - existants.size,
    remplaces: remplaces.length,
    inchanges,
    seuils: valides,
  };
}

import { TYPOLOGIES, type DemandeLigne, type ProfilDemande } from '@aiguillage/engine';
import { ProfilDemandeRepository, ReservataireRepository } from '@aiguillage/persistence';
import type { DataSource } from 'typeorm';
import { ImportRefuseError } from '../csv/errors';
import { parseEntier, parseFraction } from '../csv/values';
import { Collecteur, colonneCsv, dedoublonner, expect as is } from '../structured/collecteur';
import {
  lireEntree,
  verifierColonnes,
  type EntreeStructuree,
  type FormatStructure,
  type LigneCsv,
} from '../structured/entree';
import { signalerReferenceModifiee } from '../../platform/live/reference';

/** A demand profile as imported: the contract's shape, the réservataire given by its code. */
export type ProfilImporte = Omit<ProfilDemande, 'reservataireId'> & { reservataire: string };

/**
 * CSV layout: one demand line per row; the profile's own fields (quartiles, prioritaires, délai,
 * refusals) are given on the first row of each réservataire × année and may be repeated (they must
 * then agree) or left empty on the following rows. Documented in docs/imports.md.
 */
export const PROFIL_COLONNES_REQUISES = ['reservataire', 'annee', 'typologie', 'demandeurs'] as const;
const PROFIL_CHAMPS = [
  'quartile1',
  'quartile2',
  'quartile3',
  'quartile4',
  'prioritaires',
  'delai_moyen_jours',
  'taux_refus',
] as const;
export const PROFIL_COLONNES = [...PROFIL_COLONNES_REQUISES, 'commune', ...PROFIL_CHAMPS] as const;

const KEYS = new Set([
  'reservataire',
  'annee',
  'demandes',
  'quartiles',
  'prioritaires',
  'delaiMoyenJours',
  'tauxRefus',
]);

export interface ImportProfilsParams {
  dataSource: DataSource;
  input: EntreeStructuree;
  format?: FormatStructure;
  /**
   * Checked once the file is read, before anything is written, with the réservataires whose
   * profiles it replaces (throws to refuse): a shared profile has owners (see ImportsService.profils).
   */
  autoriser?: (reservataireIds: string[]) => Promise<void>;
}

export interface ImportProfilsResult {
  format: FormatStructure;
  importes: number;
  crees: number;
  /** Profiles of the same réservataire and year, replaced by the file's version. */
  remplaces: number;
  profils: ProfilDemande[];
}

/** `ligneDemande(i)`: the file line of demand line i (CSV rows), when it differs from the profile's. */
export function validerProfil(
  brut: unknown,
  ligne: number,
  col: Collecteur,
  ligneDemande: (i: number) => number = () => ligne,
): ProfilImporte | null {
  const before = col.erreurs.length;
  if (typeof brut !== 'object' || brut === null || Array.isArray(brut)) {
    col.add(ligne, null, 'objet profil attendu');
    return null;
  }
  const o = brut as Record<string, unknown>;
  for (const k of Object.keys(o)) if (!KEYS.has(k)) col.add(ligne, k, `champ inconnu « ${k} »`);
  const reservataire = col.try(ligne, 'reservataire', () => is.texte(o.reservataire, 64));
  const annee = col.try(ligne, 'annee', () => is.entier(o.annee, 2000, 2100));
  let quartiles: (number | undefined)[] | undefined;
  const q = col.try(ligne, 'quartiles', () => is.liste(o.quartiles));
  if (q && q.length !== 4) col.add(ligne, 'quartiles', `4 parts attendues (q1..q4), reçu ${q.length}`);
  else if (q) {
    quartiles = q.map((x, i) => col.try(ligne, `quartiles[${i}]`, () => is.fraction(x)));
    if (quartiles.every((x) => x !== undefined)) {
      const sum = quartiles.reduce((a, b) => a + b, 0);
      if (Math.abs(sum - 1) > 1e-3)
        col.add(ligne, 'quartiles', `la somme des quartiles doit valoir 1 (reçu ${Math.round(sum * 1e4) / 1e4})`);
    }
  }
  const prioritaires = col.try(ligne, 'prioritaires', () => is.fraction(o.prioritaires));
  const delaiMoyenJours = col.try(ligne, 'delaiMoyenJours', () => is.entier(o.delaiMoyenJours, 0, 365));
  const tauxRefus = col.try(ligne, 'tauxRefus', () => is.fraction(o.tauxRefus));
  const demandes: DemandeLigne[] = [];
  const vues = new Map<string, number>();
  (col.try(ligne, 'demandes', () => is.liste(o.demandes ?? [])) ?? []).forEach((d, i) => {
    const path = `demandes[${i}]`;
    const ld = ligneDemande(i);
    const l = col.try(ld, path, () => is.objet(d));
    if (!l) return;
    const commune =
      l.commune === null || l.commune === undefined || l.commune === ''
        ? null
        : col.try(ld, `${path}.commune`, () => is.insee(l.commune));
    const typologie = col.try(ld, `${path}.typologie`, () => is.parmi(l.typologie, TYPOLOGIES));
    const demandeurs = col.try(ld, `${path}.demandeurs`, () => is.entier(l.demandeurs, 0));
    if (commune === undefined || !typologie || demandeurs === undefined) return;
    const key = `${commune ?? '*'}/${typologie}`;
    if (vues.has(key))
      col.add(
        ld,
        `${path}.typologie`,
        `${typologie} ${commune ? `à ${commune}` : 'sur tout le territoire'} en double (déjà ${ligneDemande(vues.get(key)!) === ld ? `demandes[${vues.get(key)}]` : `ligne ${ligneDemande(vues.get(key)!)}`})`,
      );
    vues.set(key, i);
    demandes.push({ commune, typologie, demandeurs });
  });
  if (col.erreurs.length > before) return null;
  return {
    reservataire: reservataire!,
    annee: annee!,
    demandes,
    quartiles: quartiles as [number, number, number, number],
    prioritaires: prioritaires!,
    delaiMoyenJours: delaiMoyenJours!,
    tauxRefus: tauxRefus!,
  };
}

interface Element {
  ligne: number;
  brut: unknown;
  ligneDemande?: (i: number) => number;
}

/**
 * Groups CSV rows into profiles (one per réservataire × année, in order of first appearance).
 * Each profile is reported at the line of its first row; its demand lines' errors at their own line.
 */
function profilsDepuisCsv(lignes: LigneCsv[], col: Collecteur): Element[] {
  const profils = new Map<
    string,
    Element & { brut: Record<string, unknown>; champs: Record<string, string>; lignes: number[] }
  >();
  for (const { ligne, valeurs } of lignes) {
    const annee = col.try(ligne, 'annee', () => parseEntier(valeurs.annee, 'une année'));
    const key = `${valeurs.reservataire}\u0000${valeurs.annee}`;
    let p = profils.get(key);
    if (!p) {
      p = { ligne, brut: { reservataire: valeurs.reservataire, annee, demandes: [] }, champs: {}, lignes: [] };
      profils.set(key, p);
    }
    for (const champ of PROFIL_CHAMPS) {
      const v = valeurs[champ] ?? '';
      if (v === '') continue;
      if (p.champs[champ] === undefined) p.champs[champ] = v;
      else if (p.champs[champ] !== v)
        col.add(
          ligne,
          champ,
          `« ${v} » diffère de la valeur donnée ligne ${p.ligne} (« ${p.champs[champ]} ») pour ce profil`,
        );
    }
    const demandeurs = col.try(ligne, 'demandeurs', () =>
      parseEntier(valeurs.demandeurs, 'un nombre de demandeurs', { min: 0 }),
    );
    p.lignes.push(ligne);
    (p.brut.demandes as unknown[]).push({
      commune: valeurs.commune || null,
      typologie: valeurs.typologie.toUpperCase(),
      demandeurs,
    });
  }
  return [...profils.values()].map(({ ligne, brut, champs, lignes: lignesDemandes }) => {
    const lire = (champ: (typeof PROFIL_CHAMPS)[number], parse: (raw: string) => number) =>
      champs[champ] === undefined ? undefined : col.try(ligne, champ, () => parse(champs[champ]));
    const fraction = (raw: string) => parseFraction(raw, 'une part');
    brut.quartiles = [
      lire('quartile1', fraction),
      lire('quartile2', fraction),
      lire('quartile3', fraction),
      lire('quartile4', fraction),
    ];
    brut.prioritaires = lire('prioritaires', fraction);
    brut.delaiMoyenJours = lire('delai_moyen_jours', (raw) => parseEntier(raw, 'un nombre de jours'));
    brut.tauxRefus = lire('taux_refus', fraction);
    return { ligne, brut, ligneDemande: (i: number) => lignesDemandes[i] ?? ligne };
  });
}

/**
 * Imports réservataires' demand profiles from CSV or JSON, all or nothing (see importConventions).
 * A profile replaces the stored one of the same réservataire and year.
 */
export async function importProfils(params: ImportProfilsParams): Promise<ImportProfilsResult> {
  const { dataSource } = params;
  const entree = await lireEntree(params.input, params.format);
  let col: Collecteur;
  let elements: Element[];
  if (entree.format === 'csv') {
    verifierColonnes(entree.header, PROFIL_COLONNES_REQUISES, PROFIL_COLONNES);
    // Demand-line paths point to the CSV columns they come from.
    const colonne = colonneCsv(entree.header);
    col = new Collecteur((path) => {
      const m = /^demandes\[\d+\]\.(\w+)$/.exec(path);
      if (m) return m[1];
      const fields: Record<string, string> = {
        quartiles: 'quartile1',
        delaiMoyenJours: 'delai_moyen_jours',
        tauxRefus: 'taux_refus',
      };
      return fields[path] ?? colonne(path);
    });
    col.erreurs.push(...entree.erreurs);
    elements = profilsDepuisCsv(entree.lignes, col);
  } else {
    col = new Collecteur();
    elements = entree.elements.map((brut, i) => ({ ligne: i + 1, brut }));
  }
  if (elements.length === 0 && col.erreurs.length === 0)
    throw new ImportRefuseError('Aucun profil de demande dans le fichier.');

  const valides: { ligne: number; p: ProfilImporte }[] = [];
  const vus = new Map<string, number>();
  for (const { ligne, brut, ligneDemande } of elements) {
    const p = validerProfil(brut, ligne, col, ligneDemande);
    if (!p) continue;
    const key = `${p.reservataire}/${p.annee}`;
    if (vus.has(key))
      col.add(ligne, 'reservataire', `profil ${p.reservataire} ${p.annee} en double (déjà ligne ${vus.get(key)})`);
    vus.set(key, ligne);
    valides.push({ ligne, p });
  }
  const codes = [...new Set(valides.map((v) => v.p.reservataire))];
  const idParCode = await new ReservataireRepository(dataSource).idsByCode(codes);
  for (const { ligne, p } of valides) {
    if (!idParCode.has(p.reservataire)) col.add(ligne, 'reservataire', `réservataire « ${p.reservataire} » inconnu`);
  }
  const erreurs = dedoublonner(col.erreurs);
  if (erreurs.length)
    throw new ImportRefuseError(`${erreurs.length} erreur(s) : aucun profil de demande importé.`, erreurs);

  const profils: ProfilDemande[] = valides.map(({ p: { reservataire, ...p } }) => ({
    ...p,
    reservataireId: idParCode.get(reservataire)!,
  }));
  await params.autoriser?.([...new Set(profils.map((p) => p.reservataireId))]);
  const profilsDemande = new ProfilDemandeRepository(dataSource);
  const existants = await profilsDemande.countExisting(profils);
  await profilsDemande.saveProfils(profils);
  await signalerReferenceModifiee(dataSource, null); // a réservataire's profile weighs on every bailleur
  return {
    format: entree.format,
    importes: profils.length,
    crees: profils.length - existants,
    remplaces: existants,
    profils,
  };
}

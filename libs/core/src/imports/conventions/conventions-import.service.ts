import {
  BailleurRepository,
  ConventionRepository,
  ReservataireRepository,
  type ConventionInput,
} from '@aiguillage/persistence';
import type { Convention } from '@aiguillage/engine';
import type { DataSource } from 'typeorm';
import { ImportRefuseError } from '../csv/errors';
import { Collecteur, colonneCsv, dedoublonner } from '../structured/collecteur';
import { lireEntree, verifierColonnes, type EntreeStructuree, type FormatStructure } from '../structured/entree';
import { CONVENTION_COLONNES, CONVENTION_COLONNES_REQUISES, conventionDepuisCsv } from './convention-csv';
import { validerConvention, type ConventionImportee } from './convention-validation';
import { signalerReferenceModifiee } from '../../platform/live/reference';
import { depassementsPlafonds } from '../../referentiel/plafonds-conventions';
import { aujourdhui, versionner } from '../../referentiel/versions-conventions';
import { randomUUID } from 'crypto';

export interface ImportConventionsParams {
  dataSource: DataSource;
  bailleurId: string;
  input: EntreeStructuree;
  /** Forced format; by default JSON when the text starts with `[`, else CSV. */
  format?: FormatStructure;
}

export interface ImportConventionsResult {
  format: FormatStructure;
  importees: number;
  creees: number;
  /** Conventions of the same bailleur and reference, replaced by the file's version. */
  remplacees: number;
  conventions: Convention[];
}

/**
 * Imports a bailleur's reservation conventions from CSV or JSON, all or nothing: every line is
 * validated (fields, réservataire codes, duplicates) and the file is refused with the full list of
 * errors if any; otherwise all conventions are written in one transaction. A convention whose
 * reference the bailleur already has is replaced (re-importing a file is idempotent).
 */
export async function importConventions(params: ImportConventionsParams): Promise<ImportConventionsResult> {
  const { dataSource, bailleurId } = params;
  if (!(await new BailleurRepository(dataSource).exists(bailleurId)))
    throw new ImportRefuseError(`Bailleur ${bailleurId} inconnu`);

  const entree = await lireEntree(params.input, params.format);
  let col: Collecteur;
  let elements: { ligne: number; brut: unknown }[];
  if (entree.format === 'csv') {
    verifierColonnes(entree.header, CONVENTION_COLONNES_REQUISES, Object.keys(CONVENTION_COLONNES));
    col = new Collecteur(colonneCsv(entree.header));
    col.erreurs.push(...entree.erreurs);
    elements = entree.lignes.map((l) => ({ ligne: l.ligne, brut: conventionDepuisCsv(l, col) }));
  } else {
    col = new Collecteur();
    elements = entree.elements.map((brut, i) => ({ ligne: i + 1, brut }));
  }
  if (elements.length === 0 && col.erreurs.length === 0)
    throw new ImportRefuseError('Aucune convention dans le fichier.');

  const valides: { ligne: number; c: ConventionImportee }[] = [];
  const references = new Map<string, number>();
  for (const { ligne, brut } of elements) {
    const c = await validerConvention(brut, ligne, col);
    if (!c) continue;
    const first = references.get(c.reference);
    if (first !== undefined)
      col.add(ligne, 'reference', `référence « ${c.reference} » en double (déjà ligne ${first})`);
    else references.set(c.reference, ligne);
    valides.push({ ligne, c });
  }

  const codes = [...new Set(valides.map((v) => v.c.reservataire))];
  const idParCode = await new ReservataireRepository(dataSource).idsByCode(codes);
  for (const { ligne, c } of valides) {
    if (!idParCode.has(c.reservataire))
      col.add(
        ligne,
        'reservataire',
        `réservataire « ${c.reservataire} » inconnu (à créer avant d'importer ses conventions)`,
      );
  }

  const erreurs = dedoublonner(col.erreurs);
  if (erreurs.length) throw new ImportRefuseError(`${erreurs.length} erreur(s) : aucune convention importée.`, erreurs);

  const idParReference = await new ConventionRepository(dataSource).idsByReference(
    bailleurId,
    valides.map((v) => v.c.reference),
  );
  const inputs: ConventionInput[] = valides.map(({ c: { reservataire, ...c } }) => ({
    ...c,
    ...(idParReference.has(c.reference) ? { id: idParReference.get(c.reference) } : {}),
    bailleurId,
    reservataireId: idParCode.get(reservataire)!,
  }));
  const conventions = await dataSource.transaction(async (manager) => {
    // The décret's caps over the file and the bailleur's other conventions: refused whole, nothing written.
    const candidates = inputs.map((c) => ({ ...c, id: c.id ?? randomUUID() }));
    const depassements = await depassementsPlafonds(manager, candidates);
    if (depassements.length) {
      const ligneDe = new Map(candidates.map((c, i) => [c.id, valides[i].ligne]));
      throw new ImportRefuseError(
        `${depassements.length} plafond(s) du décret dépassé(s) : aucune convention importée.`,
        depassements.map((d) => ({
          ligne: ligneDe.get(d.conventionId) ?? 0,
          colonne: d.regle === 'PLAFOND_FONCTIONNAIRES' ? 'sousQuotas' : 'taux',
          message: d.message,
        })),
      );
    }
    inputs.splice(0, inputs.length, ...candidates);
    const remplacees = new Set(idParReference.values());
    const avant = (await new ConventionRepository(manager).findConventions({ bailleurIds: [bailleurId] })).filter((c) =>
      remplacees.has(c.id),
    );
    const saved = await new ConventionRepository(manager).saveConventions(inputs);
    // A replaced convention changes from today: what was counted before stays counted (issue 9, finding 11).
    for (const c of avant)
      await versionner(
        manager,
        c,
        saved.find((x) => x.id === c.id)!,
        aujourdhui(),
      );
    await signalerReferenceModifiee(manager, [bailleurId]);
    return saved;
  });
  return {
    format: entree.format,
    importees: conventions.length,
    creees: conventions.length - idParReference.size,
    remplacees: idParReference.size,
    conventions,
  };
}

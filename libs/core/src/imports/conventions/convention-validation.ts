/**
 * A line of a conventions import, validated as the API validates a convention (`ConventionSaisie`:
 * the same fields, bounds and rules between fields, the same French reasons), once the documented
 * defaults are filled in. The réservataire is named by its code.
 */
import { Matches } from 'class-validator';
import type { Convention } from '@aiguillage/engine';
import { validerEntree } from '../../platform/validation/creer-commande';
import { contratDe, ConventionSaisie } from '../../referentiel/convention-saisie';
import { CODE_RESERVATAIRE, CODE_RESERVATAIRE_MESSAGE } from '../../referentiel/conventions.commands';
import type { Collecteur } from '../structured/collecteur';

/** A convention as imported: the contract's shape without ids, the réservataire given by its code. */
export type ConventionImportee = Omit<Convention, 'id' | 'bailleurId' | 'reservataireId'> & { reservataire: string };

/** Defaults applied to absent optional fields (documented in docs/imports.md). */
export const CONVENTION_DEFAUTS = {
  decompte: { mode: 'PROPOSITION' },
  delegation: { delaiJours: 30, candidatsMax: 3, retourCompte: false },
  engagements: {},
  sousQuotas: [],
  actionCorrective: 'REPORT',
  deficitReporte: 0,
  compteMutations: false,
} as const;

class LigneConvention extends ConventionSaisie {
  @Matches(CODE_RESERVATAIRE, { message: CODE_RESERVATAIRE_MESSAGE })
  reservataire: string;
}

const absent = (v: unknown) => v === undefined || v === null;
const objet = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** `valeur` with each absent field of `defauts` filled in (a value that is not an object is left to be refused). */
function avecDefauts(valeur: unknown, defauts: Record<string, unknown>): unknown {
  if (!objet(valeur)) return valeur;
  const out = { ...valeur };
  for (const [k, d] of Object.entries(defauts)) if (absent(out[k])) out[k] = d;
  return out;
}

/** The line with its defaults: the territory's département is the convention's unless given. */
function ligneComplete(o: Record<string, unknown>): Record<string, unknown> {
  const { decompte, delegation, ...defauts } = CONVENTION_DEFAUTS;
  const ligne = avecDefauts(o, defauts) as Record<string, unknown>;
  ligne.decompte = absent(o.decompte) ? decompte : avecDefauts(o.decompte, decompte);
  if (!absent(o.delegation)) ligne.delegation = avecDefauts(o.delegation, delegation);
  if (objet(o.territoire)) ligne.territoire = avecDefauts(o.territoire, { departement: o.departement });
  return ligne;
}

/** The line's convention, or null with each of its errors added to `col` (field path, French reason). */
export async function validerConvention(
  brut: unknown,
  ligne: number,
  col: Collecteur,
): Promise<ConventionImportee | null> {
  if (!objet(brut)) {
    col.add(ligne, null, 'objet convention attendu');
    return null;
  }
  const resultat = await validerEntree(LigneConvention, ligneComplete(brut));
  if ('erreurs' in resultat) {
    for (const e of resultat.erreurs) col.add(ligne, e.champ, e.raison);
    return null;
  }
  const { reservataire, ...saisie } = resultat.valeur;
  return { reservataire, ...contratDe(saisie) };
}

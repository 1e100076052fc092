/**
 * The closing of a convention's year (guide of seed 000, "actions correctives"; seed 004, corrective
 * actions): what it was owed, what it received under its décompte mode, and what follows for year
 * N+1, computed once from year N's result:
 * - REPORT: the whole deficit is due in N+1, once;
 * - ETALEMENT: the deficit is spread over `etalementAnnees` years from N+1, then stops; a year met in
 *   full leaves a spread in progress on its schedule;
 * - REMBOURSEMENT: no flats are carried; the deficit is recorded as owed (`aRembourser`, in flats,
 *   the amount being set by the convention);
 * - a surplus (more received than owed) is carried as a negative deficit into N+1.
 * A DROITS_UNIQUES pool carries its own deficit: the pool shrinks by the flats received, grows by the
 * rights of new programmes, and its remaining years drop by one; it is then spread over them.
 */
import type { Cible, Convention } from '../domain';
import { requireFinite, round6 } from '../errors';
import { deficitDu } from './objectifs';

export interface ClotureConvention {
  conventionId: string;
  annee: number;
  objectif: number;
  realise: number;
  /** objectif − realise (positive: deficit; negative: surplus). */
  ecart: number;
  /** Flats owed and repaid otherwise than in flats (REMBOURSEMENT). */
  aRembourser: number;
  /** What the convention carries into N+1: the deficit, the year it is first due, the pool. */
  suite: Pick<Convention, 'deficitReporte' | 'deficitAnnee' | 'cible'>;
}

/** What is left of an ETALEMENT spread after year `annee` (its slices due in later years). */
function resteEtalement(convention: Convention, annee: number): number {
  if (convention.actionCorrective !== 'ETALEMENT' || !convention.deficitReporte) return 0;
  let reste = 0;
  const n = convention.etalementAnnees ?? 1;
  for (let k = 1; k <= n; k++) reste += deficitDu(convention, annee + k);
  return round6(reste);
}

/**
 * Closes year `annee` of a convention: `objectif` is what it was owed (the exercice's figure),
 * `realise` what it received under its décompte. `droitsNouveaux`: one-turn rights added to a
 * DROITS_UNIQUES pool for the next years (new programmes).
 */
export function cloturerConvention(
  convention: Convention,
  annee: number,
  objectif: number,
  realise: number,
  droitsNouveaux = 0,
): ClotureConvention {
  requireFinite('objectif', objectif, { min: 0 });
  requireFinite('realise', realise, { min: 0 });
  requireFinite('droitsNouveaux', droitsNouveaux, { min: 0 });
  const ecart = round6(objectif - realise);
  const base = { conventionId: convention.id, annee, objectif, realise, ecart };
  if (convention.cible.type === 'DROITS_UNIQUES') {
    const cible: Cible = {
      type: 'DROITS_UNIQUES',
      nombre: round6(Math.max(0, convention.cible.nombre - realise) + droitsNouveaux),
      annees: Math.max(1, convention.cible.annees - 1),
    };
    return { ...base, aRembourser: 0, suite: { deficitReporte: 0, deficitAnnee: annee + 1, cible } };
  }
  const cible = convention.cible;
  const prochaine = annee + 1;
  switch (convention.actionCorrective) {
    case 'REMBOURSEMENT':
      return {
        ...base,
        aRembourser: Math.max(0, ecart),
        suite: { deficitReporte: Math.min(0, ecart), deficitAnnee: prochaine, cible },
      };
    case 'ETALEMENT': {
      const reste = resteEtalement(convention, annee);
      if (Math.abs(ecart) < 1e-9 && reste > 0) {
        return {
          ...base,
          aRembourser: 0,
          suite: { deficitReporte: convention.deficitReporte, deficitAnnee: convention.deficitAnnee ?? null, cible },
        };
      }
      return {
        ...base,
        aRembourser: 0,
        suite: { deficitReporte: round6(ecart + reste), deficitAnnee: prochaine, cible },
      };
    }
    default:
      return { ...base, aRembourser: 0, suite: { deficitReporte: ecart, deficitAnnee: prochaine, cible } };
  }
}

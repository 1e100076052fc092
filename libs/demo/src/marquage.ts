/**
 * Marks in a bailleur's patrimoine: the flats out of the assiette (sale plan, NPNRU demolition)
 * and the identified DEFENSE stock.
 */
import type { Logement } from '@aiguillage/engine';
import { echantillonPondere, type Rng } from './random';
import { PART_DEMOLITION, PART_VENTE } from './parametres';
import type { PatrimoineBailleur } from './patrimoine';

/**
 * Marks the flats out of the assiette: a QPV estate (or part of it) under NPNRU demolition, and
 * hors-QPV programmes in the bailleur's sale plan. Whole programmes, the way plans are drawn.
 */
export function marquerHorsAssiette(rng: Rng, patrimoine: PatrimoineBailleur, scale: number): void {
  const parProgramme = new Map<string, Logement[]>();
  for (const l of patrimoine.logements) {
    if (patrimoine.programmesNeufs.has(l.programmeId!)) continue;
    const list = parProgramme.get(l.programmeId!) ?? [];
    list.push(l);
    parProgramme.set(l.programmeId!, list);
  }
  const existants = [...parProgramme.values()].reduce((a, l) => a + l.length, 0);

  const cibleDemolition = Math.round(existants * PART_DEMOLITION);
  const estates = rng.shuffle(
    [...parProgramme.values()].filter(
      (ls) => ls[0].qpv && ls[0].anneeConstruction! >= 1960 && ls[0].anneeConstruction! < 1980,
    ),
  );
  let demolis = 0;
  for (const ls of estates) {
    if (demolis >= cibleDemolition) break;
    // A building of the estate: at most what remains of the target.
    for (const l of ls.slice(0, cibleDemolition - demolis)) l.horsAssiette = 'DEMOLITION';
    demolis += Math.min(ls.length, cibleDemolition - demolis);
  }

  const cibleVente = Math.round(existants * PART_VENTE);
  const vendables = rng.shuffle(
    [...parProgramme.values()].filter(
      (ls) => !ls[0].qpv && ls[0].anneeConstruction! < 2000 && ls.length <= 40 * Math.max(0.3, Math.sqrt(scale)),
    ),
  );
  let vendus = 0;
  for (const ls of vendables) {
    if (vendus >= cibleVente) break;
    for (const l of ls) l.horsAssiette = 'VENTE';
    vendus += ls.length;
  }
}

/** Identifies the bailleur's DEFENSE stock: existing hors-QPV flats in garrison towns (T2–T4 favoured). */
export function marquerStockDefense(
  rng: Rng,
  patrimoine: PatrimoineBailleur,
  nombre: number,
  garnisons: ReadonlySet<string>,
): number {
  if (nombre <= 0) return 0;
  const candidats = patrimoine.logements.filter(
    (l) => garnisons.has(l.commune) && !l.qpv && !l.horsAssiette && !patrimoine.programmesNeufs.has(l.programmeId!),
  );
  const poids = (l: Logement) =>
    ({ T1: 0.5, T2: 1, T3: 1.3, T4: 1.2, T5: 0.8, T6: 0.5 })[l.typologie] * (l.anneeConstruction! >= 1980 ? 1.5 : 1);
  const choisis = echantillonPondere(rng, candidats, poids, nombre);
  for (const l of choisis) l.stockDefense = true;
  return choisis.length;
}

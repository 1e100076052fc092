/**
 * The prefix deviation: how far each convention wanders from its expected progress during the
 * year, not only at 31 December. After every decision the simulator samples the counts of the
 * deciding bailleur's conventions; at the end, against the convention's year objective, the
 * prefix deviation is max over the samples of |count − objective × expected fraction at that date|,
 * the expected fraction read on the exercice's seasonal calendar within the convention's validity
 * window.
 */
import {
  fenetreConvention,
  fractionAttendue,
  partAttendue,
  progressionADate,
  type Convention,
  type EngineState,
  type Exercice,
  type Fenetre,
} from '@aiguillage/engine';

interface Suivi {
  fenetre: Fenetre;
  /** Expected fraction of the year at each sample, the count then and the bailleur's flux shared so far. */
  fractions: number[];
  comptes: number[];
  flux: number[];
  /** The convention's objective of the real year as estimated that day (what its progress page showed). */
  objectifsDuJour: number[];
}

/** The largest gap of the samples to `objectif(sample)` × the expected fraction then. */
function ecartMax(suivi: Suivi, objectif: (sample: number) => number): number {
  let max = 0;
  for (let i = 0; i < suivi.fractions.length; i++) {
    // Before a decision the count is the previous one: check both sides of each step.
    const attendu = objectif(i) * partAttendue(suivi.fractions[i], suivi.fenetre);
    max = Math.max(
      max,
      Math.abs(suivi.comptes[i] - attendu),
      i > 0 ? Math.abs(suivi.comptes[i - 1] - attendu) : attendu,
    );
  }
  return max;
}

export class PrefixTracker {
  private readonly suivis = new Map<string, Suivi>();
  private readonly parBailleur = new Map<string, Array<{ id: string; suivi: Suivi }>>();

  constructor(conventions: Convention[], exercices: Map<string, Exercice>) {
    for (const c of conventions) {
      const exercice = exercices.get(c.bailleurId);
      if (!exercice) continue;
      const suivi: Suivi = {
        fenetre: fenetreConvention(c, exercice),
        fractions: [],
        comptes: [],
        flux: [],
        objectifsDuJour: [],
      };
      this.suivis.set(c.id, suivi);
      const list = this.parBailleur.get(c.bailleurId) ?? [];
      list.push({ id: c.id, suivi });
      this.parBailleur.set(c.bailleurId, list);
    }
  }

  /** Samples the counts of one bailleur's conventions at the end of `date`. */
  sample(state: EngineState, date: string): void {
    const fraction = fractionAttendue(state.exercice, date);
    const flux = state.fluxOriente?.total ?? 0;
    const duJour = new Map(progressionADate(state, date).conventions.map((l) => [l.conventionId, l.objectif]));
    for (const { id, suivi } of this.parBailleur.get(state.exercice.bailleurId) ?? []) {
      const p = state.progress[id];
      if (!p) continue;
      const n = suivi.fractions.length;
      const objectif = duJour.get(id) ?? p.objectif;
      if (n > 0 && suivi.fractions[n - 1] === fraction) {
        suivi.comptes[n - 1] = p.propositions;
        suivi.flux[n - 1] = flux;
        suivi.objectifsDuJour[n - 1] = objectif;
      } else {
        suivi.fractions.push(fraction);
        suivi.comptes.push(p.propositions);
        suivi.flux.push(flux);
        suivi.objectifsDuJour.push(objectif);
      }
    }
  }

  /** The convention's largest gap to its expected progress over the year, against `objectif`. */
  deviation(conventionId: string, objectif: number): number {
    const suivi = this.suivis.get(conventionId);
    return suivi ? ecartMax(suivi, () => objectif) : 0;
  }

  /**
   * The same gap against the objective estimated each day (the real year as known then): what the
   * convention's progress page showed as its « écart à date » on the propositions, all year. The
   * rest of `deviation` is the year's size, unknown until 31 December.
   */
  deviationDuJour(conventionId: string): number {
    const suivi = this.suivis.get(conventionId);
    return suivi ? ecartMax(suivi, (i) => suivi.objectifsDuJour[i]) : 0;
  }

  /**
   * The same gap measured on the flux actually shared (Tijdeman's sense of a steady pace): the
   * expected count at a sample is the objective × the share of the convention's flux of the year
   * (within its validity window) already freed then. A réservataire reads its pace this way:
   * « of the N flats freed since January, I was proposed my share ».
   */
  deviationFlux(conventionId: string, objectif: number): number {
    const suivi = this.suivis.get(conventionId);
    if (!suivi || suivi.fractions.length === 0) return 0;
    let debut = 0;
    let fin = 0;
    for (let i = 0; i < suivi.fractions.length; i++) {
      if (suivi.fractions[i] <= suivi.fenetre.debut) debut = suivi.flux[i];
      if (suivi.fractions[i] <= suivi.fenetre.fin) fin = suivi.flux[i];
    }
    const etendue = fin - debut;
    let max = 0;
    for (let i = 0; i < suivi.fractions.length; i++) {
      const part =
        etendue > 0
          ? Math.min(1, Math.max(0, (suivi.flux[i] - debut) / etendue))
          : partAttendue(suivi.fractions[i], suivi.fenetre);
      max = Math.max(max, Math.abs(suivi.comptes[i] - objectif * part));
    }
    return max;
  }
}

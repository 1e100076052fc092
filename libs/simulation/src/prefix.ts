/**
 * The prefix deviation: how far each convention wanders from its expected progress during the
 * year, not only at 31 December. After every decision the simulator samples the counts of the
 * deciding bailleur's conventions; at the end, against the convention's year objective, the
 * prefix deviation is max over the samples of |count − objective × expected fraction at that date|,
 * the expected fraction read on the exercice's seasonal calendar within the convention's validity
 * window.
 */
import { fenetreConvention, fractionAttendue, partAttendue, type Convention, type EngineState, type Exercice, type Fenetre } from '@aiguillage/engine';

interface Suivi {
  fenetre: Fenetre;
  /** Expected fraction of the year at each sample, and the count then. */
  fractions: number[];
  comptes: number[];
}

export class PrefixTracker {
  private readonly suivis = new Map<string, Suivi>();
  private readonly parBailleur = new Map<string, Array<{ id: string; suivi: Suivi }>>();

  constructor(conventions: Convention[], exercices: Map<string, Exercice>) {
    for (const c of conventions) {
      const exercice = exercices.get(c.bailleurId);
      if (!exercice) continue;
      const suivi: Suivi = { fenetre: fenetreConvention(c, exercice), fractions: [], comptes: [] };
      this.suivis.set(c.id, suivi);
      const list = this.parBailleur.get(c.bailleurId) ?? [];
      list.push({ id: c.id, suivi });
      this.parBailleur.set(c.bailleurId, list);
    }
  }

  /** Samples the counts of one bailleur's conventions at the end of `date`. */
  sample(state: EngineState, date: string): void {
    const fraction = fractionAttendue(state.exercice, date);
    for (const { id, suivi } of this.parBailleur.get(state.exercice.bailleurId) ?? []) {
      const p = state.progress[id];
      if (!p) continue;
      const n = suivi.fractions.length;
      if (n > 0 && suivi.fractions[n - 1] === fraction) suivi.comptes[n - 1] = p.propositions;
      else {
        suivi.fractions.push(fraction);
        suivi.comptes.push(p.propositions);
      }
    }
  }

  /** The convention's largest gap to its expected progress over the year, against `objectif`. */
  deviation(conventionId: string, objectif: number): number {
    const suivi = this.suivis.get(conventionId);
    if (!suivi) return 0;
    let max = 0;
    for (let i = 0; i < suivi.fractions.length; i++) {
      // Before a decision the count is the previous one: check both sides of each step.
      const attendu = objectif * partAttendue(suivi.fractions[i], suivi.fenetre);
      max = Math.max(max, Math.abs(suivi.comptes[i] - attendu), i > 0 ? Math.abs(suivi.comptes[i - 1] - attendu) : attendu);
    }
    return max;
  }
}

/**
 * The override approval policy: when a chargé's choice against the recommendation waits for a
 * manager's approval, and why (French reasons naming the conventions). Pure: the live flow reads
 * the bailleur's policy and the state, and asks.
 */
import { progressionConvention } from './progression';
import { keyOf } from './recommend';
import { logementsFr } from './recommend/format';
import type { Destination, EngineState, OptionOrientation } from './orientation';

/** When an override of the recommendation waits for a manager's approval. */
export interface PolitiqueDerogation {
  toujours: boolean;
  /** The override sends a convention further from its target. */
  ecartCible: boolean;
  /** The chosen destination breaks a soft rule. */
  regleSouple: boolean;
}

export const POLITIQUE_PAR_DEFAUT: Readonly<PolitiqueDerogation> = Object.freeze({
  toujours: false,
  ecartCible: true,
  regleSouple: true,
});

/**
 * Lag of a convention behind its seasonal expected progress at `date` on its objective of the real
 * year, within its validity (positive: behind): the progress page's gap, negated, and the lag the
 * recommendation paces it on.
 */
export function retardConvention(state: EngineState, conventionId: string, date: string): number {
  const row = progressionConvention(state, conventionId, date);
  return row ? row.attendu - row.realise : 0;
}

function nomConvention(state: EngineState, conventionId: string): string {
  return state.conventions.find((c) => c.id === conventionId)?.reference ?? conventionId;
}

/**
 * Why this override needs approval under the policy (French reasons; empty: it does not). An
 * override sends a convention further from its target when the recommended convention is behind
 * and the flat goes to something that needs it less, or when the chosen convention is already at
 * or ahead of its expected progress.
 */
export function motifsApprobation(
  politique: PolitiqueDerogation,
  state: EngineState,
  date: string,
  recommandee: Destination | null,
  choisie: OptionOrientation,
): string[] {
  const motifs: string[] = [];
  if (politique.toujours) motifs.push('La politique du bailleur soumet toute dérogation à approbation');
  if (politique.ecartCible) {
    const dest = choisie.destination;
    const retardChoisie = dest.kind === 'CONVENTION' ? retardConvention(state, dest.conventionId, date) : null;
    if (recommandee?.kind === 'CONVENTION' && keyOf(recommandee) !== keyOf(dest)) {
      const retardReco = retardConvention(state, recommandee.conventionId, date);
      if (retardReco > 0 && (retardChoisie === null || retardChoisie < retardReco)) {
        motifs.push(
          `La convention recommandée ${nomConvention(state, recommandee.conventionId)} est en retard de ${logementsFr(retardReco)} sur sa cible`,
        );
      }
    }
    if (dest.kind === 'CONVENTION' && retardChoisie !== null && retardChoisie <= 0) {
      motifs.push(
        `La convention choisie ${nomConvention(state, dest.conventionId)} a déjà atteint sa progression attendue`,
      );
    }
  }
  if (politique.regleSouple) {
    for (const rule of choisie.violates.filter((r) => !r.hard)) motifs.push(`Règle non respectée : ${rule.libelle}`);
  }
  return motifs;
}

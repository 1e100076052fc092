/**
 * The override approval policy: when a chargé's choice against the recommendation waits for a
 * manager's approval, and why (French reasons naming the conventions). Pure: the live flow reads
 * the bailleur's policy and the state, and asks.
 */
import { progressionConvention, retardSousQuota } from './progression';
import { keyOf } from './recommend';
import { stateIndex } from './recommend/indexes';
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

/** « Action Logement Services — convention CONV-96-ALS-2026 »: the option's own words for it. */
function nomConvention(state: EngineState, conventionId: string): string {
  return stateIndex(state).byId.get(conventionId)?.libelle ?? `convention ${conventionId}`;
}

/** « (avance de 1,2 logement à date) », « (dans les temps) »: how far past its expected progress. */
function avanceFr(retard: number): string {
  return retard <= -0.05 ? `(avance de ${logementsFr(-retard)} à date)` : '(dans les temps)';
}

/**
 * How an override sends a target further away: the recommended convention behind and the flat going
 * to something that needs it less, the chosen convention already at or ahead of its expected
 * progress. Between a convention and its sub-quotas the flat counts for the convention either way:
 * what moves is the sub-quota's pace (the recommended one behind, the chosen one ahead).
 */
function ecartsCible(state: EngineState, date: string, recommandee: Destination | null, dest: Destination): string[] {
  if (
    recommandee?.kind === 'CONVENTION' &&
    dest.kind === 'CONVENTION' &&
    recommandee.conventionId === dest.conventionId
  ) {
    if (keyOf(recommandee) === keyOf(dest)) return [];
    const nom = nomConvention(state, dest.conventionId);
    const reco = recommandee.sousQuota && retardSousQuota(state, dest.conventionId, recommandee.sousQuota, date);
    const choisi = dest.sousQuota && retardSousQuota(state, dest.conventionId, dest.sousQuota, date);
    return [
      ...(reco && reco.retard > 0
        ? [`Le sous-quota ${reco.libelle} recommandé (${nom}) est en retard de ${logementsFr(reco.retard)} à date`]
        : []),
      ...(choisi && choisi.retard <= 0
        ? [
            `Le sous-quota ${choisi.libelle} choisi (${nom}) a déjà atteint sa progression attendue ${avanceFr(choisi.retard)}`,
          ]
        : []),
    ];
  }
  const motifs: string[] = [];
  const retardChoisie = dest.kind === 'CONVENTION' ? retardConvention(state, dest.conventionId, date) : null;
  if (recommandee?.kind === 'CONVENTION' && keyOf(recommandee) !== keyOf(dest)) {
    const retardReco = retardConvention(state, recommandee.conventionId, date);
    if (retardReco > 0 && (retardChoisie === null || retardChoisie < retardReco)) {
      motifs.push(
        `La convention recommandée (${nomConvention(state, recommandee.conventionId)}) est en retard de ${logementsFr(retardReco)} sur sa progression attendue`,
      );
    }
  }
  if (dest.kind === 'CONVENTION' && retardChoisie !== null && retardChoisie <= 0) {
    motifs.push(
      `La convention choisie (${nomConvention(state, dest.conventionId)}) a déjà atteint sa progression attendue ${avanceFr(retardChoisie)}`,
    );
  }
  return motifs;
}

/**
 * Why this override needs approval under the policy (French reasons; empty: it does not): always,
 * when it sends a target further away (`ecartsCible`), when the chosen destination breaks a soft rule.
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
  if (politique.ecartCible) motifs.push(...ecartsCible(state, date, recommandee, choisie.destination));
  if (politique.regleSouple) {
    for (const rule of choisie.violates.filter((r) => !r.hard)) motifs.push(`Règle non respectée : ${rule.libelle}`);
  }
  return motifs;
}

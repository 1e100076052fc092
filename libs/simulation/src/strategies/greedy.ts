/**
 * Largest lag wins: the eligible convention (or the bailleur's own share) furthest behind its
 * seasonal expected progress gets the flat. Nothing else is weighed: no QPV rule, no préfet floor,
 * no typologie fit, no délégation mode.
 */
import type { Logement } from '@aiguillage/engine';
import type { Destination, EngineState, Strategy } from '@aiguillage/engine';
import { expectedFraction } from '../rules';
import { BAILLEUR, bailleurObjective, eligibleConventions, hardRuleDestination, toConvention } from './baseline';

export class GreedyStrategy implements Strategy {
  readonly name = 'greedy';

  choose(logement: Logement, state: EngineState, date: string): Destination {
    const forced = hardRuleDestination(logement, state, date);
    if (forced) return forced;
    const fraction = expectedFraction(state.exercice, date);
    let best: Destination = BAILLEUR;
    let bestLag = bailleurObjective(state) * fraction - state.bailleurPropositions;
    for (const convention of eligibleConventions(logement, state, date)) {
      const progress = state.progress[convention.id];
      if (!progress) continue;
      const lag = progress.objectif * fraction - progress.propositions;
      if (lag > bestLag) {
        best = toConvention(convention.id);
        bestLag = lag;
      }
    }
    return best;
  }
}

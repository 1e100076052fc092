/**
 * The fixed turn by weight the guides describe (and criticise): conventions, and the bailleur's own
 * share, take turns in a fixed cyclic order proportional to their objectives, whatever their
 * progress; a convention whose turn comes on a flat it cannot take loses that turn.
 */
import type { Logement } from '@aiguillage/engine';
import type { Destination, EngineState, Strategy } from '@aiguillage/engine';
import {
  BAILLEUR,
  bailleurObjective,
  eligibleConventions,
  hardRuleDestination,
  fluxConventions,
  toConvention,
} from './baseline';

const BAILLEUR_TURN = '';

/** Smooth weighted round robin: a cycle where each entry appears in proportion to its weight, evenly spread. */
export function weightedCycle(weights: Array<[string, number]>): string[] {
  const positive = weights.filter(([, w]) => w > 0);
  const total = positive.reduce((s, [, w]) => s + w, 0);
  const length = Math.max(positive.length, Math.round(total));
  const current = positive.map(() => 0);
  const cycle: string[] = [];
  for (let step = 0; step < length; step++) {
    let best = 0;
    positive.forEach(([, w], i) => {
      current[i] += w;
      if (current[i] > current[best]) best = i;
    });
    current[best] -= total;
    cycle.push(positive[best][0]);
  }
  return cycle;
}

export class RotationStrategy implements Strategy {
  readonly name = 'rotation';
  /** One turn per exercice (a scenario may hold several bailleurs). */
  private readonly turns = new Map<string, { cycle: string[]; position: number }>();

  choose(logement: Logement, state: EngineState, date: string): Destination {
    const forced = hardRuleDestination(logement, state, date);
    if (forced) return forced;
    let turns = this.turns.get(state.exercice.id);
    if (!turns) this.turns.set(state.exercice.id, (turns = { cycle: this.buildCycle(state), position: 0 }));
    const { cycle } = turns;
    const eligible = new Set(eligibleConventions(logement, state, date).map((c) => c.id));
    for (let k = 0; k < cycle.length; k++) {
      const index = (turns.position + k) % cycle.length;
      const turn = cycle[index];
      if (turn === BAILLEUR_TURN || eligible.has(turn)) {
        turns.position = index + 1;
        return turn === BAILLEUR_TURN ? BAILLEUR : toConvention(turn);
      }
    }
    return BAILLEUR;
  }

  private buildCycle(state: EngineState): string[] {
    const weights: Array<[string, number]> = fluxConventions(state).map((c) => [
      c.id,
      state.progress[c.id]?.objectif ?? 0,
    ]);
    weights.push([BAILLEUR_TURN, bailleurObjective(state)]);
    return weightedCycle(weights);
  }
}

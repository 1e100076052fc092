import type { Convention, Logement } from '../domain';
import type { CandidatCal, Destination, EngineState, Strategy } from '../orientation';
import { classerCandidats } from './classement-cal';
import { DEFAULT_POLICY, type Policy } from './policy';
import { choix, recommend } from './recommend';

/** The engine as a Strategy: the first eligible option of `recommend`, and the CAL's order it advises. */
export function engineStrategy(policy: Policy = DEFAULT_POLICY): Strategy {
  return {
    name: 'engine',
    choose(logement: Logement, state: EngineState, date: string): Destination {
      return choix(recommend(logement, state, policy, date));
    },
    classer(candidats: readonly CandidatCal[], logement: Logement, convention: Convention, state: EngineState) {
      const progress = state.progress[convention.id];
      return progress
        ? classerCandidats(candidats, logement, convention, progress, '', policy).map((r) => r.indice)
        : candidats.map((_, i) => i);
    },
  };
}

import type { Logement } from '../domain';
import type { Destination, EngineState, Strategy } from '../orientation';
import { DEFAULT_POLICY, type Policy } from './policy';
import { choix, recommend } from './recommend';

/** The engine as a Strategy: the first eligible option of `recommend`. */
export function engineStrategy(policy: Policy = DEFAULT_POLICY): Strategy {
  return {
    name: 'engine',
    choose(logement: Logement, state: EngineState, date: string): Destination {
      return choix(recommend(logement, state, policy, date));
    },
  };
}

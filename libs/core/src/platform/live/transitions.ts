import { appliquer, type EngineState } from '@aiguillage/engine';
import type { EngineTransition } from './flow.types';

/** Applies one journaled transition with the engine's pure functions (deterministic: every process agrees). */
export function applyTransition(state: EngineState, t: EngineTransition): EngineState {
  return appliquer(state, t);
}

import {
  applyAttribution,
  applyBail,
  applyCandidatsRecus,
  applyExpirationDelai,
  applyOrientation,
  applyRefus,
  type EngineState,
} from '@aiguillage/engine';
import type { EngineTransition } from './flow.types';

/** Applies one journaled transition with the engine's pure functions (deterministic: every process agrees). */
export function applyTransition(state: EngineState, t: EngineTransition): EngineState {
  switch (t.kind) {
    case 'orientation':
      return applyOrientation(state, t.logement, t.destination, { attenteCandidats: t.attenteCandidats });
    case 'candidatsRecus':
      return applyCandidatsRecus(state, t.conventionId);
    case 'expiration':
      return applyExpirationDelai(state, t.logement, t.conventionId, t.sousQuota);
    case 'attribution':
      return applyAttribution(state, t.logement, t.conventionId, t.candidat);
    case 'bail':
      return applyBail(state, t.conventionId);
    case 'refus':
      return applyRefus(state, t.conventionId, t.attribution);
  }
}

/**
 * The one vocabulary of the engine's state changes: a `Transition` is one step of a flat's life
 * (oriented, candidates received, délai expired, attributed, let, refused). The live flow journals
 * them (core's `EngineTransition` is this type) and its state store replays them, the simulator
 * applies them as its year unfolds, and `rejouer` rebuilds a state from the recorded year.
 */
import type { Logement } from './domain';
import { EngineInputError } from './errors';
import type { Destination, EngineState } from './orientation';
import {
  applyAttribution,
  applyBail,
  applyCandidatsRecus,
  applyExpirationDelai,
  applyOrientation,
  applyRefus,
  type Candidat,
} from './progress';

/**
 * `date`: the vacancy's libération date (optional, additive): a versioned convention counts every
 * step of that flat under the terms in force on that date (`versions.ts`).
 */
export type Transition = (
  | { kind: 'orientation'; logement: Logement; destination: Destination; attenteCandidats: boolean }
  | { kind: 'candidatsRecus'; conventionId: string }
  | { kind: 'expiration'; logement: Logement; conventionId: string; sousQuota?: string }
  | { kind: 'attribution'; logement: Logement; conventionId: string; candidat: Candidat }
  | { kind: 'bail'; conventionId: string }
  | { kind: 'refus'; conventionId: string; attribution?: { logement: Logement; candidat: Candidat } }
) & { date?: string };

export type TransitionKind = Transition['kind'];

/** Applies one transition with the engine's pure functions (deterministic: every process agrees). */
export function appliquer(state: EngineState, t: Transition): EngineState {
  switch (t.kind) {
    case 'orientation':
      return applyOrientation(state, t.logement, t.destination, {
        attenteCandidats: t.attenteCandidats,
        ...(t.date ? { date: t.date } : {}),
      });
    case 'candidatsRecus':
      return applyCandidatsRecus(state, t.conventionId);
    case 'expiration':
      return applyExpirationDelai(state, t.logement, t.conventionId, t.sousQuota, t.date);
    case 'attribution':
      return applyAttribution(state, t.logement, t.conventionId, t.candidat, t.date);
    case 'bail':
      return applyBail(state, t.conventionId, t.date);
    case 'refus':
      return applyRefus(state, t.conventionId, t.attribution, t.date);
    default:
      throw new EngineInputError('transition.kind', `transition inconnue « ${(t as { kind: string }).kind} »`);
  }
}

/** Applies recorded transitions in order (e.g. the year so far, loaded from the journal) to a state. */
export function rejouer(state: EngineState, transitions: Iterable<Transition>): EngineState {
  let s = state;
  for (const t of transitions) s = appliquer(s, t);
  return s;
}

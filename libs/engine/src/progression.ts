/**
 * Where each convention stands at a date: what counts under its décompte mode, what was expected by
 * then (its objective of the real year × the share of the year's flux expected by the date, within
 * its validity), and the gap. What a live dashboard shows, what a réservataire may read of its own
 * conventions, and the lag the override approval policy and the decision card read: the
 * recommendation's (see `REGLE_RYTHME`).
 */
import { fenetreConvention, fractionAttendue, partAttendue } from './calculs/saisonnalite';
import type { ConventionProgress, EngineState } from './orientation';
import { emptyFlux, realise } from './progress';
import { estimerAnnee, objectifReel } from './recommend/annee-reelle';
import { stateIndex } from './recommend/indexes';
import { DEFAULT_POLICY } from './recommend/policy';

export interface ProgressionConvention {
  conventionId: string;
  /** Its objective of the real year at the date (see `objectifADate`): what it is paced on. */
  objectif: number;
  /** Its objective in the exercice (the forecast's). */
  objectifPrevu: number;
  /** What counts toward the objective under the convention's décompte mode. */
  realise: number;
  /** What was expected by the date. */
  attendu: number;
  /** realise − attendu: negative when behind. */
  ecart: number;
  progress: ConventionProgress;
}

const round2 = (x: number) => Math.round(x * 100) / 100 + 0;

/**
 * A convention's objective of the real year at `date`, the one the recommendation paces it on (the
 * live flow's policy, DEFAULT_POLICY): a share scales with the flux estimated at that date, a count
 * (and the Défense's objective) stays the exercice's. 0 without an objective this year.
 */
export function objectifADate(state: EngineState, conventionId: string, date: string): number {
  const progress = state.progress[conventionId];
  const meta = stateIndex(state).byId.get(conventionId);
  if (!progress || !meta) return 0;
  if (!DEFAULT_POLICY.anneeReelle || meta.kind === 'DEFENSE') return progress.objectif;
  const fraction = fractionAttendue(state.exercice, date);
  const annee = estimerAnnee(state, state.fluxOriente ?? emptyFlux(), fraction, DEFAULT_POLICY);
  return objectifReel(meta.convention, progress.objectif, annee);
}

/** Where one convention stands at `date` (unrounded); null without an objective this year. */
export function progressionConvention(
  state: EngineState,
  conventionId: string,
  date: string,
): ProgressionConvention | null {
  const progress = state.progress[conventionId];
  const convention = stateIndex(state).byId.get(conventionId)?.convention;
  if (!progress || !convention) return null;
  const objectif = objectifADate(state, conventionId, date);
  const fait = realise(progress, convention);
  const fenetre = fenetreConvention(convention, state.exercice);
  const attendu = objectif * partAttendue(fractionAttendue(state.exercice, date), fenetre);
  return {
    conventionId,
    objectif,
    objectifPrevu: progress.objectif,
    realise: fait,
    attendu,
    ecart: fait - attendu,
    progress,
  };
}

/** A row of the progress page: `progressionConvention` with attendu and écart to the hundredth. */
export function ligneProgression(state: EngineState, conventionId: string, date: string): ProgressionConvention | null {
  const row = progressionConvention(state, conventionId, date);
  return row && { ...row, attendu: round2(row.attendu), ecart: round2(row.ecart) };
}

/** Every convention of the state with an objective this year, in the state's order (attendu and écart to the hundredth). */
export function progressionADate(
  state: EngineState,
  date: string,
): { fractionAttendue: number; conventions: ProgressionConvention[] } {
  const conventions: ProgressionConvention[] = [];
  for (const convention of state.conventions) {
    const row = ligneProgression(state, convention.id, date);
    if (row) conventions.push(row);
  }
  const fraction = fractionAttendue(state.exercice, date);
  return { fractionAttendue: Math.round(fraction * 1e4) / 1e4, conventions };
}

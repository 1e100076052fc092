/**
 * Where each convention stands at a date: what counts under its décompte mode, what was expected by
 * then (its objective × the share of the year's flux expected by the date, within its validity), and
 * the gap. What a live dashboard shows, and what a réservataire may read of its own conventions.
 */
import { fenetreConvention, fractionAttendue, partAttendue } from './calculs/saisonnalite';
import type { ConventionProgress, EngineState } from './orientation';
import { realise } from './progress';

export interface ProgressionConvention {
  conventionId: string;
  objectif: number;
  /** What counts toward the objective under the convention's décompte mode. */
  realise: number;
  /** What was expected by the date. */
  attendu: number;
  /** realise − attendu: negative when behind. */
  ecart: number;
  progress: ConventionProgress;
}

const round2 = (x: number) => Math.round(x * 100) / 100 + 0;

/** Every convention of the state with an objective this year, in the state's order. */
export function progressionADate(
  state: EngineState,
  date: string,
): { fractionAttendue: number; conventions: ProgressionConvention[] } {
  const fraction = fractionAttendue(state.exercice, date);
  const conventions: ProgressionConvention[] = [];
  for (const convention of state.conventions) {
    const progress = state.progress[convention.id];
    if (!progress) continue;
    const fait = realise(progress, convention);
    const attendu = progress.objectif * partAttendue(fraction, fenetreConvention(convention, state.exercice));
    conventions.push({
      conventionId: convention.id,
      objectif: progress.objectif,
      realise: fait,
      attendu: round2(attendu),
      ecart: round2(fait - attendu),
      progress,
    });
  }
  return { fractionAttendue: Math.round(fraction * 1e4) / 1e4, conventions };
}

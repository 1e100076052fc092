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
import { estimerAnnee, objectifReel, type AnneeReelle } from './recommend/annee-reelle';
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
  /** Its sub-quotas (the préfet's fonctionnaires), as the recommendation paces and caps them. */
  sousQuotas: SousQuotaProgression[];
  progress: ConventionProgress;
}

export interface SousQuotaProgression {
  code: string;
  libelle: string;
  /** Its ceiling on the year: its rate of the year's flux (estimated at the date). */
  plafond: number;
  /** What was expected by the date: the ceiling × the share of the flux expected by then. */
  attendu: number;
  /** Flats proposed to it (in the flux). */
  proposes: number;
}

const round2 = (x: number) => Math.round(x * 100) / 100 + 0;

/** What every convention's row at a date reads, computed once: the expected fraction and the real year estimated then (null: forecast objectives). */
interface ADate {
  fraction: number;
  annee: AnneeReelle | null;
}

function aDate(state: EngineState, date: string): ADate {
  const fraction = fractionAttendue(state.exercice, date);
  const annee = DEFAULT_POLICY.anneeReelle
    ? estimerAnnee(state, state.fluxOriente ?? emptyFlux(), fraction, DEFAULT_POLICY)
    : null;
  return { fraction, annee };
}

function ligne(state: EngineState, conventionId: string, { fraction, annee }: ADate): ProgressionConvention | null {
  const progress = state.progress[conventionId];
  const meta = stateIndex(state).byId.get(conventionId);
  if (!progress || !meta) return null;
  const objectif =
    annee && meta.kind !== 'DEFENSE' ? objectifReel(meta.convention, progress.objectif, annee) : progress.objectif;
  const fait = realise(progress, meta.convention);
  const attendu = objectif * partAttendue(fraction, fenetreConvention(meta.convention, state.exercice));
  const flux = annee?.flux ?? state.exercice.fluxARepartir;
  const sousQuotas = (meta.convention.sousQuotas ?? []).map((sq) => ({
    code: sq.code,
    libelle: sq.libelle,
    plafond: sq.taux * flux,
    attendu: sq.taux * flux * fraction,
    proposes: progress.parSousQuota[sq.code] ?? 0,
  }));
  return {
    conventionId,
    objectif,
    objectifPrevu: progress.objectif,
    realise: fait,
    attendu,
    ecart: fait - attendu,
    sousQuotas,
    progress,
  };
}

/**
 * A convention's objective of the real year at `date`, the one the recommendation paces it on (the
 * live flow's policy, DEFAULT_POLICY): a share scales with the flux estimated at that date, a count
 * (and the Défense's objective) stays the exercice's. 0 without an objective this year.
 */
export function objectifADate(state: EngineState, conventionId: string, date: string): number {
  return progressionConvention(state, conventionId, date)?.objectif ?? 0;
}

/** Where one convention stands at `date` (unrounded); null without an objective this year. */
export function progressionConvention(
  state: EngineState,
  conventionId: string,
  date: string,
): ProgressionConvention | null {
  return ligne(state, conventionId, aDate(state, date));
}

/**
 * A sub-quota's lag at `date` (positive: behind), as the recommendation paces it: its rate of the
 * year's flux (estimated at the date) × the share of the flux expected by then − its flats. Null
 * when the convention has no such sub-quota or no objective this year.
 */
export function retardSousQuota(
  state: EngineState,
  conventionId: string,
  code: string,
  date: string,
): { libelle: string; retard: number } | null {
  const sq = progressionConvention(state, conventionId, date)?.sousQuotas.find((q) => q.code === code);
  return sq ? { libelle: sq.libelle, retard: sq.attendu - sq.proposes } : null;
}

const arrondie = (row: ProgressionConvention | null) =>
  row && {
    ...row,
    attendu: round2(row.attendu),
    ecart: round2(row.ecart),
    sousQuotas: row.sousQuotas.map((q) => ({ ...q, plafond: round2(q.plafond), attendu: round2(q.attendu) })),
  };

/** A row of the progress page: `progressionConvention` with attendu and écart to the hundredth. */
export function ligneProgression(state: EngineState, conventionId: string, date: string): ProgressionConvention | null {
  return arrondie(progressionConvention(state, conventionId, date));
}

/** Every convention of the state with an objective this year, in the state's order (attendu and écart to the hundredth). */
export function progressionADate(
  state: EngineState,
  date: string,
): { fractionAttendue: number; conventions: ProgressionConvention[] } {
  const contexte = aDate(state, date);
  const conventions: ProgressionConvention[] = [];
  for (const convention of state.conventions) {
    const row = arrondie(ligne(state, convention.id, contexte));
    if (row) conventions.push(row);
  }
  return { fractionAttendue: Math.round(contexte.fraction * 1e4) / 1e4, conventions };
}

/**
 * What the baselines share: the flats whose destination is forced (DEFENSE stock, sale or demolition
 * plans), the pacing of excluded uses (the bailleur sets aside its planned mutations and rehousings
 * at the seasonal pace of the year), and eligibility. Each baseline then differs only by how it picks
 * among the eligible conventions.
 */
import type { Convention, Logement, Reservataire, UsageExclu } from '@aiguillage/engine';
import { USAGES_EXCLUS } from '@aiguillage/engine';
import type { Destination, EngineState } from '@aiguillage/engine';
import { expectedFraction, isEligible, plannedExclusions } from '../rules';

export const BAILLEUR: Destination = { kind: 'BAILLEUR' };

export function toConvention(conventionId: string): Destination {
  return { kind: 'CONVENTION', conventionId };
}

export function reservatairesById(state: EngineState): Map<string, Reservataire> {
  return new Map(state.reservataires.map((r) => [r.id, r]));
}

export function eligibleConventions(logement: Logement, state: EngineState, date: string): Convention[] {
  const reservataires = reservatairesById(state);
  return state.conventions.filter((c) => isEligible(c, reservataires.get(c.reservataireId), logement, date));
}

/**
 * The destination every strategy must give, when there is no choice: a DEFENSE stock flat goes to
 * its DEFENSE convention (else the bailleur); a flat in a sale or demolition plan to the bailleur.
 */
export function forcedDestination(logement: Logement, state: EngineState, date: string): Destination | null {
  if (logement.horsAssiette) return BAILLEUR;
  if (!logement.stockDefense) return null;
  const defense = eligibleConventions(logement, state, date)[0];
  return defense ? toConvention(defense.id) : BAILLEUR;
}

/**
 * The excluded use this flat should serve, if the year's planned exclusions are behind their
 * seasonal pace: the usage furthest behind gets it.
 */
export function pacedExclusion(state: EngineState, date: string): Destination | null {
  const planned = plannedExclusions(state.exercice.assiette);
  const fraction = expectedFraction(state.exercice, date);
  let best: UsageExclu | null = null;
  let bestLag = 0;
  for (const usage of USAGES_EXCLUS) {
    const remaining = state.exclusionsRestantes[usage] ?? 0;
    if (remaining <= 0) continue;
    const lag = planned[usage] * fraction - (planned[usage] - remaining);
    if (lag > bestLag) {
      best = usage;
      bestLag = lag;
    }
  }
  return best && bestLag >= 0.5 ? { kind: 'EXCLU', usage: best } : null;
}

/** The hard rules before any choice: the forced destination, else the excluded use behind its pace. */
export function hardRuleDestination(logement: Logement, state: EngineState, date: string): Destination | null {
  return forcedDestination(logement, state, date) ?? pacedExclusion(state, date);
}

/** The conventions served from the flux: all but the DEFENSE ones (their flats are in stock). */
export function fluxConventions(state: EngineState): Convention[] {
  const reservataires = reservatairesById(state);
  return state.conventions.filter((c) => reservataires.get(c.reservataireId)?.kind !== 'DEFENSE');
}

/** The bailleur's own (non réservé) share of the year, in flats, used by the baselines as one more "convention". */
export function bailleurObjective(state: EngineState): number {
  const reserved = fluxConventions(state).reduce((s, c) => s + (state.progress[c.id]?.objectif ?? 0), 0);
  return Math.max(0, state.exercice.fluxARepartir - reserved);
}

/**
 * The textbook apportionment methods as baselines, under the engine's hard rules (forced flats,
 * paced excluded uses, eligibility, the préfet's floors hors QPV and per commune):
 * - sequential Sainte-Laguë: the flat goes to the eligible account with the largest
 *   objective / (count + 0.5) (the bailleur's own share is one more account);
 * - largest deficit to pace: the flat goes to the eligible account furthest behind
 *   objective × expected fraction at the date.
 * Both read the forecast's objectives (no estimate of the real year).
 */
import type { Convention, Destination, EngineState, Logement, Strategy } from '@aiguillage/engine';
import { expectedFraction, floorOf } from '../rules';
import { BAILLEUR, bailleurObjective, eligibleConventions, forcedDestination, pacedExclusion, reservatairesById, toConvention } from './baseline';

/**
 * The préfet convention whose floor the flat must keep (the engine's hard rule): giving the flat
 * elsewhere would leave the préfet under ⌊rate × flux⌋ hors QPV or in the commune.
 */
export function prefetObligatoire(logement: Logement, state: EngineState, eligibles: Convention[]): Convention | null {
  const flux = state.fluxOriente;
  if (!flux) return null;
  const kinds = reservatairesById(state);
  for (const c of eligibles) {
    if (kinds.get(c.reservataireId)?.kind !== 'ETAT' || c.cible.type !== 'TAUX') continue;
    const p = state.progress[c.id];
    if (!p) continue;
    const taux = c.cible.taux;
    if (!logement.qpv && p.horsQpv < floorOf(taux, flux.horsQpv + 1)) return c;
    if (c.engagements?.tauxUniformeParCommune !== false && (p.parCommune[logement.commune] ?? 0) < floorOf(taux, (flux.parCommune[logement.commune] ?? 0) + 1)) return c;
  }
  return null;
}

/** Picks by `priorite(objective, count, fraction)` among the eligible accounts, after the hard rules. */
abstract class Apportionment implements Strategy {
  abstract readonly name: string;
  protected abstract priorite(objectif: number, compte: number, fraction: number): number;

  choose(logement: Logement, state: EngineState, date: string): Destination {
    const forced = forcedDestination(logement, state, date) ?? pacedExclusion(state, date);
    if (forced) return forced;
    const eligibles = eligibleConventions(logement, state, date);
    const prefet = prefetObligatoire(logement, state, eligibles);
    if (prefet) return toConvention(prefet.id);
    const fraction = expectedFraction(state.exercice, date);
    let best: Destination = BAILLEUR;
    let bestPriorite = this.priorite(bailleurObjective(state), state.bailleurPropositions, fraction);
    for (const convention of eligibles) {
      const p = state.progress[convention.id];
      if (!p) continue;
      const priorite = this.priorite(p.objectif, p.propositions, fraction);
      if (priorite > bestPriorite) {
        best = toConvention(convention.id);
        bestPriorite = priorite;
      }
    }
    return best;
  }
}

export class SainteLagueStrategy extends Apportionment {
  readonly name = 'sainte-lague';
  protected priorite(objectif: number, compte: number): number {
    return objectif / (compte + 0.5);
  }
}

export class LargestDeficitStrategy extends Apportionment {
  readonly name = 'largest-deficit';
  protected priorite(objectif: number, compte: number, fraction: number): number {
    return objectif * fraction - compte;
  }
}

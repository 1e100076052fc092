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
import {
  BAILLEUR,
  bailleurObjective,
  eligibleConventions,
  fluxConventions,
  hardRuleDestination,
  reservatairesById,
  toConvention,
} from './baseline';

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
    if (
      c.engagements?.tauxUniformeParCommune !== false &&
      (p.parCommune[logement.commune] ?? 0) < floorOf(taux, (flux.parCommune[logement.commune] ?? 0) + 1)
    )
      return c;
  }
  return null;
}

/** Picks by `priorite(objective, count, fraction)` among the eligible accounts, after the hard rules. */
abstract class Apportionment implements Strategy {
  abstract readonly name: string;
  protected abstract priorite(objectif: number, compte: number, fraction: number): number;

  choose(logement: Logement, state: EngineState, date: string): Destination {
    const forced = hardRuleDestination(logement, state, date);
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

/**
 * Online primal–dual allocation with one dual price per constraint (Balseiro, Lu & Mirrokni 2020,
 * "dual mirror descent"): each account (convention, the bailleur's share) has the budget
 * "count ≤ objective", consumed at the target rate ρ = objective / forecast flux per flat. A flat
 * goes to the eligible account with the largest unit reward less its price, 1 − λ; after each flat
 * every price takes a mirror-descent step on the entropy, λ ← λ · exp(η (consumed − ρ)): an account
 * served faster than its rate gets dearer, one left behind cheaper.
 */
export class DualMirrorDescentStrategy implements Strategy {
  readonly name = 'dual-mirror-descent';
  private readonly prix = new Map<string, Map<string, number>>();

  constructor(private readonly eta = 0.05) {}

  choose(logement: Logement, state: EngineState, date: string): Destination {
    const forced = hardRuleDestination(logement, state, date);
    if (forced) return forced;
    const eligibles = eligibleConventions(logement, state, date);
    const prefet = prefetObligatoire(logement, state, eligibles);
    const prix = this.prixDe(state);
    let best: Destination = BAILLEUR;
    if (prefet) best = toConvention(prefet.id);
    else {
      let bestValeur = 1 - prix.get(BAILLEUR_KEY)!;
      for (const convention of eligibles) {
        const lambda = prix.get(convention.id);
        if (lambda === undefined) continue;
        if (1 - lambda > bestValeur) {
          best = toConvention(convention.id);
          bestValeur = 1 - lambda;
        }
      }
    }
    // One mirror-descent step on every price of this bailleur.
    const flux = Math.max(1, state.exercice.fluxARepartir);
    const chosen = best.kind === 'CONVENTION' ? best.conventionId : BAILLEUR_KEY;
    for (const [key, lambda] of prix) {
      const objectif = key === BAILLEUR_KEY ? bailleurObjective(state) : (state.progress[key]?.objectif ?? 0);
      prix.set(key, lambda * Math.exp(this.eta * ((key === chosen ? 1 : 0) - objectif / flux)));
    }
    return best;
  }

  private prixDe(state: EngineState): Map<string, number> {
    let prix = this.prix.get(state.exercice.bailleurId);
    if (!prix) {
      prix = new Map([[BAILLEUR_KEY, 1]]);
      for (const c of fluxConventions(state)) if (state.progress[c.id]) prix.set(c.id, 1);
      this.prix.set(state.exercice.bailleurId, prix);
    }
    return prix;
  }
}

const BAILLEUR_KEY = '__bailleur__';

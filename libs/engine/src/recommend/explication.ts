/**
 * The explanation: an evaluation written out as an option (its reasons, deciding terms first),
 * the one-line lag the undetailed options carry, and the second pass that writes the options a
 * chargé will read in full.
 */
import type { Destination, OptionOrientation } from '../orientation';
import { AUCUNE_REGLE, PAS_SCORE, type Evaluation } from './contexte';
import { logementsFr } from './format';

/** Options written out in full (reasons, soft rules); the others carry their lag as their one reason. */
export const DETAIL_MAX = 12;

export function finalize(destination: Destination, ev: Evaluation): OptionOrientation {
  const score = Math.round(ev.score * PAS_SCORE) / PAS_SCORE + 0;
  // Until the second pass writes the first options out, each carries its lag (memoised text).
  if (!ev.detail) return { destination, score, eligible: true, satisfies: AUCUNE_REGLE, violates: AUCUNE_REGLE, raisons: raisonRetard(ev.retard) };
  ev.raisons.sort((a, b) => b.poids - a.poids);
  return { destination, score, eligible: true, satisfies: ev.satisfies, violates: ev.violates, raisons: ev.raisons.map((r) => r.texte) };
}

const raisonsRetard = new Map<number, string[]>();

/**
 * ["Retard de 1,3 logement sur l'objectif à date"], memoised by tenth of a flat: the undetailed
 * options share these frozen one-line lists (no allocation per option).
 */
export function raisonRetard(retard: number): string[] {
  const dixiemes = Math.round(retard * 10);
  let raisons = raisonsRetard.get(dixiemes);
  if (raisons === undefined) {
    const r = dixiemes / 10;
    const texte = r >= 0.1 ? `Retard de ${logementsFr(r)} sur l'objectif à date` : r <= -0.1 ? `Avance de ${logementsFr(-r)} sur l'objectif à date` : "Dans les temps sur l'objectif à date";
    raisons = Object.freeze([texte]) as unknown as string[];
    if (raisonsRetard.size < 10_000) raisonsRetard.set(dixiemes, raisons);
  }
  return raisons;
}

/**
 * Second pass: the first DETAIL_MAX eligible options get their reasons and rules (same scores),
 * `evaluer` writing out every option of one convention.
 */
export function detailler(eligibles: OptionOrientation[], evaluer: (conventionId: string) => OptionOrientation[], keyOf: (d: Destination) => string): void {
  const detailles = new Map<string, OptionOrientation>();
  const n = Math.min(DETAIL_MAX, eligibles.length);
  for (let i = 0; i < n; i++) {
    const d = eligibles[i].destination;
    if (d.kind !== 'CONVENTION') continue;
    if (!detailles.has(keyOf(d))) for (const o of evaluer(d.conventionId)) detailles.set(keyOf(o.destination), o);
    const full = detailles.get(keyOf(d));
    if (full) eligibles[i] = full;
  }
}

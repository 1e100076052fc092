/**
 * Forecast error: the same département and forecast, but a real year whose flux comes out `ecart`
 * away from it (−0.1: 10 % fewer flats let than forecast). The forecast (assiette, flux to share,
 * supply by cell) is kept; the real libérations are thinned (a shorter year) or completed by flats
 * let a second time later in the year (a longer year), drawn from a seeded stream. Flats outside
 * the flux (DEFENSE stock, sale, demolition, first lettings) are left as they are.
 */
import type { Liberation } from '@aiguillage/engine';
import { RandomStream } from './prng';
import { addDays } from './rules';
import type { Scenario } from './scenario';

/** The scenario families of the bench: the real flux against the forecast. */
export const ECARTS_PREVISION = [-0.1, -0.05, 0, 0.1] as const;

export function avecErreurDePrevision(scenario: Scenario, ecart: number, seed: number): Scenario {
  if (!Number.isFinite(ecart) || ecart <= -1) throw new Error(`écart de prévision invalide : ${ecart}`);
  const rng = new RandomStream(seed, `prevision:${ecart}`);
  const logements = new Map(scenario.logements.map((l) => [l.id, l]));
  const dansLeFlux = (l: Liberation) => {
    const logement = logements.get(l.logementId);
    return !!logement && !logement.stockDefense && !logement.horsAssiette && l.kind !== 'NEUF';
  };
  const flux = scenario.liberations.filter(dansLeFlux);
  const autres = scenario.liberations.filter((l) => !dansLeFlux(l));
  const annee = scenario.exercices[0]?.annee ?? Number(flux[0]?.date.slice(0, 4));
  const fin = `${annee}-12-31`;
  let liberations: Liberation[];
  if (ecart <= 0) {
    // Keep each flat with the probability that leaves round((1 + ecart) × n) of them, exactly.
    const garder = Math.round((1 + ecart) * flux.length);
    const ordre = flux.map((l) => ({ l, u: rng.next() })).sort((a, b) => a.u - b.u);
    liberations = ordre.slice(0, garder).map((x) => x.l);
  } else {
    const ajout = Math.round(ecart * flux.length);
    liberations = [...flux];
    for (let i = 0; i < ajout; i++) {
      const source = flux[Math.floor(rng.next() * flux.length)];
      // Let again 30 to 150 days later (a short stay), within the year; else earlier in the year.
      let date = addDays(source.date, rng.int(30, 150));
      if (date > fin) date = addDays(source.date, -rng.int(30, 150));
      if (date < `${annee}-01-01`) date = `${annee}-01-01`;
      liberations.push({ ...source, id: `${source.id}~${i + 1}`, date });
    }
  }
  const pct = Math.round(ecart * 100);
  return {
    ...scenario,
    nom: `${scenario.nom} (flux réel ${pct >= 0 ? '+' : ''}${pct} % de la prévision)`,
    seed,
    liberations: [...liberations, ...autres],
  };
}

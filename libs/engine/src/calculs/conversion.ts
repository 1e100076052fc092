/**
 * Converting stock reservation rights into a share of the flux: the four scenarios of the guide
 * (seed 000, "Premier scénario" … "Quatrième scénario") and the pro-rata-by-remaining-days variant
 * of scenario 1 (seed 004). Rates are fractions rounded to 6 decimals (0.15, not 0.15000000000000002).
 */
import { EngineInputError, requireFinite, round6 } from '../errors';

const positive = (champ: string, value: unknown) => {
  const v = requireFinite(champ, value, { min: 0 });
  if (v === 0) throw new EngineInputError(champ, 'doit être strictement positif');
  return v;
};
const nonNegative = (champ: string, value: unknown) => requireFinite(champ, value, { min: 0 });
const rotation = (champ: string, value: unknown) => {
  const v = positive(champ, value);
  if (v > 1) throw new EngineInputError(champ, 'doit être une fraction entre 0 et 1 (0,1 pour 10 %)');
  return v;
};

/** Scenario 1: (rights en droit de suite + yearly droits uniques) / patrimoine. 1 400 + 100 on 10 000 → 0.15. */
export function conversionScenario1(input: {
  droitsDeSuite: number;
  droitsUniquesAnnuels: number;
  patrimoine: number;
}): { taux: number } {
  const droits =
    nonNegative('droitsDeSuite', input.droitsDeSuite) + nonNegative('droitsUniquesAnnuels', input.droitsUniquesAnnuels);
  const patrimoine = positive('patrimoine', input.patrimoine);
  if (droits > patrimoine) throw new EngineInputError('droitsDeSuite', 'les droits dépassent le patrimoine');
  return { taux: round6(droits / patrimoine) };
}

/** Scenario 2: scenario 1 × (turnover of the réservataire's flats / average turnover). 15 % × 20 %/10 % → 0.3. */
export function conversionScenario2(input: {
  droitsDeSuite: number;
  droitsUniquesAnnuels: number;
  patrimoine: number;
  rotationContingent: number;
  rotationMoyenne: number;
}): { taux: number } {
  const { taux } = conversionScenario1(input);
  const ratio =
    rotation('rotationContingent', input.rotationContingent) / rotation('rotationMoyenne', input.rotationMoyenne);
  const result = round6(taux * ratio);
  if (result > 1) throw new EngineInputError('rotationContingent', 'le taux obtenu dépasse 100 % du flux');
  return { taux: result };
}

/**
 * Scenario 3: droits de suite turned into a pool of droits uniques (flats × turnover × remaining years),
 * spread evenly over the remaining years; as a share of the flats proposable a year.
 * 300 × 10 % × 20 years = 600, 30 a year, 3 % of 1 000.
 */
export function conversionScenario3(input: {
  droitsDeSuite: number;
  rotation: number;
  dureeRestanteAnnees: number;
  fluxAnnuelProposable: number;
}): {
  droitsUniques: number;
  parAn: number;
  taux: number;
} {
  const droitsUniques = round6(
    nonNegative('droitsDeSuite', input.droitsDeSuite) *
      rotation('rotation', input.rotation) *
      positive('dureeRestanteAnnees', input.dureeRestanteAnnees),
  );
  const parAn = round6(droitsUniques / input.dureeRestanteAnnees);
  return { droitsUniques, parAn, taux: round6(parAn / positive('fluxAnnuelProposable', input.fluxAnnuelProposable)) };
}

/**
 * Scenario 4: negotiated on needs. The share is the estimated need, within the rights held:
 * rights worth 150 proposals out of 1 000, need 100 → 0.1.
 */
export function conversionScenario4(input: {
  droitsEnPropositions: number;
  besoinPropositions: number;
  fluxAnnuel: number;
}): { taux: number } {
  const propositions = Math.min(
    nonNegative('droitsEnPropositions', input.droitsEnPropositions),
    nonNegative('besoinPropositions', input.besoinPropositions),
  );
  const flux = positive('fluxAnnuel', input.fluxAnnuel);
  if (propositions > flux) throw new EngineInputError('besoinPropositions', 'dépasse le flux annuel');
  return { taux: round6(propositions / flux) };
}

/**
 * Variant of scenario 1: each stock reservation counts pro rata of its remaining duration, in days,
 * over the convention's duration (a reservation ending halfway counts for half).
 */
export function conversionProrata(input: {
  reservations: Array<{ logements: number; joursRestants: number }>;
  droitsUniquesAnnuels?: number;
  patrimoine: number;
  dureeConventionJours: number;
}): { droitsPonderes: number; taux: number } {
  if (!Array.isArray(input.reservations)) throw new EngineInputError('reservations', 'doit être une liste');
  const duree = positive('dureeConventionJours', input.dureeConventionJours);
  let droits = nonNegative('droitsUniquesAnnuels', input.droitsUniquesAnnuels ?? 0);
  input.reservations.forEach((r, i) => {
    const logements = requireFinite(`reservations[${i}].logements`, r?.logements, { min: 0, integer: true });
    const jours = requireFinite(`reservations[${i}].joursRestants`, r.joursRestants, { min: 0 });
    droits += logements * Math.min(1, jours / duree);
  });
  const patrimoine = positive('patrimoine', input.patrimoine);
  return { droitsPonderes: round6(droits), taux: round6(droits / patrimoine) };
}

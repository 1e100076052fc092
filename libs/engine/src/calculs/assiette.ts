/**
 * The assiette and the annual flux to share (CCH R.441-5-1; guide of seed 000, "L'assiette"):
 *   patrimoine under flux = flats − DEFENSE stock − sale plan − demolitions
 *   gross flux            = patrimoine under flux × forecast turnover, rounded to whole flats
 *   flux to share         = gross flux − mutations − NPNRU/ORCOD/LHI rehousing.
 */
import type { Assiette, AssietteInput } from '../domain';
import { EngineInputError, requireFinite } from '../errors';

const count = (champ: string, value: unknown) => requireFinite(champ, value, { min: 0, integer: true });

export function totalExclusions(input: Pick<AssietteInput, 'mutations' | 'relogements'>): number {
  return input.mutations + input.relogements.npnru + input.relogements.orcod + input.relogements.lhi;
}

export function calculerAssiette(input: AssietteInput): Assiette {
  if (!input || typeof input !== 'object') throw new EngineInputError('assiette', 'obligatoire');
  const logements = count('logements', input.logements);
  const retires =
    count('stockDefense', input.stockDefense) +
    count('plansVente', input.plansVente) +
    count('demolitions', input.demolitions);
  const taux = requireFinite('tauxRotation', input.tauxRotation, { min: 0, max: 1 });
  count('mutations', input.mutations);
  if (!input.relogements || typeof input.relogements !== 'object')
    throw new EngineInputError('relogements', 'obligatoire ({ npnru, orcod, lhi })');
  for (const k of ['npnru', 'orcod', 'lhi'] as const) count(`relogements.${k}`, input.relogements[k]);
  if (retires > logements)
    throw new EngineInputError('logements', 'inférieur au stock Défense, aux ventes et aux démolitions retirés');
  const patrimoineFlux = logements - retires;
  const fluxBrut = Math.round(patrimoineFlux * taux);
  return { patrimoineFlux, fluxBrut, fluxARepartir: fluxARepartir(fluxBrut, totalExclusions(input)) };
}

/** The direct form: a known gross flux (flats let in the year) and the flats excluded from it. */
export function calculerAssietteDirecte(input: { fluxBrut: number; exclusions: number }): {
  patrimoineFlux: null;
  fluxBrut: number;
  fluxARepartir: number;
} {
  const fluxBrut = count('fluxBrut', input?.fluxBrut);
  return {
    patrimoineFlux: null,
    fluxBrut,
    fluxARepartir: fluxARepartir(fluxBrut, count('exclusions', input.exclusions)),
  };
}

function fluxARepartir(fluxBrut: number, exclusions: number): number {
  if (exclusions > fluxBrut)
    throw new EngineInputError('exclusions', `les exclusions (${exclusions}) dépassent le flux brut (${fluxBrut})`);
  return fluxBrut - exclusions;
}

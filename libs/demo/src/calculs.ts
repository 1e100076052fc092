/**
 * Annual figures used by the generator: the assiette and each convention's objective in whole
 * flats. The convention parts reuse the engine's official rules (`objectifBase`, `reportDeficit`
 * in libs/engine/src/calculs) and add what the exercice needs from the generator's knowledge:
 * the flux of the convention's territory, pro rata of its validity days, rounding to flats.
 */
import { objectifBase, reportDeficit, type Assiette, type AssietteInput, type Convention } from '@aiguillage/engine';
import { joursValidesDansAnnee, daysInYear } from './util';

/** Patrimoine − DEFENSE − sale − demolition, × forecast turnover (whole flats), − mutations and rehousing. */
export function calculerAssiette(input: AssietteInput): Assiette {
  const patrimoineFlux = input.logements - input.stockDefense - input.plansVente - input.demolitions;
  const fluxBrut = Math.round(patrimoineFlux * input.tauxRotation);
  const exclus = input.mutations + input.relogements.npnru + input.relogements.orcod + input.relogements.lhi;
  return { patrimoineFlux, fluxBrut, fluxARepartir: Math.max(0, fluxBrut - exclus) };
}

/**
 * Yearly objective of a convention, in whole flats: taux × the flux of its territory (the whole
 * flux when it has none) or its droits-uniques pool spread over its years, pro rata of its validity
 * days in the year, plus the carried-in deficit due this year (all of it under REPORT, 1/N under
 * ETALEMENT, none under REMBOURSEMENT; a surplus always counts). Never negative.
 */
export function objectifConvention(
  convention: Convention,
  annee: number,
  fluxTerritoire: number,
  /** Legal cap of the base as a share of the flux (the préfet's 30 %): the base never rounds above it. */
  plafondTaux?: number,
): number {
  const prorata = joursValidesDansAnnee(annee, convention.dateDebut, convention.dateFin) / daysInYear(annee);
  let base = Math.round(objectifBase(convention, fluxTerritoire) * prorata);
  if (plafondTaux !== undefined) base = Math.min(base, Math.floor(plafondTaux * fluxTerritoire + 1e-9));
  return Math.max(0, base + Math.round(reportDeficit(convention)));
}

/**
 * Each convention's objective in whole flats. It reuses the engine's official rules (`objectifBase`,
 * `reportDeficit` in libs/engine/src/calculs) and adds what the exercice needs from the generator's
 * knowledge: the flux of the convention's territory, pro rata of its validity days, rounding to flats.
 * (The assiette itself is the engine's `calculerAssiette`.)
 */
import { objectifBase, reportDeficit, type Convention } from '@aiguillage/engine';
import { joursValidesDansAnnee, daysInYear } from './util';

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

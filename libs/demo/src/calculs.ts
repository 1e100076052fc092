/**
 * Simple annual figures used by the generator: the assiette and each convention's objective.
 * (The engine's official calculations live in libs/engine/src/calculs; these follow the same rules:
 * patrimoine − DEFENSE − sale − demolition, × forecast turnover, − mutations and rehousing.)
 */
import type { Assiette, AssietteInput, Convention } from '@aiguillage/engine';
import { joursValidesDansAnnee, daysInYear } from './util';

export function calculerAssiette(input: AssietteInput): Assiette {
  const patrimoineFlux = input.logements - input.stockDefense - input.plansVente - input.demolitions;
  const fluxBrut = Math.round(patrimoineFlux * input.tauxRotation);
  const exclus = input.mutations + input.relogements.npnru + input.relogements.orcod + input.relogements.lhi;
  return { patrimoineFlux, fluxBrut, fluxARepartir: Math.max(0, fluxBrut - exclus) };
}

/**
 * Yearly objective of a convention: taux × the flux of its territory (the whole flux when it has
 * none), or its droits-uniques pool spread over its years; pro rata of its validity days in the
 * year; plus the deficit carried in. Never negative.
 */
export function objectifConvention(convention: Convention, annee: number, fluxTerritoire: number): number {
  const jours = joursValidesDansAnnee(annee, convention.dateDebut, convention.dateFin);
  const prorata = jours / daysInYear(annee);
  const base =
    convention.cible.type === 'TAUX'
      ? convention.cible.taux * fluxTerritoire
      : convention.cible.nombre / convention.cible.annees;
  return Math.max(0, Math.round(base * prorata) + convention.deficitReporte);
}

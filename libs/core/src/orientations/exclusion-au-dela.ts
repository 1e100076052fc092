import type { Destination, OptionOrientation, UsageExclu } from '@aiguillage/engine';

/** Soft rule of an excluded use beyond the year's forecast (recordable with a reason). */
export const AU_DELA_PREVISION = 'EXCLUSION_AU_DELA_PREVISION';

const LIBELLES: Record<UsageExclu, string> = {
  MUTATION: 'Mutation',
  NPNRU: 'Relogement NPNRU',
  ORCOD: 'Relogement ORCOD',
  LHI: 'Relogement LHI',
};

/**
 * The excluded-use forecast is a plan, not a cap (décret du 20 février 2020; guide USH: the bailleur
 * reports the rehousing "réalisé" against the forecast): real rehousing or a mutation beyond it is
 * recordable as an override with its reason; the flat leaves the flux and shows against the forecast.
 */
export function optionAuDelaPrevision(destination: Extract<Destination, { kind: 'EXCLU' }>): OptionOrientation {
  const libelle = `${LIBELLES[destination.usage]} au-delà du prévisionnel de l'année`;
  return {
    destination,
    score: 0,
    eligible: true,
    satisfies: [],
    violates: [{ code: AU_DELA_PREVISION, hard: false, libelle }],
    raisons: [`${libelle} : motif obligatoire`],
  };
}

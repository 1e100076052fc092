/**
 * Each convention's yearly objective: its share of the flux to share (TAUX), or its slice of a pool
 * of droits uniques spread over years, plus what is carried in from previous years according to the
 * convention's corrective action.
 */
import type { Convention, Exercice, ObjectifConvention } from '../domain';
import { EngineInputError, requireFinite, round6 } from '../errors';

/** The yearly target before any carried-in deficit. */
export function objectifBase(convention: Convention, fluxARepartir: number): number {
  const cible = convention.cible;
  if (cible.type === 'TAUX') {
    requireFinite(`conventions[${convention.id}].cible.taux`, cible.taux, { min: 0, max: 1 });
    return round6(cible.taux * fluxARepartir);
  }
  if (cible.type === 'DROITS_UNIQUES') {
    requireFinite(`conventions[${convention.id}].cible.nombre`, cible.nombre, { min: 0 });
    requireFinite(`conventions[${convention.id}].cible.annees`, cible.annees, { min: 1 });
    return round6(cible.nombre / cible.annees);
  }
  throw new EngineInputError(`conventions[${(convention as Convention).id}].cible.type`, 'doit être TAUX ou DROITS_UNIQUES');
}

/**
 * The part of `deficitReporte` due this year: all of it under REPORT, a 1/N slice under ETALEMENT
 * over N years, none under REMBOURSEMENT (the deficit is repaid, not made up in flats). A surplus
 * carried in (negative) always lowers the objective.
 */
export function reportDeficit(convention: Convention): number {
  const deficit = convention.deficitReporte ?? 0;
  if (deficit <= 0) return deficit;
  switch (convention.actionCorrective) {
    case 'ETALEMENT': {
      const annees = convention.etalementAnnees ?? 1;
      requireFinite(`conventions[${convention.id}].etalementAnnees`, annees, { min: 1, integer: true });
      return round6(deficit / annees);
    }
    case 'REMBOURSEMENT':
      return 0;
    default:
      return deficit;
  }
}

/** The objective of one convention for the year (never negative). */
export function objectifAnnuel(convention: Convention, fluxARepartir: number): number {
  return Math.max(0, round6(objectifBase(convention, fluxARepartir) + reportDeficit(convention)));
}

/** Objectives of every convention; an objective already set on the exercice wins. */
export function objectifsAnnuels(exercice: Pick<Exercice, 'fluxARepartir' | 'objectifs'>, conventions: Convention[]): ObjectifConvention[] {
  const fixes = new Map(exercice.objectifs.map((o) => [o.conventionId, o.objectif]));
  return conventions.map((c) => ({ conventionId: c.id, objectif: fixes.get(c.id) ?? objectifAnnuel(c, exercice.fluxARepartir) }));
}

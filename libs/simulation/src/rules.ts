/**
 * The hard rules as the simulator judges them, independent of any strategy: eligibility of a flat
 * for a convention (bailleur, département, validity, territory, DEFENSE stock), the préfet's floors
 * hors QPV and per commune, excluded-use quotas. Also the seasonal calendar of expected progress.
 */
import type {
  AssietteInput,
  Convention,
  Exercice,
  Liberation,
  Logement,
  Reservataire,
  UsageExclu,
} from '@aiguillage/engine';
import { objectifsAnnuels } from '@aiguillage/engine';
import { fractionAttendue } from '@aiguillage/engine';
import type { Destination } from '@aiguillage/engine';

/** Tolerance of the préfet floors: count ≥ ⌊rate × flux⌋ is checked as count > rate × flux − 1 + FLOOR_EPS. */
export const FLOOR_EPS = 1e-4;

export function isValidAt(convention: Convention, date: string): boolean {
  return convention.dateDebut <= date && (!convention.dateFin || date <= convention.dateFin);
}

export function inTerritory(
  convention: Convention,
  reservataire: Reservataire | undefined,
  logement: Logement,
): boolean {
  const territoire = convention.territoire ?? reservataire?.territoire;
  if (!territoire) return true;
  if (territoire.departement !== logement.departement) return false;
  const communes = territoire.communes ?? [];
  const epcis = territoire.epcis ?? [];
  if (communes.length === 0 && epcis.length === 0) return true;
  return communes.includes(logement.commune) || (!!logement.epci && epcis.includes(logement.epci));
}

/** True when the flat is outside the flux (DEFENSE stock, sale plan, demolition). */
export function horsFlux(logement: Logement): boolean {
  return !!logement.stockDefense || !!logement.horsAssiette;
}

/**
 * Whether a convention may receive this flat at this date. DEFENSE conventions take only the
 * identified DEFENSE stock flats, and those flats go only to DEFENSE; flats in a sale or
 * demolition plan go to no convention.
 */
export function isEligible(
  convention: Convention,
  reservataire: Reservataire | undefined,
  logement: Logement,
  date: string,
): boolean {
  if (logement.horsAssiette) return false;
  if (convention.bailleurId !== logement.bailleurId || convention.departement !== logement.departement) return false;
  if (!isValidAt(convention, date)) return false;
  if ((reservataire?.kind === 'DEFENSE') !== !!logement.stockDefense) return false;
  return inTerritory(convention, reservataire, logement);
}

/** A préfet convention whose rate must hold hors QPV and, unless it says otherwise, in every commune. */
export interface PrefetRule {
  conventionId: string;
  bailleurId: string;
  taux: number;
  parCommune: boolean;
}

export function prefetRules(conventions: Convention[], reservataires: Reservataire[]): PrefetRule[] {
  const kinds = new Map(reservataires.map((r) => [r.id, r.kind]));
  return conventions
    .filter((c) => kinds.get(c.reservataireId) === 'ETAT' && c.cible.type === 'TAUX')
    .map((c) => ({
      conventionId: c.id,
      bailleurId: c.bailleurId,
      taux: (c.cible as { taux: number }).taux,
      parCommune: c.engagements.tauxUniformeParCommune !== false,
    }));
}

/** ⌊rate × flux⌋ with the tolerance used everywhere (simulator and optimum agree on it). */
export function floorOf(taux: number, flux: number): number {
  return Math.max(0, Math.ceil(taux * flux - 1 + FLOOR_EPS));
}

export function plannedExclusions(assiette: AssietteInput): Record<UsageExclu, number> {
  return {
    MUTATION: assiette.mutations,
    NPNRU: assiette.relogements.npnru,
    ORCOD: assiette.relogements.orcod,
    LHI: assiette.relogements.lhi,
  };
}

/** The year's objective of a convention: the exercice's figure, else the engine's rule (target + carried deficit). */
export function objectiveOf(exercice: Pick<Exercice, 'objectifs' | 'fluxARepartir'>, convention: Convention): number {
  return objectifsAnnuels(exercice, [convention])[0].objectif;
}

/**
 * The year's objective of a convention against the real year (the bilan's definition): for a
 * share (TAUX), its forecast objective (the exercice's) × flux actually shared / forecast flux to
 * share; a count (droits uniques) stays its count.
 */
export function objectifReel(
  exercice: Pick<Exercice, 'objectifs' | 'fluxARepartir'>,
  convention: Convention,
  fluxReel: number,
): number {
  const prevu = objectiveOf(exercice, convention);
  return convention.cible.type === 'TAUX' && exercice.fluxARepartir > 0
    ? (prevu * fluxReel) / exercice.fluxARepartir
    : prevu;
}

/** Does this destination keep the flat in the flux to share (the base of the préfet floors)? */
export function inFlux(logement: Logement, destination: Destination): boolean {
  return destination.kind !== 'EXCLU' && !horsFlux(logement);
}

/** Expected share of the year's flux reached at the end of `date` (the engine's seasonal calendar). */
export const expectedFraction = (exercice: Exercice, date: string): number => fractionAttendue(exercice, date);

export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + Math.round(days));
  return d.toISOString().slice(0, 10);
}

export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/**
 * The libérations the strategies orient, in date order. A new programme's first letting (NEUF) is
 * agreed between réservataires programme by programme, "pour un tour", outside the flux: left out
 * unless the scenario says `neufDansLeFlux`.
 */
export function fluxLiberations(scenario: { liberations: Liberation[]; neufDansLeFlux?: boolean }): Liberation[] {
  return scenario.liberations
    .filter((l) => scenario.neufDansLeFlux || l.kind !== 'NEUF')
    .sort((a, b) => a.date.localeCompare(b.date) || a.id.localeCompare(b.id));
}

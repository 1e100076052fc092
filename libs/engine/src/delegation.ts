/** Who designates the candidates of a flat oriented to a convention (a pure rule the live flow asks). */
import type { Delegation } from './domain';

/** The convention's propositions so far this year, and how many of them the bailleur designated itself. */
export interface PropositionsAnnee {
  total: number;
  delegues: number;
}

/**
 * PARTIELLE: whether the next flat falls in the delegated part. The bailleur designates itself
 * while the delegated share of the year's propositions to the convention is below `partDeleguee`
 * (at 0.5: the first flat delegated, the next one proposed, and so on), so the share holds
 * however few flats the convention receives.
 */
export function partDelegueeDue(delegation: Delegation, annee: PropositionsAnnee): boolean {
  return annee.delegues < (delegation.partDeleguee ?? 0) * (annee.total + 1);
}

/** Whether the flat waits for the réservataire's candidates (DIRECTE, or PARTIELLE outside its delegated part). */
export function attenteCandidats(delegation: Delegation, annee: PropositionsAnnee): boolean {
  switch (delegation.mode) {
    case 'DIRECTE':
      return true;
    case 'PARTIELLE':
      return !partDelegueeDue(delegation, annee);
    default:
      return false;
  }
}

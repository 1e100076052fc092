import type { UserRole } from '@aiguillage/persistence';
import { AccesInterditError } from '../../errors/domain-errors';

export type { UserRole };

/** Roles that work for the bailleur (as opposed to a réservataire's read-only access). */
export const STAFF_ROLES: readonly UserRole[] = ['ADMIN', 'MANAGER', 'CHARGE'];
/** Roles allowed to change the reference data (patrimoine, conventions, exercices). */
export const EDITOR_ROLES: readonly UserRole[] = ['ADMIN', 'MANAGER'];

/**
 * Who is calling and what they may see: every use case receives it and scopes its queries by it.
 * A RESERVATAIRE sees the bailleurs it has conventions with, and only its own conventions.
 */
export interface AccessScope {
  userId: string;
  email: string;
  role: UserRole;
  bailleurIds: string[];
  reservataireId: string | null;
}

/** Whether the caller works for the bailleur (not a réservataire's read-only account). */
export function estPersonnel(scope: AccessScope): boolean {
  return STAFF_ROLES.includes(scope.role);
}

/** Throws (403) unless the caller works for the bailleur; `quoi` names what is refused, in French. */
export function exigerPersonnel(scope: AccessScope, quoi: string): void {
  if (!estPersonnel(scope))
    throw new AccesInterditError(`Accès refusé : ${quoi} est réservé(e) aux équipes du bailleur`);
}

/** Throws unless the caller may see this bailleur. */
export function assertBailleur(scope: AccessScope, bailleurId: string): void {
  if (!scope.bailleurIds.includes(bailleurId)) {
    throw new AccesInterditError("Accès refusé : ce bailleur n'est pas dans votre périmètre");
  }
}

/** The bailleurs to query: the caller's, narrowed to `requested` when given (403 if outside). */
export function bailleursVisibles(scope: AccessScope, requested?: string): string[] {
  if (requested === undefined) return scope.bailleurIds;
  assertBailleur(scope, requested);
  return [requested];
}

/** Matches no réservataire: a RESERVATAIRE account without one (the schema forbids it) sees nothing. */
const AUCUN_RESERVATAIRE = '00000000-0000-0000-0000-000000000000';

/** The réservataire a caller is restricted to (its own for a RESERVATAIRE, none for staff). */
export function reservataireImpose(scope: AccessScope): string | undefined {
  if (scope.role !== 'RESERVATAIRE') return undefined;
  return scope.reservataireId ?? AUCUN_RESERVATAIRE;
}

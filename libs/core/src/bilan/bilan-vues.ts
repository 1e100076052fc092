/**
 * Who sees what of a bilan. A réservataire reads only its own bilan (its conventions, its flats, its
 * overrides, the year's flux figures); the consolidation (bailleur × département, EPCI for the CIL)
 * is for the bailleur's staff.
 */
import { AccesInterditError } from '../errors/domain-errors';
import { exigerPersonnel, reservataireImpose, type AccessScope } from '../platform/auth/access-scope';
import type { Bilan, BilanInput, RefFigure } from './compute';
import type { Perimetre } from './export/tableaux';

export { estPersonnel, exigerPersonnel } from '../platform/auth/access-scope';

/** The réservataire's own part of the bilan (staff see it whole). */
export function vuePour(
  scope: AccessScope,
  bilan: Bilan,
  input: Pick<BilanInput, 'lignes'>,
): Bilan | Omit<Bilan, 'consolide'> {
  const r = reservataireImpose(scope);
  if (r === undefined) return bilan;
  const conventions = bilan.conventions.filter((c) => c.reservataireId === r);
  const ids = new Set(conventions.map((c) => c.conventionId));
  const siennes = new Set(
    input.lignes.filter((l) => ids.has(l.decision?.conventionId ?? '')).map((l) => l.liberationId),
  );
  const { consolide: _c, ...reste } = bilan;
  return {
    ...reste,
    conventions,
    reservataires: bilan.reservataires.filter((x) => x.id === r),
    epcis: [],
    prefet: bilan.prefet.filter((p) => ids.has(p.conventionId)),
    derogations: bilan.derogations.filter((d) => siennes.has(d.liberationId)),
  };
}

/** The perimeter of an export, checked against the caller: a réservataire only its own. */
export function perimetreAutorise(scope: AccessScope, demande: Perimetre): Perimetre {
  const r = reservataireImpose(scope);
  if (demande.type === 'consolide') {
    exigerPersonnel(scope, 'le bilan consolidé (CIL)');
    return demande;
  }
  if (r !== undefined && demande.id !== r)
    throw new AccesInterditError('Accès refusé : un réservataire ne peut obtenir que son propre bilan');
  return demande;
}

/** A drill-down request, checked against the caller. */
export function figureAutorisee(scope: AccessScope, bilan: Bilan, ref: RefFigure): RefFigure {
  const r = reservataireImpose(scope);
  if (r === undefined) return ref;
  if (ref.perimetre === 'reservataire' && ref.id === r) return ref;
  if (
    ref.perimetre === 'convention' &&
    bilan.conventions.some((c) => c.conventionId === ref.id && c.reservataireId === r)
  )
    return ref;
  throw new AccesInterditError(
    'Accès refusé : un réservataire ne peut ouvrir que les chiffres de ses propres conventions',
  );
}

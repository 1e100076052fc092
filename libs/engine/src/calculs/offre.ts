/**
 * The year's forecast supply for the scarcity lookahead (`EngineState.offrePrevue`): each flat of
 * the flux (not DEFENSE stock, not sold or demolished) frees with the forecast turnover rate, summed
 * by commune × QPV × typologie (with the EPCI, so EPCI conventions see their supply).
 */
import type { Logement } from '../domain';
import type { EngineState } from '../orientation';
import { requireFinite } from '../errors';

export function prevoirOffre(
  logements: Iterable<Logement>,
  tauxRotation: number,
): NonNullable<EngineState['offrePrevue']> {
  requireFinite('tauxRotation', tauxRotation, { min: 0, max: 1 });
  const cells = new Map<string, NonNullable<EngineState['offrePrevue']>[number]>();
  for (const l of logements) {
    if (l.stockDefense || l.horsAssiette) continue;
    const key = `${l.commune}|${l.qpv ? 1 : 0}|${l.typologie}`;
    const cell = cells.get(key);
    if (cell) cell.nombre += tauxRotation;
    else
      cells.set(key, {
        commune: l.commune,
        epci: l.epci ?? null,
        qpv: l.qpv,
        typologie: l.typologie,
        nombre: tauxRotation,
      });
  }
  return [...cells.values()];
}

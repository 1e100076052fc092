/**
 * The old stock system: each flat goes back to the réservataire that held it (ancienReservataireId),
 * through that réservataire's convention when it may take the flat; otherwise to the bailleur, which
 * also serves its planned excluded uses from these flats.
 */
import type { Logement } from '@aiguillage/engine';
import type { Destination, EngineState, Strategy } from '@aiguillage/engine';
import { BAILLEUR, eligibleConventions, forcedDestination, pacedExclusion, toConvention } from './baseline';

export class StockStrategy implements Strategy {
  readonly name = 'stock';

  choose(logement: Logement, state: EngineState, date: string): Destination {
    const forced = forcedDestination(logement, state, date);
    if (forced) return forced;
    const holder = logement.ancienReservataireId;
    const convention = holder
      ? eligibleConventions(logement, state, date).find((c) => c.reservataireId === holder)
      : undefined;
    if (convention) return toConvention(convention.id);
    // The bailleur's own flats served its mutations and rehousings under the stock system.
    return pacedExclusion(state, date) ?? BAILLEUR;
  }
}

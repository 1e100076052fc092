import type { ConsoleLiberationRow, ConsoleReadRepository } from '@aiguillage/persistence';
import type { LiberationConsole } from './console.types';
import { nommer } from '../../../console/src/libelles';
import { decrireLogement } from './noms';
import type { ConventionNom } from './console.types';

/** The conventions of the caller's bailleurs by id (reference, réservataire), to name destinations. */
export async function conventionsNommees(
  lecture: ConsoleReadRepository,
  bailleurIds: readonly string[],
): Promise<Map<string, ConventionNom>> {
  const rows = await lecture.conventionNames(bailleurIds);
  return new Map(rows.map((r) => [r.id, r]));
}

/** A libération as the console shows it: its flat in words, destinations named, dates as ISO strings. */
export function liberationConsole(r: ConsoleLiberationRow, conventions: Map<string, ConventionNom>): LiberationConsole {
  return {
    id: r.id,
    date: r.date,
    motif: r.motif,
    kind: r.kind,
    createdAt: new Date(r.createdAt).toISOString(),
    bailleurId: r.bailleurId,
    bailleurNom: r.bailleurNom,
    statut: r.decision ? 'DECIDEE' : r.derogationEnAttente ? 'EN_ATTENTE_APPROBATION' : 'A_ORIENTER',
    logement: { ...r.logement, description: decrireLogement(r.logement) },
    recommendationId: r.recommendationId,
    recommandee: r.recommandee ? nommer(r.recommandee.destination, conventions) : null,
    decision: r.decision
      ? {
          id: r.decision.id,
          destination: nommer(r.decision.destination, conventions),
          derogation: r.decision.isOverride,
          par: r.decision.decidedByNom,
          motif: r.decision.motif,
          demandeur: r.decision.demandeurNom,
          le: new Date(r.decision.decidedAt).toISOString(),
        }
      : null,
    derogationEnAttente: r.derogationEnAttente
      ? {
          id: r.derogationEnAttente.id,
          destination: nommer(r.derogationEnAttente.destination, conventions),
          motif: r.derogationEnAttente.reason,
          demandeur: r.derogationEnAttente.requestedByNom,
          le: new Date(r.derogationEnAttente.createdAt).toISOString(),
        }
      : null,
  };
}

import { dateFr } from '@aiguillage/engine';
import { InvalidInputError, type PropositionRepository } from '@aiguillage/persistence';
import { ConflitError } from '../errors/domain-errors';

/**
 * What a CAL decision may follow. A candidate refused by the CAL, or who refused the flat, is out of
 * the running. An AJOURNEMENT (postponement) leaves the candidate in the running, undecided: the
 * case comes back before a later CAL, so the next decision on that candidate must be dated after it,
 * and nothing (no lease) can follow the postponement itself.
 */
export async function verifierDecisionCal(
  propositions: PropositionRepository,
  candidat: { id: string; numeroSne: string },
  input: { decision: string; dateCal: string },
): Promise<void> {
  if (await propositions.refusDuCandidat(candidat.id))
    throw new ConflitError(
      `Le candidat ${candidat.numeroSne} a refusé ce logement : la CAL ne peut plus statuer sur lui`,
    );
  const derniere = await propositions.derniereDecisionCal(candidat.id);
  if (derniere?.decision === 'REFUS')
    throw new ConflitError(`La CAL a déjà refusé le candidat ${candidat.numeroSne} pour ce logement`);
  if (derniere?.decision === 'AJOURNEMENT' && input.dateCal <= derniere.dateCal) {
    throw new InvalidInputError(
      'dateCal',
      `le dossier du candidat ${candidat.numeroSne} a été ajourné le ${dateFr(derniere.dateCal)} : il revient devant une CAL ultérieure`,
    );
  }
}

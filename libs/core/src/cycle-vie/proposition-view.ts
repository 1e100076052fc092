import {
  check,
  InvalidInputError,
  type CalDecisionKind,
  type PropositionRepository,
  type PropositionRow,
  type PropositionStatus,
} from '@aiguillage/persistence';
import { verifierSaisieQuartile, type AvecRevenu } from '../quartiles/quartile-candidat';

/** A proposition's inputs and view, as the API and the Slack bot read them (no transaction here). */

export interface CandidatInput {
  numeroSne: string;
  rang: number;
  tailleMenage: number;
  quartile: 1 | 2 | 3 | 4;
  prioritaire: boolean;
}

export interface CalInput {
  candidatId: string;
  decision: CalDecisionKind;
  /** Rank of an attribution (1: the flat goes to this candidate if they accept). */
  rang?: number;
  dateCal: string;
}

export interface PropositionView {
  id: string;
  status: PropositionStatus;
  conventionId: string;
  logementId: string;
  delaiExpireAt: string | null;
  candidats: Array<CandidatInput & { id: string }>;
  /** Days the flat stayed empty, libération → signed lease (null while not let). */
  joursVacance: number | null;
  /** First letting of a new programme outside the flux (counted for no one). */
  horsFlux: boolean;
}

/** Checks the posted candidates field by field (French reasons), before any transaction. */
export function validerCandidats(candidats: AvecRevenu<CandidatInput>[]): void {
  if (!Array.isArray(candidats) || candidats.length === 0)
    throw new InvalidInputError('candidats', 'doit être une liste non vide');
  candidats.forEach((c, i) => {
    check.text(c.numeroSne, `candidats[${i}].numeroSne`, 32);
    check.integer(c.rang, `candidats[${i}].rang`, 1, 99);
    check.integer(c.tailleMenage, `candidats[${i}].tailleMenage`, 1, 20);
    verifierSaisieQuartile(c, `candidats[${i}]`); // typed, or computed from the income (issue 9, finding 14)
    check.boolean(c.prioritaire, `candidats[${i}].prioritaire`);
  });
}

/** The proposition as answered: its candidates and, once let, the days of vacancy. */
export async function propositionView(
  propositions: PropositionRepository,
  p: PropositionRow,
): Promise<PropositionView> {
  const candidats = await propositions.candidats(p.id);
  return {
    id: p.id,
    status: p.status,
    conventionId: p.conventionId,
    logementId: p.logementId,
    delaiExpireAt: p.delaiExpireAt?.toISOString() ?? null,
    candidats,
    joursVacance: await propositions.joursVacance(p.id),
    horsFlux: p.horsFlux,
  };
}

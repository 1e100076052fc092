import type { PropositionRepository, PropositionRow, PropositionStatus } from '@aiguillage/persistence';

/** A proposition's view, as the API and the Slack bot read it (no transaction here). */

/** A candidate as recorded (its quartile typed or computed). */
export interface CandidatEnregistre {
  numeroSne: string;
  rang: number;
  tailleMenage: number;
  quartile: 1 | 2 | 3 | 4;
  prioritaire: boolean;
}

/**
 * The order advised to the CAL for a candidate (staff only, while the CAL is to come: see
 * `conseil-cal.ts`): its rank and why it moved ahead of the réservataire's order.
 */
export interface ConseilCandidat {
  rangConseille: number;
  motifsConseil: string[];
}

export interface PropositionView {
  id: string;
  status: PropositionStatus;
  conventionId: string;
  logementId: string;
  delaiExpireAt: string | null;
  candidats: Array<CandidatEnregistre & { id: string } & Partial<ConseilCandidat>>;
  /** Days the flat stayed empty, libération → signed lease (null while not let). */
  joursVacance: number | null;
  /** First letting of a new programme outside the flux (counted for no one). */
  horsFlux: boolean;
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

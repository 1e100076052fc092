import { Injectable } from '@nestjs/common';
import type { Logement } from '@aiguillage/engine';
import {
  check,
  LogementRepository,
  PropositionRepository,
  type PropositionRow,
  type PropositionStatus,
} from '@aiguillage/persistence';
import { AccesInterditError, IntrouvableError } from '../errors/domain-errors';
import { STAFF_ROLES, type AccessScope } from '../platform/auth/access-scope';
import { exerciceKey } from '../platform/live/engine-state.store';
import { FlowTransaction, FlowUnitOfWork } from '../platform/live/flow-unit-of-work';
import { propositionView, type PropositionView } from './proposition-view';

/**
 * The plumbing of every step of a proposition's follow-up: the proposition read and locked in the
 * exercice's transaction, who may act on it (the bailleur's staff; its convention's réservataire
 * where allowed), and the status update with its `designation.updated` event and progress.
 */
@Injectable()
export class PropositionSteps {
  constructor(
    private readonly propositions: PropositionRepository,
    private readonly uow: FlowUnitOfWork,
    private readonly logements: LogementRepository,
  ) {}

  /** A user's step: the proposition locked, the caller checked, then `work` in the transaction. */
  async step<T>(
    scope: AccessScope,
    propositionId: string,
    reservataireAllowed: boolean,
    work: (tx: FlowTransaction, p: PropositionRow, logement: Logement) => Promise<T>,
  ): Promise<T> {
    const initial = await this.row(this.propositions, propositionId);
    const logement = await this.logement(initial);
    return this.uow.run(this.keyOf(initial, logement), async (tx) => {
      const p = await this.row(this.propositions.within(tx.manager), propositionId, true);
      await this.authorize(scope, p, reservataireAllowed, tx);
      return work(tx, p, logement);
    });
  }

  /** A job's step (no caller to check). */
  async system<T>(
    propositionId: string,
    work: (tx: FlowTransaction, p: PropositionRow, logement: Logement) => Promise<T>,
  ): Promise<T> {
    const initial = await this.row(this.propositions, propositionId);
    const logement = await this.logement(initial);
    return this.uow.run(this.keyOf(initial, logement), async (tx) =>
      work(tx, await this.row(this.propositions.within(tx.manager), propositionId, true), logement),
    );
  }

  /** The new status (when it changes), the `designation.updated` event for the réservataire, the progress. */
  async update(
    tx: FlowTransaction,
    p: PropositionRow,
    status: PropositionStatus,
    etape: string,
  ): Promise<PropositionView> {
    const propositions = this.propositions.within(tx.manager);
    if (status !== p.status) await propositions.setStatus(p.id, status);
    const next = { ...p, status };
    tx.emit(
      'designation.updated',
      { propositionId: p.id, conventionId: p.conventionId, logementId: p.logementId, status, etape },
      [this.reservataireOf(tx, p)],
    );
    tx.emitProgress(p.conventionId, p.date);
    return propositionView(propositions, next);
  }

  /** The flat goes back to the bailleur (délai expired or flat declined): the convention's vacancy ends uncounted. */
  rendreAuBailleur(tx: FlowTransaction, p: PropositionRow, logement: Logement): void {
    if (p.horsFlux) return;
    tx.transition({
      date: p.date,
      kind: 'expiration',
      logement,
      conventionId: p.conventionId,
      ...(p.sousQuota ? { sousQuota: p.sousQuota } : {}),
    });
  }

  reservataireOf(tx: FlowTransaction, p: PropositionRow): string {
    return tx.state.conventions.find((c) => c.id === p.conventionId)!.reservataireId;
  }

  /** Staff of the bailleur; a réservataire only on its own conventions' propositions, and only where allowed. */
  async authorize(
    scope: AccessScope,
    p: PropositionRow,
    reservataireAllowed: boolean,
    tx?: FlowTransaction,
  ): Promise<void> {
    if (!scope.bailleurIds.includes(p.bailleurId)) throw new IntrouvableError('Proposition', p.id);
    if (STAFF_ROLES.includes(scope.role)) return;
    const reservataireId = await (
      tx ? this.propositions.within(tx.manager) : this.propositions
    ).reservataireOfConvention(p.conventionId);
    if (scope.role !== 'RESERVATAIRE' || reservataireId !== scope.reservataireId)
      throw new IntrouvableError('Proposition', p.id);
    if (!reservataireAllowed) throw new AccesInterditError('Accès refusé : étape réservée au bailleur');
  }

  async row(propositions: PropositionRepository, propositionId: string, forUpdate = false): Promise<PropositionRow> {
    const p = await propositions.find(check.uuid(propositionId, 'propositionId'), forUpdate);
    if (!p) throw new IntrouvableError('Proposition', propositionId);
    return p;
  }

  async candidat(propositions: PropositionRepository, propositionId: string, candidatId: string) {
    const c = await propositions.candidat(propositionId, candidatId);
    if (!c) throw new IntrouvableError('Candidat de cette proposition', candidatId);
    return c;
  }

  /** The live state's key of the proposition's exercice. */
  keyOf(p: PropositionRow, logement: Logement) {
    return exerciceKey(p.bailleurId, logement.departement, p.date);
  }

  async logement(p: PropositionRow): Promise<Logement> {
    const logement = await this.logements.findLogementById([p.bailleurId], p.logementId);
    if (!logement) throw new IntrouvableError('Logement', p.logementId);
    return logement;
  }
}

import { Injectable } from '@nestjs/common';
import { check, OrientationDecisionRepository, OverrideRequestRepository } from '@aiguillage/persistence';
import { AccesInterditError, ConflitError, IntrouvableError } from '../errors/domain-errors';
import { assertBailleur, type AccessScope } from '../platform/auth/access-scope';
import { FlowUnitOfWork } from '../platform/live/flow-unit-of-work';
import { DecisionWriter } from './decision-writer.service';
import { checkUndecided, type DecisionResult } from './orientation-decision';
import type { TraiterDerogation } from './commands';

/**
 * A pending override (dérogation) in a manager's hands: approved, the decision is written (and
 * progress moves) only then; rejected, the flat stays to be decided. Every step is kept (audit
 * trail, never updated in place), and the requester may not approve their own request.
 */
@Injectable()
export class DerogationFlowService {
  constructor(
    private readonly uow: FlowUnitOfWork,
    private readonly decisions: OrientationDecisionRepository,
    private readonly overrides: OverrideRequestRepository,
    private readonly writer: DecisionWriter,
  ) {}

  /** A manager approves a pending override: the decision is written (and progress moves) only now. */
  async approve(scope: AccessScope, overrideRequestId: string, commande: TraiterDerogation): Promise<DecisionResult> {
    const commentaire = commande.commentaire ?? null;
    const request = await this.pendingRequest(scope, overrideRequestId);
    const { liberation, logement } = await this.writer.load(scope, request.liberationId);
    return this.uow.run(
      this.writer.keyOf(logement, liberation),
      async (tx) => {
        checkUndecided(tx.preface[0], overrideRequestId);
        await this.writer.insertStep(tx.manager, overrideRequestId, 'APPROVED', scope.userId, commentaire);
        tx.emit('override.approved', {
          overrideRequestId,
          liberationId: liberation.id,
          bailleurId: liberation.bailleurId,
          status: 'APPROVED',
          actorId: scope.userId,
          comment: commentaire,
        });
        return this.writer.write(tx, {
          liberation,
          logement,
          destination: request.destination,
          recommendationId: request.recommendationId,
          isOverride: true,
          overrideRequestId,
          decidedBy: scope.userId,
        });
      },
      this.decisions.undecidedSql(liberation.id),
    );
  }

  /** A manager rejects a pending override: the flat stays to be decided (accept, or another override). */
  async reject(
    scope: AccessScope,
    overrideRequestId: string,
    commande: TraiterDerogation,
  ): Promise<{ overrideRequestId: string; status: 'REJECTED' }> {
    const commentaire = commande.commentaire ?? null;
    const request = await this.pendingRequest(scope, overrideRequestId);
    const { liberation, logement } = await this.writer.load(scope, request.liberationId);
    await this.uow.runUnlocked(this.writer.keyOf(logement, liberation), async (tx) => {
      checkUndecided(await this.decisions.within(tx.manager).findUndecided(liberation.id), overrideRequestId);
      await this.writer.insertStep(tx.manager, overrideRequestId, 'REJECTED', scope.userId, commentaire);
      tx.emit('override.rejected', {
        overrideRequestId,
        liberationId: liberation.id,
        bailleurId: liberation.bailleurId,
        status: 'REJECTED',
        actorId: scope.userId,
        comment: commentaire,
      });
    });
    return { overrideRequestId, status: 'REJECTED' };
  }

  /** Every step of an override request, oldest first (the audit trail, never updated in place). */
  async history(
    scope: AccessScope,
    overrideRequestId: string,
  ): Promise<Array<{ status: string; actorId: string; comment: string | null; createdAt: string }>> {
    const bailleurId = await this.overrides.bailleurOf(check.uuid(overrideRequestId, 'id'));
    if (!bailleurId || !scope.bailleurIds.includes(bailleurId))
      throw new IntrouvableError('Demande de dérogation', overrideRequestId);
    const rows = await this.overrides.steps(overrideRequestId);
    return rows.map((r) => ({ ...r, createdAt: new Date(r.createdAt).toISOString() }));
  }

  private async pendingRequest(scope: AccessScope, overrideRequestId: string) {
    const r = await this.overrides.findRequest(check.uuid(overrideRequestId, 'id'));
    if (!r || !scope.bailleurIds.includes(r.bailleurId))
      throw new IntrouvableError('Demande de dérogation', overrideRequestId);
    assertBailleur(scope, r.bailleurId);
    if (r.requestedBy === scope.userId)
      throw new AccesInterditError(
        'Accès refusé : une dérogation doit être approuvée par un autre responsable que son demandeur',
      );
    if (r.status !== 'PENDING')
      throw new ConflitError(
        `Cette demande de dérogation a déjà été traitée (${r.status === 'APPROVED' ? 'approuvée' : 'rejetée'})`,
      );
    return { liberationId: r.liberationId, recommendationId: r.recommendationId, destination: r.destination };
  }
}

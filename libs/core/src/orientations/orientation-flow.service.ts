import { Injectable } from '@nestjs/common';
import { keyOf } from '@aiguillage/engine';
import {
  InvalidInputError,
  LiberationRepository,
  OrientationDecisionRepository,
  OverrideRequestRepository,
} from '@aiguillage/persistence';
import { ConflitError } from '../errors/domain-errors';
import type { AccessScope } from '../platform/auth/access-scope';
import { NonTraitableError } from '../platform/live/flow.errors';
import { FlowUnitOfWork } from '../platform/live/flow-unit-of-work';
import type { RecommendationView } from '../liberations/liberation-flow.service';
import { motifsApprobation, PolitiqueDerogationService } from './politique-derogation';
import { AU_DELA_PREVISION } from './exclusion-au-dela';
import { DecisionWriter } from './decision-writer.service';
import { horloge } from '../platform/horloge';
import { DerogationFlowService } from './derogation-flow.service';
import { checkUndecided, optionFor, type DecisionResult, type LiberationRow } from './orientation-decision';
import { destinationOf, type DeciderOrientation, type TraiterDerogation } from './commands';

/**
 * The decision on a freed flat: accept the recommendation, or override it (reason code, comment),
 * possibly pending a manager's approval under the bailleur's policy (approval and rejection in
 * `DerogationFlowService`, reachable from here too). A flat is oriented exactly once: the exercice
 * lock and the libération row lock serialise concurrent deciders, the unique constraint on
 * `orientation_decision.liberation_id` is the last guard, and the losers get a 409 naming who decided.
 */
@Injectable()
export class OrientationFlowService {
  constructor(
    private readonly uow: FlowUnitOfWork,
    private readonly liberations: LiberationRepository,
    private readonly decisions: OrientationDecisionRepository,
    private readonly overrides: OverrideRequestRepository,
    private readonly politiques: PolitiqueDerogationService,
    private readonly writer: DecisionWriter,
    private readonly derogations: DerogationFlowService,
  ) {}

  async decide(scope: AccessScope, input: DeciderOrientation): Promise<DecisionResult> {
    const requested = input.destination === undefined ? undefined : destinationOf(input.destination);
    const { liberation, logement, latest } = await this.writer.load(scope, input.liberationId, true);
    const recommendation = await this.recommendationOf(liberation, latest, input.recommendationId);
    const recommandee = recommendation.recommandee;
    const destination = requested ?? recommandee;
    if (!destination) throw new NonTraitableError('destination', 'aucune option éligible : préciser une destination');
    const option = optionFor(recommendation.options, destination, logement);
    const isOverride = !recommandee || keyOf(recommandee) !== keyOf(destination);
    // Whether the decision is an override depends on the recommendation: its motif is required here.
    if (isOverride) {
      if (input.motif === undefined) throw new InvalidInputError('motif', 'obligatoire pour une dérogation');
      if (option.violates.some((r) => r.code === AU_DELA_PREVISION) && !input.commentaire?.trim()) {
        throw new InvalidInputError(
          'commentaire',
          'obligatoire pour un usage exclu au-delà du prévisionnel : dire pourquoi ce relogement ou cette mutation de plus',
        );
      }
    }
    const decision = (overrideRequestId: string | null) => ({
      liberation,
      logement,
      destination,
      recommendationId: recommendation.id,
      isOverride,
      overrideRequestId,
      decidedBy: scope.userId,
    });
    return this.uow.run(
      this.writer.keyOf(logement, liberation),
      async (tx) => {
        checkUndecided(tx.preface[0]);
        if (!isOverride) return this.writer.write(tx, decision(null));
        const politique = await this.politiques.get(liberation.bailleurId, tx.manager);
        const motifs = motifsApprobation(politique, tx.state, liberation.date, recommandee, option);
        const overrideRequestId = await this.overrides.within(tx.manager).insertRequest({
          liberationId: liberation.id,
          bailleurId: liberation.bailleurId,
          recommendationId: recommendation.id,
          destination,
          reason: input.motif,
          comment: input.commentaire?.trim() || null,
          requestedBy: scope.userId,
          decalageMs: horloge.decalageMs(),
        });
        if (motifs.length > 0) {
          await this.writer.insertStep(
            tx.manager,
            overrideRequestId,
            'PENDING',
            scope.userId,
            input.commentaire ?? null,
          );
          tx.emit('override.requested', {
            overrideRequestId,
            liberationId: liberation.id,
            bailleurId: liberation.bailleurId,
            destination,
            reason: input.motif!,
            comment: input.commentaire ?? null,
            requestedBy: scope.userId,
            motifsApprobation: motifs,
          });
          tx.job('notification.derogation', { overrideRequestId }, `notification-derogation-${overrideRequestId}`);
          const pending: DecisionResult = {
            status: 'EN_ATTENTE_APPROBATION',
            liberationId: liberation.id,
            destination,
            isOverride,
            decisionId: null,
            overrideRequestId,
            propositionId: null,
            delaiExpireAt: null,
            motifsApprobation: motifs,
          };
          return pending;
        }
        await this.writer.insertStep(
          tx.manager,
          overrideRequestId,
          'APPROVED',
          scope.userId,
          'Approbation non requise par la politique du bailleur',
        );
        return this.writer.write(tx, decision(overrideRequestId));
      },
      this.decisions.undecidedSql(liberation.id),
    );
  }

  /** A manager approves a pending override (see `DerogationFlowService.approve`). */
  approve(scope: AccessScope, overrideRequestId: string, commande: TraiterDerogation): Promise<DecisionResult> {
    return this.derogations.approve(scope, overrideRequestId, commande);
  }

  /** A manager rejects a pending override (see `DerogationFlowService.reject`). */
  reject(
    scope: AccessScope,
    overrideRequestId: string,
    commande: TraiterDerogation,
  ): Promise<{ overrideRequestId: string; status: 'REJECTED' }> {
    return this.derogations.reject(scope, overrideRequestId, commande);
  }

  /** Every step of an override request, oldest first (see `DerogationFlowService.history`). */
  history(
    scope: AccessScope,
    overrideRequestId: string,
  ): Promise<Array<{ status: string; actorId: string; comment: string | null; createdAt: string }>> {
    return this.derogations.history(scope, overrideRequestId);
  }

  private async recommendationOf(
    liberation: LiberationRow,
    latest: RecommendationView | null,
    recommendationId?: string,
  ): Promise<RecommendationView> {
    if (!latest) throw new NonTraitableError('liberationId', 'aucune recommandation pour cette libération');
    if (recommendationId !== undefined && recommendationId !== latest.id) {
      if (!(await this.liberations.recommendationBelongsTo(recommendationId, liberation.id)))
        throw new NonTraitableError('recommendationId', 'cette recommandation ne concerne pas cette libération');
      throw new ConflitError('Recommandation périmée : une recommandation plus récente existe pour cette libération');
    }
    return latest;
  }
}

import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'crypto';
import { attenteCandidats, termesEnVigueur, type Logement } from '@aiguillage/engine';
import {
  LiberationRepository,
  LogementRepository,
  OrientationDecisionRepository,
  OverrideRequestRepository,
  PropositionRepository,
} from '@aiguillage/persistence';
import type { EntityManager } from 'typeorm';
import { ConflitError, IntrouvableError, sansErreurMoteur } from '../errors/domain-errors';
import type { AccessScope } from '../platform/auth/access-scope';
import { FLOW_OPTIONS, type FlowOptions } from '../platform/config/flow-options';
import { horloge } from '../platform/horloge';
import { exerciceKey } from '../platform/live/engine-state.store';
import { NonTraitableError } from '../platform/live/flow.errors';
import type { FlowTransaction } from '../platform/live/flow-unit-of-work';
import { recommandeeOf, type RecommendationView } from '../liberations/liberation-flow.service';
import type { DecisionResult, DecisionToWrite, LiberationRow } from './orientation-decision';

/**
 * What the plain decision and the approved override share: loading the libération in the caller's
 * scope, the override request's audit steps, and writing the decision with what follows it.
 */
@Injectable()
export class DecisionWriter {
  constructor(
    private readonly logements: LogementRepository,
    private readonly liberations: LiberationRepository,
    private readonly decisions: OrientationDecisionRepository,
    private readonly overrides: OverrideRequestRepository,
    private readonly propositions: PropositionRepository,
    @Inject(FLOW_OPTIONS) private readonly options: FlowOptions,
  ) {}

  /** Writes the decision and what follows it (proposition and délai jobs, excluded use), with its transition and events. */
  async write(tx: FlowTransaction, d: DecisionToWrite): Promise<DecisionResult> {
    const dest = d.destination;
    let attente = false;
    let reservataireId: string | null = null;
    let delaiJours = 0;
    // A new programme's first letting (NEUF) is outside the flux: recorded apart and counted for no
    // one, unless the convention it goes to counts first lettings (CCH R.441-5; guide USH, "pour un tour").
    let horsFlux = d.liberation.kind === 'NEUF' && dest.kind !== 'EXCLU';
    if (dest.kind === 'CONVENTION') {
      const courante = tx.state.conventions.find((c) => c.id === dest.conventionId);
      if (!courante)
        throw new NonTraitableError(
          'destination.conventionId',
          `convention inconnue dans l'exercice « ${dest.conventionId} »`,
        );
      const convention = termesEnVigueur(tx.state, courante, d.liberation.date); // the terms of the libération date (versioned conventions)
      const annee =
        convention.delegation.mode === 'PARTIELLE'
          ? await this.propositions.within(tx.manager).propositionsAnnee(convention.id, d.liberation.date.slice(0, 4))
          : { total: 0, delegues: 0 };
      attente = attenteCandidats(convention.delegation, annee);
      reservataireId = convention.reservataireId;
      delaiJours = convention.delegation.delaiJours;
      if (convention.comptePremieresLocations) horsFlux = false;
    }
    // The engine's input errors are the request's: 400 with the field, as on every route.
    if (!horsFlux)
      sansErreurMoteur(() =>
        tx.transition({
          kind: 'orientation',
          logement: d.logement,
          destination: dest,
          attenteCandidats: attente,
          date: d.liberation.date,
        }),
      );
    // The decision and what it opens (proposition with its délai, or excluded use), written with the
    // journal, the events and the outbox in the transaction's one statement (ids drawn here).
    const decisionId = randomUUID();
    const decidedAt = horloge.maintenant();
    const propositionId = dest.kind === 'CONVENTION' ? randomUUID() : null;
    const delaiExpireAt = attente ? new Date(decidedAt.getTime() + delaiJours * this.options.dureeJourMs) : null;
    tx.write((p) =>
      this.decisions.decisionStatement(p, {
        decisionId,
        liberationId: d.liberation.id,
        bailleurId: d.liberation.bailleurId,
        logementId: d.logement.id,
        date: d.liberation.date,
        destination: dest,
        recommendationId: d.recommendationId,
        isOverride: d.isOverride,
        overrideRequestId: d.overrideRequestId,
        decidedBy: d.decidedBy,
        decidedAt,
        propositionId,
        delaiExpireAt,
        horsFlux,
      }),
    );
    if (propositionId && delaiExpireAt) {
      const avertissement = new Date(
        delaiExpireAt.getTime() - this.options.avertissementJours * this.options.dureeJourMs,
      );
      if (avertissement > decidedAt) {
        tx.job(
          'flow.delai-avertissement',
          { propositionId, runAt: horloge.reel(avertissement).toISOString() },
          `delai-avertissement-${propositionId}`,
        );
      }
      tx.job(
        'flow.delai-expiration',
        { propositionId, runAt: horloge.reel(delaiExpireAt).toISOString() },
        `delai-expiration-${propositionId}`,
      );
    }
    tx.emit(
      'orientation.decided',
      {
        decisionId,
        liberationId: d.liberation.id,
        logementId: d.logement.id,
        bailleurId: d.liberation.bailleurId,
        destination: dest,
        isOverride: d.isOverride,
        overrideRequestId: d.overrideRequestId,
        decidedBy: d.decidedBy,
        decidedAt: decidedAt.toISOString(),
        propositionId,
        delaiExpireAt: delaiExpireAt?.toISOString() ?? null,
      },
      reservataireId ? [reservataireId] : [],
    );
    if (dest.kind === 'CONVENTION') tx.emitProgress(dest.conventionId, d.liberation.date);
    return {
      status: 'DECIDEE',
      liberationId: d.liberation.id,
      destination: dest,
      isOverride: d.isOverride,
      decisionId,
      overrideRequestId: d.overrideRequestId,
      propositionId,
      delaiExpireAt: delaiExpireAt?.toISOString() ?? null,
      motifsApprobation: [],
    };
  }

  keyOf(logement: Logement, liberation: LiberationRow) {
    return exerciceKey(liberation.bailleurId, logement.departement, liberation.date);
  }

  /** The libération in the caller's scope, its flat, and (`withRecommendation`) its latest recommendation, in two queries. */
  async load(
    scope: AccessScope,
    liberationId: string,
    withRecommendation = false,
  ): Promise<{ liberation: LiberationRow; logement: Logement; latest: RecommendationView | null }> {
    const found = await this.liberations.findWithLatestRecommendation(liberationId, withRecommendation);
    if (!found || !scope.bailleurIds.includes(found.liberation.bailleurId))
      throw new IntrouvableError('Libération', liberationId);
    const { liberation, recommendation: reco } = found;
    const logement = await this.logements.findLogementById([liberation.bailleurId], liberation.logementId);
    if (!logement) throw new IntrouvableError('Logement', liberation.logementId);
    const latest: RecommendationView | null = reco
      ? {
          id: reco.id,
          liberationId,
          inputsVersion: reco.inputsVersion,
          options: reco.options,
          recommandee: recommandeeOf(reco.options),
          createdAt: reco.createdAt.toISOString(),
        }
      : null;
    return { liberation, logement, latest };
  }

  /**
   * Appends a step. A request has at most one final step (APPROVED or REJECTED): the partial unique
   * index `uq_override_step_final` makes concurrent approve/reject calls queue on the same key in
   * PostgreSQL, and only the first one's row is inserted; the others get a 409 and their transaction
   * (decision, events) is rolled back.
   */
  async insertStep(
    manager: EntityManager,
    overrideRequestId: string,
    status: 'PENDING' | 'APPROVED' | 'REJECTED',
    actorId: string,
    comment: string | null,
  ): Promise<void> {
    const inserted = await this.overrides
      .within(manager)
      .insertStep(overrideRequestId, status, actorId, comment, horloge.decalageMs());
    if (!inserted) {
      throw new ConflitError('Cette demande de dérogation a déjà été traitée par un autre responsable');
    }
  }
}

import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'crypto';
import {
  attenteCandidats,
  EngineInputError,
  keyOf,
  termesEnVigueur,
  USAGES_EXCLUS,
  type Destination,
  type Logement,
  type OptionOrientation,
} from '@aiguillage/engine';
import {
  check,
  DESTINATION_KINDS,
  InvalidInputError,
  LiberationRepository,
  LogementRepository,
  OrientationDecisionRepository,
  OVERRIDE_REASONS,
  OverrideRequestRepository,
  PropositionRepository,
  type UndecidedRow,
} from '@aiguillage/persistence';
import type { EntityManager } from 'typeorm';
import { AccesInterditError, ConflitError, IntrouvableError } from '../errors/domain-errors';
import { assertBailleur, type AccessScope } from '../platform/auth/access-scope';
import { DejaOrienteError, NonTraitableError } from '../platform/live/flow.errors';
import { FLOW_OPTIONS, type FlowOptions } from '../platform/config/flow-options';
import type { OverrideReason } from '../platform/live/flow.types';
import { exerciceKey } from '../platform/live/engine-state.store';
import { FlowTransaction, FlowUnitOfWork } from '../platform/live/flow-unit-of-work';
import { recommandeeOf, type RecommendationView } from '../liberations/liberation-flow.service';
import { motifsApprobation, PolitiqueDerogationService } from './politique-derogation';
import { AU_DELA_PREVISION, optionAuDelaPrevision } from './exclusion-au-dela';

export interface DecisionInput {
  liberationId: string;
  /** The recommendation decided on (default: the latest of the libération). */
  recommendationId?: string;
  /** Omitted: accept the recommendation. Otherwise an override when it differs from it. */
  destination?: Destination;
  /** Required for an override. */
  motif?: OverrideReason;
  commentaire?: string;
}

export interface DecisionResult {
  status: 'DECIDEE' | 'EN_ATTENTE_APPROBATION';
  liberationId: string;
  destination: Destination;
  isOverride: boolean;
  decisionId: string | null;
  overrideRequestId: string | null;
  propositionId: string | null;
  delaiExpireAt: string | null;
  /** Why a manager must approve (empty when decided). */
  motifsApprobation: string[];
}

interface LiberationRow {
  id: string;
  logementId: string;
  bailleurId: string;
  date: string;
  /** ROTATION, or NEUF: a new programme's first letting, outside the flux. */
  kind?: string;
}

interface DecisionToWrite {
  liberation: LiberationRow;
  logement: Logement;
  destination: Destination;
  recommendationId: string | null;
  isOverride: boolean;
  overrideRequestId: string | null;
  decidedBy: string | null;
}

/** Checks a client-supplied destination field by field (French reasons). */
export function validateDestination(d: unknown, champ = 'destination'): Destination {
  if (!d || typeof d !== 'object') throw new InvalidInputError(champ, 'doit être un objet { kind, ... }');
  const x = d as Record<string, unknown>;
  const kind = check.oneOf(x.kind, DESTINATION_KINDS, `${champ}.kind`);
  if (kind === 'CONVENTION') {
    const conventionId = check.uuid(x.conventionId, `${champ}.conventionId`);
    const sousQuota = check.optionalText(x.sousQuota, `${champ}.sousQuota`, 32);
    return sousQuota ? { kind, conventionId, sousQuota } : { kind, conventionId };
  }
  if (kind === 'EXCLU') return { kind, usage: check.oneOf(x.usage, USAGES_EXCLUS, `${champ}.usage`) };
  return { kind: 'BAILLEUR' };
}

/**
 * The decision on a freed flat: accept the recommendation, or override it (reason code, comment),
 * possibly pending a manager's approval under the bailleur's policy. A flat is oriented exactly
 * once: the exercice lock and the libération row lock serialise concurrent deciders, the unique
 * constraint on `orientation_decision.liberation_id` is the last guard, and the losers get a 409
 * naming who decided.
 */
@Injectable()
export class OrientationFlowService {
  constructor(
    private readonly uow: FlowUnitOfWork,
    private readonly logements: LogementRepository,
    private readonly liberations: LiberationRepository,
    private readonly decisions: OrientationDecisionRepository,
    private readonly overrides: OverrideRequestRepository,
    private readonly propositions: PropositionRepository,
    private readonly politiques: PolitiqueDerogationService,
    @Inject(FLOW_OPTIONS) private readonly options: FlowOptions,
  ) {}

  async decide(scope: AccessScope, input: DecisionInput): Promise<DecisionResult> {
    const liberationId = check.uuid(input.liberationId, 'liberationId');
    const requested = input.destination === undefined ? undefined : validateDestination(input.destination);
    const { liberation, logement, latest } = await this.load(scope, liberationId, true);
    const recommendation = await this.recommendationOf(liberation, latest, input.recommendationId);
    const recommandee = recommendation.recommandee;
    const destination = requested ?? recommandee;
    if (!destination) throw new NonTraitableError('destination', 'aucune option éligible : préciser une destination');
    const option = this.optionFor(recommendation.options, destination, logement);
    const isOverride = !recommandee || keyOf(recommandee) !== keyOf(destination);
    if (isOverride) {
      check.oneOf(input.motif, OVERRIDE_REASONS, 'motif');
      if (input.commentaire !== undefined) check.optionalText(input.commentaire, 'commentaire', 2000);
      if (input.motif === 'AUTRE' && !input.commentaire?.trim())
        throw new InvalidInputError('commentaire', 'obligatoire avec le motif AUTRE');
      if (option.violates.some((r) => r.code === AU_DELA_PREVISION) && !input.commentaire?.trim()) {
        throw new InvalidInputError(
          'commentaire',
          'obligatoire pour un usage exclu au-delà du prévisionnel : dire pourquoi ce relogement ou cette mutation de plus',
        );
      }
    }
    return this.uow.run(
      this.keyOf(logement, liberation),
      async (tx) => {
        this.checkUndecided(tx.preface[0]);
        if (!isOverride) {
          return this.writeDecision(tx, {
            liberation,
            logement,
            destination,
            recommendationId: recommendation.id,
            isOverride,
            overrideRequestId: null,
            decidedBy: scope.userId,
          });
        }
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
        });
        if (motifs.length > 0) {
          await this.insertStep(tx.manager, overrideRequestId, 'PENDING', scope.userId, input.commentaire ?? null);
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
        await this.insertStep(
          tx.manager,
          overrideRequestId,
          'APPROVED',
          scope.userId,
          'Approbation non requise par la politique du bailleur',
        );
        return this.writeDecision(tx, {
          liberation,
          logement,
          destination,
          recommendationId: recommendation.id,
          isOverride,
          overrideRequestId,
          decidedBy: scope.userId,
        });
      },
      this.decisions.undecidedSql(liberation.id),
    );
  }

  /** A manager approves a pending override: the decision is written (and progress moves) only now. */
  async approve(scope: AccessScope, overrideRequestId: string, commentaire?: string): Promise<DecisionResult> {
    const request = await this.pendingRequest(scope, overrideRequestId);
    const { liberation, logement } = await this.load(scope, request.liberationId);
    return this.uow.run(
      this.keyOf(logement, liberation),
      async (tx) => {
        this.checkUndecided(tx.preface[0], overrideRequestId);
        await this.insertStep(tx.manager, overrideRequestId, 'APPROVED', scope.userId, commentaire ?? null);
        tx.emit('override.approved', {
          overrideRequestId,
          liberationId: liberation.id,
          bailleurId: liberation.bailleurId,
          status: 'APPROVED',
          actorId: scope.userId,
          comment: commentaire ?? null,
        });
        return this.writeDecision(tx, {
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
    commentaire?: string,
  ): Promise<{ overrideRequestId: string; status: 'REJECTED' }> {
    const request = await this.pendingRequest(scope, overrideRequestId);
    const { liberation, logement } = await this.load(scope, request.liberationId);
    await this.uow.runUnlocked(this.keyOf(logement, liberation), async (tx) => {
      this.checkUndecided(await this.decisions.within(tx.manager).findUndecided(liberation.id), overrideRequestId);
      await this.insertStep(tx.manager, overrideRequestId, 'REJECTED', scope.userId, commentaire ?? null);
      tx.emit('override.rejected', {
        overrideRequestId,
        liberationId: liberation.id,
        bailleurId: liberation.bailleurId,
        status: 'REJECTED',
        actorId: scope.userId,
        comment: commentaire ?? null,
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

  /** Writes the decision and what follows it (proposition and délai jobs, excluded use), with its transition and events. */
  async writeDecision(tx: FlowTransaction, d: DecisionToWrite): Promise<DecisionResult> {
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
    try {
      if (!horsFlux)
        tx.transition({
          kind: 'orientation',
          logement: d.logement,
          destination: dest,
          attenteCandidats: attente,
          date: d.liberation.date,
        });
    } catch (error) {
      if (error instanceof EngineInputError) throw new NonTraitableError(error.champ, error.raison);
      throw error;
    }
    // The decision and what it opens (proposition with its délai, or excluded use), written with the
    // journal, the events and the outbox in the transaction's one statement (ids drawn here).
    const decisionId = randomUUID();
    const decidedAt = new Date();
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
          { propositionId, runAt: avertissement.toISOString() },
          `delai-avertissement-${propositionId}`,
        );
      }
      tx.job(
        'flow.delai-expiration',
        { propositionId, runAt: delaiExpireAt.toISOString() },
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
    if (dest.kind === 'CONVENTION') tx.emitProgress(dest.conventionId);
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

  private keyOf(logement: Logement, liberation: LiberationRow) {
    return exerciceKey(liberation.bailleurId, logement.departement, liberation.date);
  }

  /** The libération in the caller's scope, its flat, and (`withRecommendation`) its latest recommendation, in two queries. */
  private async load(
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

  private async recommendationOf(
    liberation: LiberationRow,
    latest: RecommendationView | null,
    recommendationId?: string,
  ): Promise<RecommendationView> {
    if (!latest) throw new NonTraitableError('liberationId', 'aucune recommandation pour cette libération');
    if (recommendationId !== undefined && check.uuid(recommendationId, 'recommendationId') !== latest.id) {
      if (!(await this.liberations.recommendationBelongsTo(recommendationId, liberation.id)))
        throw new NonTraitableError('recommendationId', 'cette recommandation ne concerne pas cette libération');
      throw new ConflitError('Recommandation périmée : une recommandation plus récente existe pour cette libération');
    }
    return latest;
  }

  private optionFor(
    options: readonly OptionOrientation[],
    destination: Destination,
    logement: Logement,
  ): OptionOrientation {
    const option = options.find((o) => keyOf(o.destination) === keyOf(destination));
    if (!option && destination.kind === 'EXCLU' && !logement.stockDefense && !logement.horsAssiette)
      return optionAuDelaPrevision(destination);
    if (!option)
      throw new NonTraitableError(
        'destination',
        'cette destination ne figure pas parmi les options de la recommandation',
      );
    if (!option.eligible) {
      const regles = option.violates
        .filter((r) => r.hard)
        .map((r) => r.libelle)
        .join(' ; ');
      throw new NonTraitableError(
        'destination',
        `destination interdite par une règle impérative : ${regles || 'inéligible'}`,
      );
    }
    return option;
  }

  /** 409 when the libération (its row read and locked by `undecidedSql`) is already oriented, or another override is pending. */
  private checkUndecided(preface: unknown, pendingAllowed?: string): void {
    const row = preface as UndecidedRow | undefined;
    if (row?.decisionId) {
      const qui = row.nom ? `${row.nom} (${row.email})` : 'le système';
      const decidedAt = new Date(row.decidedAt!).toISOString();
      throw new DejaOrienteError(`Logement déjà orienté par ${qui} le ${decidedAt}`, {
        decisionId: row.decisionId,
        decidedBy: row.decidedBy,
        decidedAt,
      });
    }
    const pending: Array<{ id: string; requestedBy: string; nom: string | null }> = row?.pending ?? [];
    const others = pending.filter((p) => p.id !== pendingAllowed);
    if (others.length > 0) {
      throw new DejaOrienteError(
        `Une dérogation demandée par ${others[0].nom ?? others[0].requestedBy} attend l'approbation d'un responsable`,
        {
          decidedBy: others[0].requestedBy,
          decidedAt: null,
          overrideRequestId: others[0].id,
        },
      );
    }
    if (pendingAllowed && !pending.some((p) => p.id === pendingAllowed))
      throw new ConflitError('Cette demande de dérogation a déjà été traitée');
  }

  /**
   * Appends a step. A request has at most one final step (APPROVED or REJECTED): the partial unique
   * index `uq_override_step_final` makes concurrent approve/reject calls queue on the same key in
   * PostgreSQL, and only the first one's row is inserted; the others get a 409 and their transaction
   * (decision, events) is rolled back.
   */
  private async insertStep(
    manager: EntityManager,
    overrideRequestId: string,
    status: 'PENDING' | 'APPROVED' | 'REJECTED',
    actorId: string,
    comment: string | null,
  ): Promise<void> {
    if (!(await this.overrides.within(manager).insertStep(overrideRequestId, status, actorId, comment))) {
      throw new ConflitError('Cette demande de dérogation a déjà été traitée par un autre responsable');
    }
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

import { Injectable } from '@nestjs/common';
import { randomUUID } from 'crypto';
import {
  dateFr,
  DEFAULT_POLICY,
  recommend,
  type Destination,
  type EngineState,
  type Logement,
  type OptionOrientation,
} from '@aiguillage/engine';
import {
  check,
  LiberationRepository,
  LogementRepository,
  OrientationDecisionRepository,
  type LiberationRow,
  type RecommendationRow,
} from '@aiguillage/persistence';
import { exigerPersonnel, type AccessScope } from '../platform/auth/access-scope';
import { ConflitError, IntrouvableError, sansErreurMoteur } from '../errors/domain-errors';
import { checkUndecided } from '../orientations/orientation-decision';
import { DejaOrienteError, NonTraitableError } from '../platform/live/flow.errors';
import {
  OPTIONS_POUSSEES,
  optionPoussee,
  type FlowEventPayloads,
  type LogementResume,
} from '../platform/live/flow.types';
import { exerciceKey as exerciceKeyOf } from '../platform/live/engine-state.store';
import { flowEvent, FlowUnitOfWork, type FlowTransaction } from '../platform/live/flow-unit-of-work';
import type { DeclarerLiberation, DeclarerLiberations } from './commands';
import { versionCourante } from './fraicheur';

export interface RecommendationView {
  id: string;
  liberationId: string;
  inputsVersion: string;
  recommandee: Destination | null;
  options: OptionOrientation[];
  createdAt: string;
}

export interface LiberationResult {
  /** False when this libération was already declared (same key, or same flat and day): nothing created. */
  created: boolean;
  liberation: LiberationRow;
  recommendation: RecommendationView | null;
}

/** The answer of a recomputation (`recalculer`). */
export interface RecalculResult {
  /** False when the latest recommendation was already computed on the current state: it is returned, nothing stored. */
  recalculee: boolean;
  recommendation: RecommendationView;
}

export function resumeLogement(l: Logement): LogementResume {
  return {
    id: l.id,
    rplsId: l.rplsId,
    commune: l.commune,
    qpv: l.qpv,
    typologie: l.typologie,
    financement: l.financement,
  };
}

/**
 * Ingestion of freed flats: idempotent declaration (Idempotency-Key, or the same flat and day), then
 * the recommendation computed at once from the live engine state, stored with the version of its
 * inputs and pushed (`recommendation.created`), all written with the libération in one statement.
 */
@Injectable()
export class LiberationFlowService {
  constructor(
    private readonly uow: FlowUnitOfWork,
    private readonly logements: LogementRepository,
    private readonly liberations: LiberationRepository,
    private readonly decisions: OrientationDecisionRepository,
  ) {}

  async declare(
    scope: AccessScope,
    input: DeclarerLiberation,
    idempotencyKey?: string,
    champ = 'liberation',
  ): Promise<LiberationResult> {
    const key = idempotencyKey === undefined ? null : check.text(idempotencyKey, 'Idempotency-Key', 128);
    const logement = await this.logements.findLogementById(scope.bailleurIds, input.logementId);
    if (!logement) throw new NonTraitableError(`${champ}.logementId`, `logement inconnu « ${input.logementId} »`);
    const exerciceKey = exerciceKeyOf(logement.bailleurId, logement.departement, input.date);
    await this.refuserSiOuverte(logement, input, key);
    const live = await this.uow.liveState(exerciceKey);
    // The libération, its recommendation and `recommendation.created` in one statement (nothing
    // when already declared: same key, or same flat and day).
    const options = this.optionsFor(live.state, logement, input.date, champ);
    const liberation = {
      id: randomUUID(),
      logementId: logement.id,
      bailleurId: logement.bailleurId,
      date: input.date,
      motif: input.motif,
      kind: input.kind ?? 'ROTATION',
    };
    const reco = { id: randomUUID(), options, inputsVersion: versionCourante(live) };
    const event = flowEvent(
      'recommendation.created',
      logement.bailleurId,
      recommendationCreated(logement, liberation, reco),
    );
    const row = await this.uow.writeOnce<{ createdAt: string }>([event], (p) =>
      this.liberations.declareStatement(p, { ...liberation, idempotencyKey: key }, reco),
    );
    if (row)
      return {
        created: true,
        liberation,
        recommendation: recommendationView(liberation.id, { ...reco, createdAt: new Date(row.createdAt) }),
      };

    return this.uow.runUnlocked(exerciceKey, async (tx) => {
      // Declared before (the row lock waits for a concurrent declaration to commit): the first
      // result. One declared without a recommendation (bulk load, plain import) gets it now, once.
      const found = await this.findExisting(this.liberations.within(tx.manager), scope, input, key, true);
      if (!found)
        throw new NonTraitableError(
          `${champ}.idempotencyKey`,
          'cette clé d’idempotence a déjà servi pour une libération hors de votre périmètre',
        );
      const { sameKey, ...existing } = found;
      // A key replays one request: reused with another content, it is refused (422), as payment APIs do.
      if (sameKey && !sameContent(existing.liberation, input)) {
        throw new NonTraitableError(
          'Idempotency-Key',
          `cette clé a déjà servi pour une autre déclaration (logement, date, motif ou type différents) le ${dateFr(existing.liberation.date)} : une clé ne sert qu’à rejouer la même requête`,
        );
      }
      if (
        existing.recommendation ||
        existing.liberation.logementId !== logement.id ||
        existing.liberation.date.slice(0, 4) !== input.date.slice(0, 4)
      )
        return existing;
      return { ...existing, recommendation: await this.storeRecommendation(tx, logement, existing.liberation, champ) };
    });
  }

  /**
   * A fresh recommendation of a libération still to orient, computed on today's state of its
   * exercice and stored as its latest (the decision is then judged against it: the previous one's id
   * is refused as stale), pushed as `recommendation.created`. When the latest one was already
   * computed on the current state, it is returned and nothing is stored (`recalculee: false`).
   * Staff of the flat's bailleur only (404 outside the scope); 409 once decided or with an override
   * pending (the libération's row is locked meanwhile, as a decision locks it).
   */
  async recalculer(scope: AccessScope, liberationId: string): Promise<RecalculResult> {
    exigerPersonnel(scope, 'le recalcul d’une recommandation');
    const id = check.uuid(liberationId, 'id');
    const found = await this.liberations.findWithLatestRecommendation(id, false);
    if (!found || !scope.bailleurIds.includes(found.liberation.bailleurId))
      throw new IntrouvableError('Libération', id);
    const { liberation } = found;
    const logement = await this.logements.findLogementById([liberation.bailleurId], liberation.logementId);
    if (!logement) throw new IntrouvableError('Logement', liberation.logementId);
    return this.uow.runUnlocked(
      exerciceKeyOf(liberation.bailleurId, logement.departement, liberation.date),
      async (tx) => {
        try {
          checkUndecided(await this.decisions.within(tx.manager).findUndecided(id));
        } catch (error) {
          if (!(error instanceof DejaOrienteError)) throw error;
          throw new DejaOrienteError(
            `Recommandation non recalculée : la libération n’est plus à orienter. ${error.message}`,
            error.decision,
          );
        }
        const latest = await this.latestRecommendation(this.liberations.within(tx.manager), id);
        if (latest && latest.inputsVersion === versionCourante(tx.live))
          return { recalculee: false, recommendation: latest };
        return { recalculee: true, recommendation: await this.storeRecommendation(tx, logement, liberation, 'id') };
      },
      true, // the panel counts the transitions committed since: the same state, even if this node's tail lags
    );
  }

  /** Computes the flat's options on the transaction's state, stores them as the libération's latest recommendation and emits `recommendation.created`. */
  private async storeRecommendation(
    tx: FlowTransaction,
    logement: Logement,
    liberation: Pick<LiberationRow, 'id' | 'date'>,
    champ: string,
  ): Promise<RecommendationView> {
    const reco = {
      options: this.optionsFor(tx.live.state, logement, liberation.date, champ),
      inputsVersion: versionCourante(tx.live),
    };
    const inserted = await this.liberations
      .within(tx.manager)
      .insertRecommendation({ liberationId: liberation.id, bailleurId: logement.bailleurId, ...reco });
    const stored = { ...reco, ...inserted };
    tx.emit('recommendation.created', recommendationCreated(logement, liberation, stored));
    return recommendationView(liberation.id, stored);
  }

  /**
   * One vacancy, one libération: a flat freed again while its previous libération is still open
   * (not yet decided, or proposed and neither let nor returned: proposition waiting for candidates,
   * candidates in, or attributed without a signed lease) is refused (409), so that it is neither
   * oriented nor counted twice. The same declaration again (same key, or same flat and day) stays
   * idempotent.
   */
  private async refuserSiOuverte(logement: Logement, input: DeclarerLiberation, key: string | null): Promise<void> {
    const ouverte = await this.liberations.openBefore({
      logementId: logement.id,
      date: input.date,
      idempotencyKey: key,
      commune: logement.commune,
    });
    if (ouverte) {
      throw new ConflitError(
        `Le logement ${logement.rplsId} à ${ouverte.commune ?? logement.commune} a déjà une libération ouverte du ${dateFr(ouverte.date)} : elle doit être close (bail signé, ou retour au bailleur) avant une nouvelle libération`,
      );
    }
  }

  /** The ranked options for the flat from the live state (engine input errors become 400, as on every route). */
  private optionsFor(state: EngineState, logement: Logement, date: string, champ: string): OptionOrientation[] {
    return sansErreurMoteur(() => recommend(logement, state, DEFAULT_POLICY, date).options, champ);
  }

  /** A batch (bulk import): each line idempotent on its own, in order; the whole list was validated when created. */
  async declareBatch(scope: AccessScope, commande: DeclarerLiberations): Promise<LiberationResult[]> {
    const results: LiberationResult[] = [];
    for (const [i, input] of commande.liberations.entries())
      results.push(await this.declare(scope, input, undefined, `liberations[${i}]`));
    return results;
  }

  /** The latest recommendation of a libération in the caller's scope (404 otherwise), full options. */
  async recommendationOf(scope: AccessScope, liberationId: string): Promise<RecommendationView> {
    const bailleurId = await this.liberations.bailleurOf(check.uuid(liberationId, 'id'));
    const recommendation =
      bailleurId && scope.bailleurIds.includes(bailleurId)
        ? await this.latestRecommendation(this.liberations, liberationId)
        : null;
    if (!recommendation) throw new IntrouvableError('Recommandation de la libération', liberationId);
    return recommendation;
  }

  /** The latest recommendation of a libération. */
  private async latestRecommendation(
    liberations: LiberationRepository,
    liberationId: string,
  ): Promise<RecommendationView | null> {
    const row: RecommendationRow | null = await liberations.latestRecommendation(liberationId);
    return row ? recommendationView(liberationId, row) : null;
  }

  private async findExisting(
    liberations: LiberationRepository,
    scope: AccessScope,
    input: DeclarerLiberation,
    key: string | null,
    lock = false,
  ): Promise<(LiberationResult & { sameKey: boolean }) | null> {
    const found = await liberations.findDeclared({
      idempotencyKey: key,
      logementId: input.logementId,
      date: input.date,
      bailleurIds: scope.bailleurIds,
      lock,
    });
    if (!found) return null;
    const { sameKey, ...row } = found;
    return {
      created: false,
      sameKey,
      liberation: row,
      recommendation: await this.latestRecommendation(liberations, row.id),
    };
  }
}

/** Whether a replayed declaration asks for what the stored one holds. */
function sameContent(stored: LiberationResult['liberation'], input: DeclarerLiberation): boolean {
  return (
    stored.logementId === input.logementId &&
    stored.date === input.date &&
    stored.motif === input.motif &&
    stored.kind === (input.kind ?? 'ROTATION')
  );
}

/** The payload of `recommendation.created` (see `FlowEventPayloads`). */
function recommendationCreated(
  logement: Logement,
  liberation: Pick<LiberationResult['liberation'], 'id' | 'date'>,
  reco: { id: string; options: OptionOrientation[]; inputsVersion: string },
): FlowEventPayloads['recommendation.created'] {
  const eligibles = reco.options.filter((o) => o.eligible);
  return {
    recommendationId: reco.id,
    liberationId: liberation.id,
    bailleurId: logement.bailleurId,
    date: liberation.date,
    logement: resumeLogement(logement),
    inputsVersion: reco.inputsVersion,
    recommandee: recommandeeOf(reco.options),
    options: eligibles.slice(0, OPTIONS_POUSSEES).map(optionPoussee),
    optionsEligibles: eligibles.length,
    optionsTotal: reco.options.length,
  };
}

function recommendationView(
  liberationId: string,
  reco: { id: string; options: OptionOrientation[]; inputsVersion: string; createdAt: Date },
): RecommendationView {
  const { id, options, inputsVersion, createdAt } = reco;
  return {
    id,
    liberationId,
    inputsVersion,
    recommandee: recommandeeOf(options),
    options,
    createdAt: createdAt.toISOString(),
  };
}

/** The recommended destination: the first eligible option (null when none is eligible). */
export function recommandeeOf(options: readonly OptionOrientation[]): Destination | null {
  return options.find((o) => o.eligible)?.destination ?? null;
}

import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'crypto';
import { attenteCandidats, EngineInputError, keyOf, termesEnVigueur, type PropositionsAnnee, USAGES_EXCLUS, type Convention, type Destination, type Logement, type OptionOrientation } from '@aiguillage/engine';
import { check, InvalidInputError, LogementRepository, OVERRIDE_REASONS } from '@aiguillage/persistence';
import { DataSource, type EntityManager } from 'typeorm';
import { AccesInterditError, ConflitError, IntrouvableError } from '../errors/domain-errors';
import { assertBailleur, type AccessScope } from '../auth/access-scope';
import { DejaOrienteError, NonTraitableError } from './flow.errors';
import { FLOW_OPTIONS, type FlowOptions } from './flow-options';
import type { OverrideReason } from './flow.types';
import type { PendingRequestRow, UndecidedRow } from './orientation-flow.rows';
import { FlowTransaction, FlowUnitOfWork } from './flow-unit-of-work';
import { recommandeeOf, type RecommendationView } from './liberation-flow.service';
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

const DESTINATION_KINDS = ['CONVENTION', 'EXCLU', 'BAILLEUR'] as const;

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
    private readonly dataSource: DataSource,
    private readonly uow: FlowUnitOfWork,
    private readonly logements: LogementRepository,
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
      if (input.motif === 'AUTRE' && !input.commentaire?.trim()) throw new InvalidInputError('commentaire', 'obligatoire avec le motif AUTRE');
      if (option.violates.some((r) => r.code === AU_DELA_PREVISION) && !input.commentaire?.trim()) {
        throw new InvalidInputError('commentaire', 'obligatoire pour un usage exclu au-delà du prévisionnel : dire pourquoi ce relogement ou cette mutation de plus');
      }
    }
    return this.uow.run(this.keyOf(logement, liberation), async (tx) => {
      this.checkUndecided(tx.preface[0]);
      if (!isOverride) {
        return this.writeDecision(tx, { liberation, logement, destination, recommendationId: recommendation.id, isOverride, overrideRequestId: null, decidedBy: scope.userId });
      }
      const politique = await this.politiques.get(liberation.bailleurId, tx.manager);
      const motifs = motifsApprobation(politique, tx.state, liberation.date, recommandee, option);
      const overrideRequestId = await this.insertOverride(tx.manager, liberation, recommendation.id, destination, input, scope.userId);
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
          status: 'EN_ATTENTE_APPROBATION', liberationId: liberation.id, destination, isOverride, decisionId: null, overrideRequestId, propositionId: null, delaiExpireAt: null, motifsApprobation: motifs,
        };
        return pending;
      }
      await this.insertStep(tx.manager, overrideRequestId, 'APPROVED', scope.userId, 'Approbation non requise par la politique du bailleur');
      return this.writeDecision(tx, { liberation, logement, destination, recommendationId: recommendation.id, isOverride, overrideRequestId, decidedBy: scope.userId });
    }, undecidedSql(liberation.id));
  }

  /** A manager approves a pending override: the decision is written (and progress moves) only now. */
  async approve(scope: AccessScope, overrideRequestId: string, commentaire?: string): Promise<DecisionResult> {
    const request = await this.pendingRequest(scope, overrideRequestId);
    const { liberation, logement } = await this.load(scope, request.liberationId);
    return this.uow.run(this.keyOf(logement, liberation), async (tx) => {
      this.checkUndecided(tx.preface[0], overrideRequestId);
      await this.insertStep(tx.manager, overrideRequestId, 'APPROVED', scope.userId, commentaire ?? null);
      tx.emit('override.approved', { overrideRequestId, liberationId: liberation.id, bailleurId: liberation.bailleurId, status: 'APPROVED', actorId: scope.userId, comment: commentaire ?? null });
      return this.writeDecision(tx, {
        liberation, logement, destination: request.destination, recommendationId: request.recommendationId, isOverride: true, overrideRequestId, decidedBy: scope.userId,
      });
    }, undecidedSql(liberation.id));
  }

  /** A manager rejects a pending override: the flat stays to be decided (accept, or another override). */
  async reject(scope: AccessScope, overrideRequestId: string, commentaire?: string): Promise<{ overrideRequestId: string; status: 'REJECTED' }> {
    const request = await this.pendingRequest(scope, overrideRequestId);
    const { liberation, logement } = await this.load(scope, request.liberationId);
    await this.uow.runUnlocked(this.keyOf(logement, liberation), async (tx) => {
      this.checkUndecided((await tx.manager.query<Array<Record<string, unknown>>>(undecidedSql(liberation.id)))[0], overrideRequestId);
      await this.insertStep(tx.manager, overrideRequestId, 'REJECTED', scope.userId, commentaire ?? null);
      tx.emit('override.rejected', { overrideRequestId, liberationId: liberation.id, bailleurId: liberation.bailleurId, status: 'REJECTED', actorId: scope.userId, comment: commentaire ?? null });
    });
    return { overrideRequestId, status: 'REJECTED' };
  }

  /** Every step of an override request, oldest first (the audit trail, never updated in place). */
  async history(scope: AccessScope, overrideRequestId: string): Promise<Array<{ status: string; actorId: string; comment: string | null; createdAt: string }>> {
    const [request] = await this.dataSource.query<Array<{ bailleurId: string }>>(`SELECT bailleur_id AS "bailleurId" FROM override_request WHERE id = $1`, [check.uuid(overrideRequestId, 'id')]);
    if (!request || !scope.bailleurIds.includes(request.bailleurId)) throw new IntrouvableError('Demande de dérogation', overrideRequestId);
    const rows = await this.dataSource.query<Array<{ status: string; actorId: string; comment: string | null; createdAt: Date }>>(
      `SELECT status, actor_id AS "actorId", comment, created_at AS "createdAt" FROM override_step WHERE override_request_id = $1 ORDER BY created_at, id`,
      [overrideRequestId],
    );
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
      if (!courante) throw new NonTraitableError('destination.conventionId', `convention inconnue dans l'exercice « ${dest.conventionId} »`);
      const convention = termesEnVigueur(tx.state, courante, d.liberation.date); // the terms of the libération date (versioned conventions)
      const annee = convention.delegation.mode === 'PARTIELLE' ? await this.propositionsAnnee(tx.manager, convention, d.liberation.date) : { total: 0, delegues: 0 };
      attente = attenteCandidats(convention.delegation, annee);
      reservataireId = convention.reservataireId;
      delaiJours = convention.delegation.delaiJours;
      if (convention.comptePremieresLocations) horsFlux = false;
    }
    try {
      if (!horsFlux) tx.transition({ kind: 'orientation', logement: d.logement, destination: dest, attenteCandidats: attente, date: d.liberation.date });
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
    tx.write((p) => {
      const [decision, bailleur, at] = [p.add(decisionId), p.add(d.liberation.bailleurId), p.add(decidedAt)];
      const conventionId = p.add(dest.kind === 'CONVENTION' ? dest.conventionId : null);
      const usage = p.add(dest.kind === 'EXCLU' ? dest.usage : null);
      return `source AS (
         INSERT INTO orientation_decision (id, liberation_id, bailleur_id, destination_kind, convention_id, sous_quota, usage, recommendation_id, is_override, override_request_id, decided_by, decided_at)
         VALUES (${decision}, ${p.add(d.liberation.id)}, ${bailleur}, ${p.add(dest.kind)}, ${conventionId}, ${p.add(dest.kind === 'CONVENTION' ? (dest.sousQuota ?? null) : null)}, ${usage},
                 ${p.add(d.recommendationId)}, ${p.add(d.isOverride)}, ${p.add(d.overrideRequestId)}, ${p.add(d.decidedBy)}, ${at})
         RETURNING id),
       proposition_ouverte AS (
         INSERT INTO proposition (id, decision_id, bailleur_id, convention_id, sent_at, delai_expire_at, status, hors_flux)
         SELECT ${p.add(propositionId)}::uuid, source.id, ${bailleur}, ${conventionId}, ${at}, ${p.add(delaiExpireAt)}::timestamptz, 'EN_ATTENTE', ${p.add(horsFlux)} FROM source WHERE ${conventionId}::uuid IS NOT NULL),
       usage_exclu AS (
         INSERT INTO exclusion_use (bailleur_id, logement_id, orientation_decision_id, usage, date)
         SELECT ${bailleur}, ${p.add(d.logement.id)}, source.id, ${usage}, ${p.add(d.liberation.date)} FROM source WHERE ${usage}::usage_exclu IS NOT NULL)`;
    });
    if (propositionId && delaiExpireAt) {
      const avertissement = new Date(delaiExpireAt.getTime() - this.options.avertissementJours * this.options.dureeJourMs);
      if (avertissement > decidedAt) {
        tx.job('flow.delai-avertissement', { propositionId, runAt: avertissement.toISOString() }, `delai-avertissement-${propositionId}`);
      }
      tx.job('flow.delai-expiration', { propositionId, runAt: delaiExpireAt.toISOString() }, `delai-expiration-${propositionId}`);
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
      status: 'DECIDEE', liberationId: d.liberation.id, destination: dest, isOverride: d.isOverride, decisionId, overrideRequestId: d.overrideRequestId,
      propositionId, delaiExpireAt: delaiExpireAt?.toISOString() ?? null, motifsApprobation: [],
    };
  }

  /** The convention's propositions this year and the delegated ones among them (the PARTIELLE rule is the engine's `attenteCandidats`). */
  private async propositionsAnnee(manager: EntityManager, convention: Convention, date: string): Promise<PropositionsAnnee> {
    const annee = date.slice(0, 4);
    const [row]: Array<{ total: number; delegues: number }> = await manager.query(
      `SELECT count(*)::int AS total, count(*) FILTER (WHERE p.delai_expire_at IS NULL)::int AS delegues
       FROM proposition p JOIN orientation_decision d ON d.id = p.decision_id JOIN liberation l ON l.id = d.liberation_id
       WHERE p.convention_id = $1 AND l.date BETWEEN $2::date AND $3::date`,
      [convention.id, `${annee}-01-01`, `${annee}-12-31`],
    );
    return row;
  }

  private keyOf(logement: Logement, liberation: LiberationRow) {
    return { bailleurId: liberation.bailleurId, departement: logement.departement, annee: Number(liberation.date.slice(0, 4)) };
  }

  /** The libération in the caller's scope, its flat, and (`withRecommendation`) its latest recommendation, in two queries. */
  private async load(scope: AccessScope, liberationId: string, withRecommendation = false): Promise<{ liberation: LiberationRow; logement: Logement; latest: RecommendationView | null }> {
    const [row] = await this.dataSource.query<
      Array<LiberationRow & { recommendationId: string | null; options: OptionOrientation[]; inputsVersion: string; createdAt: Date }>
    >(
      `SELECT l.id, l.logement_id AS "logementId", l.bailleur_id AS "bailleurId", l.date::text AS date, l.kind,
              r.id AS "recommendationId", r.options, r.inputs_version AS "inputsVersion", r.created_at AS "createdAt"
       FROM liberation l
       LEFT JOIN LATERAL (SELECT * FROM recommendation WHERE liberation_id = l.id AND $2 ORDER BY created_at DESC, id DESC LIMIT 1) r ON true
       WHERE l.id = $1`,
      [liberationId, withRecommendation],
    );
    if (!row || !scope.bailleurIds.includes(row.bailleurId)) throw new IntrouvableError('Libération', liberationId);
    const liberation: LiberationRow = { id: row.id, logementId: row.logementId, bailleurId: row.bailleurId, date: row.date, kind: row.kind };
    const logement = await this.logements.findLogementById([liberation.bailleurId], liberation.logementId);
    if (!logement) throw new IntrouvableError('Logement', liberation.logementId);
    const latest: RecommendationView | null = row.recommendationId
      ? { id: row.recommendationId, liberationId, inputsVersion: row.inputsVersion, options: row.options, recommandee: recommandeeOf(row.options), createdAt: new Date(row.createdAt).toISOString() }
      : null;
    return { liberation, logement, latest };
  }

  private async recommendationOf(liberation: LiberationRow, latest: RecommendationView | null, recommendationId?: string): Promise<RecommendationView> {
    if (!latest) throw new NonTraitableError('liberationId', 'aucune recommandation pour cette libération');
    if (recommendationId !== undefined && check.uuid(recommendationId, 'recommendationId') !== latest.id) {
      const [row] = await this.dataSource.query<Array<{ id: string }>>(`SELECT id FROM recommendation WHERE id = $1 AND liberation_id = $2`, [recommendationId, liberation.id]);
      if (!row) throw new NonTraitableError('recommendationId', 'cette recommandation ne concerne pas cette libération');
      throw new ConflitError('Recommandation périmée : une recommandation plus récente existe pour cette libération');
    }
    return latest;
  }

  private optionFor(options: readonly OptionOrientation[], destination: Destination, logement: Logement): OptionOrientation {
    const option = options.find((o) => keyOf(o.destination) === keyOf(destination));
    if (!option && destination.kind === 'EXCLU' && !logement.stockDefense && !logement.horsAssiette) return optionAuDelaPrevision(destination);
    if (!option) throw new NonTraitableError('destination', 'cette destination ne figure pas parmi les options de la recommandation');
    if (!option.eligible) {
      const regles = option.violates.filter((r) => r.hard).map((r) => r.libelle).join(' ; ');
      throw new NonTraitableError('destination', `destination interdite par une règle impérative : ${regles || 'inéligible'}`);
    }
    return option;
  }

  /** 409 when the libération (its row read and locked by `undecidedSql`) is already oriented, or another override is pending. */
  private checkUndecided(preface: Readonly<Record<string, unknown>> | undefined, pendingAllowed?: string): void {
    const row = preface as UndecidedRow | undefined;
    if (row?.decisionId) {
      const qui = row.nom ? `${row.nom} (${row.email})` : 'le système';
      const decidedAt = new Date(row.decidedAt!).toISOString();
      throw new DejaOrienteError(`Logement déjà orienté par ${qui} le ${decidedAt}`, { decisionId: row.decisionId, decidedBy: row.decidedBy, decidedAt });
    }
    const pending: Array<{ id: string; requestedBy: string; nom: string | null }> = row?.pending ?? [];
    const others = pending.filter((p) => p.id !== pendingAllowed);
    if (others.length > 0) {
      throw new DejaOrienteError(`Une dérogation demandée par ${others[0].nom ?? others[0].requestedBy} attend l'approbation d'un responsable`, {
        decidedBy: others[0].requestedBy, decidedAt: null, overrideRequestId: others[0].id,
      });
    }
    if (pendingAllowed && !pending.some((p) => p.id === pendingAllowed)) throw new ConflitError('Cette demande de dérogation a déjà été traitée');
  }

  private async insertOverride(manager: EntityManager, liberation: LiberationRow, recommendationId: string, d: Destination, input: DecisionInput, userId: string): Promise<string> {
    const [row] = await manager.query<Array<{ id: string }>>(
      `INSERT INTO override_request (liberation_id, bailleur_id, recommendation_id, destination_kind, convention_id, sous_quota, usage, reason, comment, requested_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
      [
        liberation.id, liberation.bailleurId, recommendationId, d.kind,
        d.kind === 'CONVENTION' ? d.conventionId : null,
        d.kind === 'CONVENTION' ? (d.sousQuota ?? null) : null,
        d.kind === 'EXCLU' ? d.usage : null,
        input.motif, input.commentaire?.trim() || null, userId,
      ],
    );
    return row.id;
  }

  /**
   * Appends a step. A request has at most one final step (APPROVED or REJECTED): the partial unique
   * index `uq_override_step_final` makes concurrent approve/reject calls queue on the same key in
   * PostgreSQL, and only the first one's row is inserted; the others get a 409 and their transaction
   * (decision, events) is rolled back.
   */
  private async insertStep(manager: EntityManager, overrideRequestId: string, status: 'PENDING' | 'APPROVED' | 'REJECTED', actorId: string, comment: string | null): Promise<void> {
    // clock_timestamp(): steps of one transaction keep their order.
    const rows: unknown[] = await manager.query(
      `INSERT INTO override_step (override_request_id, status, actor_id, comment, created_at) VALUES ($1, $2, $3, $4, clock_timestamp())
       ON CONFLICT (override_request_id) WHERE status IN ('APPROVED', 'REJECTED') DO NOTHING RETURNING id`,
      [overrideRequestId, status, actorId, comment],
    );
    if (rows.length === 0) throw new ConflitError('Cette demande de dérogation a déjà été traitée par un autre responsable');
  }

  private async pendingRequest(scope: AccessScope, overrideRequestId: string) {
    const [r] = await this.dataSource.query<Array<PendingRequestRow>>(
      `SELECT r.id, r.liberation_id AS "liberationId", r.bailleur_id AS "bailleurId", r.recommendation_id AS "recommendationId", r.requested_by AS "requestedBy",
              r.destination_kind AS kind, r.convention_id AS "conventionId", r.sous_quota AS "sousQuota", r.usage,
              (SELECT status FROM override_step s WHERE s.override_request_id = r.id ORDER BY s.created_at DESC, s.id DESC LIMIT 1) AS status
       FROM override_request r WHERE r.id = $1`,
      [check.uuid(overrideRequestId, 'id')],
    );
    if (!r || !scope.bailleurIds.includes(r.bailleurId)) throw new IntrouvableError('Demande de dérogation', overrideRequestId);
    assertBailleur(scope, r.bailleurId);
    if (r.requestedBy === scope.userId) throw new AccesInterditError("Accès refusé : une dérogation doit être approuvée par un autre responsable que son demandeur");
    if (r.status !== 'PENDING') throw new ConflitError(`Cette demande de dérogation a déjà été traitée (${r.status === 'APPROVED' ? 'approuvée' : 'rejetée'})`);
    const destination: Destination =
      r.kind === 'CONVENTION' ? { kind: 'CONVENTION', conventionId: r.conventionId!, ...(r.sousQuota ? { sousQuota: r.sousQuota } : {}) } : r.kind === 'EXCLU' ? { kind: 'EXCLU', usage: r.usage! } : { kind: 'BAILLEUR' };
    return { liberationId: r.liberationId, recommendationId: r.recommendationId, destination };
  }
}

/**
 * Locks the libération's row and reads what says whether it may still be decided: its decision and
 * who took it, the pending overrides. The id is checked and inlined: this read runs in the
 * exercice's first round trip (`FlowUnitOfWork.run`'s preface), after its lock.
 */
function undecidedSql(liberationId: string): string {
  const id = check.uuid(liberationId, 'liberationId');
  return `SELECT d.id AS "decisionId", d.decided_by AS "decidedBy", d.decided_at AS "decidedAt", u.nom, u.email,
            (SELECT coalesce(json_agg(json_build_object('id', r.id, 'requestedBy', r.requested_by, 'nom', ru.nom)), '[]'::json)
               FROM override_request r
               JOIN LATERAL (SELECT status FROM override_step s WHERE s.override_request_id = r.id ORDER BY s.created_at DESC, s.id DESC LIMIT 1) last ON true
               LEFT JOIN app_user ru ON ru.id = r.requested_by
              WHERE r.liberation_id = l.id AND last.status = 'PENDING') AS pending
     FROM liberation l
     LEFT JOIN orientation_decision d ON d.liberation_id = l.id
     LEFT JOIN app_user u ON u.id = d.decided_by
     WHERE l.id = '${id}' FOR UPDATE OF l`;
}

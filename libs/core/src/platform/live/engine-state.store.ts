import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { createState, objectifsAnnuels, prevoirOffre, type Convention, type EngineState } from '@aiguillage/engine';
import {
  beginExerciceLocked,
  ConventionRepository,
  EventLogRepository,
  ConventionVersionRepository,
  ExerciceRepository,
  LogementRepository,
  ProfilDemandeRepository,
  ReservataireRepository,
} from '@aiguillage/persistence';
import type { PoolClient } from 'pg';
import { DataSource, type EntityManager } from 'typeorm';
import type { LoggedEvent } from '@aiguillage/persistence';
import { EventTail } from './event-tail';
import { NonTraitableError } from './flow.errors';
import { PgListener } from './pg-listener';
import { REFERENCE_CHANNEL } from './reference';
import { TRANSITION_EVENT, type EngineTransition, type TransitionPayload } from './flow.types';
import { applyTransition } from './transitions';

/** The in-memory engine state of one bailleur × département × year, and the journal position it reflects. */
export interface LiveState {
  exerciceId: string;
  bailleurId: string;
  departement: string;
  annee: number;
  state: EngineState;
  /** Id of the last `etat.transition` event applied ('0' when none). */
  version: string;
}

export interface ExerciceKey {
  bailleurId: string;
  departement: string;
  annee: number;
}

/** The exercice a libération (or what follows it) belongs to: its bailleur, its flat's département, the year of its day (`YYYY-MM-DD`). */
export function exerciceKey(bailleurId: string, departement: string, date: string): ExerciceKey {
  return { bailleurId, departement, annee: Number(date.slice(0, 4)) };
}

/**
 * One EngineState per bailleur × exercice, built once from the database (reference data, then the
 * journal of transitions replayed through the engine's pure functions) and then moved forward
 * event by event, never reloaded: the event tail applies every transition as it is committed (by
 * this process or another), and `catchUp` applies, in journal order, whatever the tail has not
 * delivered yet. Every state change goes through `FlowUnitOfWork`, which holds the exercice's
 * advisory lock and catches up under it: transitions of one exercice are totally ordered and
 * always computed from the exact current state.
 */
@Injectable()
export class EngineStateStore implements OnApplicationBootstrap {
  private readonly logger = new Logger(EngineStateStore.name);
  private readonly states = new Map<string, Promise<LiveState>>();
  private readonly byExercice = new Map<string, LiveState>();
  private following = false;

  constructor(
    private readonly dataSource: DataSource,
    private readonly tail: EventTail,
    private readonly listener: PgListener,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    // Reference data changed (any process): rebuilt on next use. '' = the listener reconnected.
    await this.listener.listen(REFERENCE_CHANNEL, (bailleurId) =>
      this.invalidate(bailleurId && bailleurId !== '*' ? bailleurId : undefined),
    );
    await this.tail.subscribeAll((event) => this.onLogged(event));
    this.following = true;
  }

  /**
   * The live state of the exercice. `exact` (default): up to date with every committed transition
   * visible to `manager` (one query). Otherwise as fed by the event tail, possibly a few
   * milliseconds behind — enough for a recommendation, which records the version it saw.
   */
  async get(key: ExerciceKey, manager: EntityManager = this.dataSource.manager, exact = true): Promise<LiveState> {
    const id = `${key.bailleurId}|${key.departement}|${key.annee}`;
    let loading = this.states.get(id);
    if (!loading) {
      loading = this.load(key);
      this.states.set(id, loading);
      loading.then(
        (live) => this.byExercice.set(live.exerciceId, live),
        () => this.states.delete(id),
      );
    }
    const live = await loading;
    if (exact || !this.following) await this.catchUp(live, manager);
    return live;
  }

  private onLogged(event: LoggedEvent): void {
    if (event.type !== TRANSITION_EVENT) return;
    const payload = event.payload as TransitionPayload;
    const live = this.byExercice.get(payload.exerciceId);
    if (live) this.apply(live, event.id, payload.transition);
  }

  /** Forgets the cached states of a bailleur, or of all (see `signalerReferenceModifiee`): rebuilt on next use. */
  invalidate(bailleurId?: string): void {
    for (const key of [...this.states.keys()])
      if (!bailleurId || key.startsWith(`${bailleurId}|`)) this.states.delete(key);
    for (const [id, live] of [...this.byExercice])
      if (!bailleurId || live.bailleurId === bailleurId) this.byExercice.delete(id);
  }

  /**
   * Opens a transaction on `client` holding the exercice's lock (always taken before any row lock)
   * and brings the state up to date, in one round trip: BEGIN, the lock, then the committed
   * transitions newer than the state's version — read after the lock is granted, so that nothing
   * committed by its previous holder is missed — applied in order; then `preface`, a read of the
   * caller's (a row lock, say), whose rows are returned. Values are checked and inlined (a
   * multi-statement query takes no parameters).
   */
  async beginLocked(client: PoolClient, live: LiveState, preface?: string): Promise<Array<Record<string, unknown>>> {
    const read = await beginExerciceLocked<TransitionPayload>(
      client,
      {
        exerciceId: live.exerciceId,
        bailleurId: live.bailleurId,
        version: live.version,
        transitionType: TRANSITION_EVENT,
      },
      preface,
    );
    for (const row of read.transitions) this.apply(live, row.id, row.payload.transition);
    return read.preface;
  }

  /** Applies the committed transitions newer than the state's version, in order. */
  async catchUp(live: LiveState, manager: EntityManager = this.dataSource.manager): Promise<void> {
    const rows = await new EventLogRepository(manager).ofExerciceSince<TransitionPayload>({
      bailleurId: live.bailleurId,
      exerciceId: live.exerciceId,
      type: TRANSITION_EVENT,
      afterId: live.version,
    });
    for (const row of rows) this.apply(live, row.id, row.payload.transition);
  }

  /**
   * The transitions journaled for the exercice after `afterVersion` up to the state's version, counted
   * by kind (`orientation`, `attribution`…): what moved between two versions of its state.
   */
  transitionsDepuis(live: LiveState, afterVersion: string): Promise<Record<string, number>> {
    return new EventLogRepository(this.dataSource.manager).countOfExerciceBetween({
      bailleurId: live.bailleurId,
      exerciceId: live.exerciceId,
      type: TRANSITION_EVENT,
      afterId: afterVersion,
      upTo: live.version,
    });
  }

  /** Applies one journaled transition unless the state already reflects it (idempotent, in-order). */
  apply(live: LiveState, eventId: string, transition: EngineTransition): void {
    if (BigInt(eventId) <= BigInt(live.version)) return;
    live.state = applyTransition(live.state, transition);
    live.version = eventId;
  }

  private async load(key: ExerciceKey): Promise<LiveState> {
    const scope = [key.bailleurId];
    const manager = this.dataSource.manager;
    const exercice = await new ExerciceRepository(manager).findExercice({ bailleurIds: scope, ...key });
    if (!exercice) {
      throw new NonTraitableError(
        'date',
        `aucun exercice ${key.annee} n'est défini pour ce bailleur dans le département ${key.departement}`,
      );
    }
    const [conventions, reservataires, profils, logements] = await Promise.all([
      new ConventionRepository(manager).findConventions({ bailleurIds: scope, departement: key.departement }),
      new ReservataireRepository(manager).findReservataires({ bailleurIds: scope }),
      new ProfilDemandeRepository(manager).findProfilsForBailleurs({ bailleurIds: scope, annee: key.annee }),
      new LogementRepository(manager).findAllLogements(key.bailleurId, key.departement),
    ]);
    const offrePrevue = prevoirOffre(logements, exercice.assiette.tauxRotation);
    const versions = await new ConventionVersionRepository(manager).findVersions(conventions.map((c) => c.id));
    // A convention in force at some point of the year, under any of its versions (issue 9, finding 11).
    const enVigueurSelon = (c: Convention) =>
      c.dateDebut <= `${key.annee}-12-31` && (!c.dateFin || c.dateFin >= `${key.annee}-01-01`);
    const enVigueur = conventions.filter(
      (c) => enVigueurSelon(c) || (versions[c.id] ?? []).some((v) => enVigueurSelon(v.convention)),
    );
    const live: LiveState = {
      exerciceId: exercice.id,
      ...key,
      // The year's expected supply by commune × QPV × typologie (scarcity lookahead), as the simulator does.
      // Objectives not set on the exercice: each convention's rate of its territory's flux (weighed
      // on that supply), prorated to its validity, plus the carried deficit due this year.
      state: createState({
        exercice: {
          ...exercice,
          objectifs: objectifsAnnuels(exercice, enVigueur, { reservataires, offrePrevue, versions }),
        },
        conventions: enVigueur,
        versions,
        reservataires,
        profils,
        offrePrevue,
      }),
      version: '0',
    };
    await this.catchUp(live, manager);
    this.logger.log(
      `État du moteur chargé : exercice ${key.annee} (${key.departement}), ${enVigueur.length} conventions, version ${live.version}`,
    );
    return live;
  }
}

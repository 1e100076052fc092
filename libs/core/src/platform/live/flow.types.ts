/**
 * The live orientation flow's vocabulary: the events pushed to clients (kept in `event_log`, replayed
 * on reconnect), the internal engine transitions (also journaled, so that every process rebuilds the
 * same EngineState), and the reason codes of an override.
 */
import type {
  ConventionProgress,
  Destination,
  Logement,
  OptionOrientation,
  ProgressionConvention,
} from '@aiguillage/engine';
import type { Transition } from '@aiguillage/engine';
import {
  OVERRIDE_REASONS,
  type OverrideReason,
  type OverrideStatus,
  type PropositionStatus,
} from '@aiguillage/persistence';

export { OVERRIDE_REASONS, type OverrideReason };

/** The parts of a flat a client needs to read a recommendation. */
export interface LogementResume {
  id: string;
  rplsId: string;
  commune: string;
  qpv: boolean;
  typologie: Logement['typologie'];
  financement: Logement['financement'];
}

/** Payloads of the public events, by type. Each is delivered with its `eventId` (the event_log id). */
export interface FlowEventPayloads {
  'recommendation.created': {
    recommendationId: string;
    liberationId: string;
    bailleurId: string;
    date: string;
    logement: LogementResume;
    /** `<exerciceId>@<event id of the last transition the engine saw>`. */
    inputsVersion: string;
    recommandee: Destination | null;
    /**
     * The best OPTIONS_POUSSEES eligible options, ranked, with score, broken rules and reasons: what a
     * chargé reads to decide. The whole list (every convention, the ineligible ones with why, the
     * rules met) is at `GET /api/liberations/:id/recommendation`; the push stays small because it
     * goes to every socket of the bailleur's team.
     */
    options: OptionPoussee[];
    /** How many options are eligible, and how many there are in all (the ineligible ones included). */
    optionsEligibles: number;
    optionsTotal: number;
  };
  'orientation.decided': {
    decisionId: string;
    liberationId: string;
    logementId: string;
    bailleurId: string;
    destination: Destination;
    isOverride: boolean;
    overrideRequestId: string | null;
    decidedBy: string | null;
    decidedAt: string;
    propositionId: string | null;
    /** DIRECTE: when the réservataire's délai to bring candidates ends. */
    delaiExpireAt: string | null;
  };
  'override.requested': {
    overrideRequestId: string;
    liberationId: string;
    bailleurId: string;
    destination: Destination;
    reason: OverrideReason;
    comment: string | null;
    requestedBy: string;
    /** Why the bailleur's policy asks a manager (French). */
    motifsApprobation: string[];
  };
  'override.approved': OverrideStepPayload;
  'override.rejected': OverrideStepPayload;
  /** The convention's row of `GET /api/exercices/:id/progression` at the change's date, counters as pushed. */
  'convention.progress': Omit<ProgressionConvention, 'progress'> & {
    reservataireId: string;
    exerciceId: string;
    /** The day the figures are computed at (the change's date): a page read at another day reads again. */
    date: string;
    progress: ProgressPousse;
  };
  'delai.expiring': DelaiPayload;
  'delai.expired': DelaiPayload & { retourCompte: boolean };
  'designation.updated': {
    propositionId: string;
    conventionId: string;
    logementId: string;
    status: PropositionStatus;
    /** What happened, in French ("3 candidats reçus", "Bail signé"...). */
    etape: string;
  };
}

/** Eligible options pushed with `recommendation.created`: the recommended one and two alternatives. */
export const OPTIONS_POUSSEES = 3;

/** An option as pushed live: everything but the list of rules it meets. */
export type OptionPoussee = Omit<OptionOrientation, 'satisfies'>;

/** A convention's counters as pushed live (the per-commune / typologie / financement breakdowns stay in the state). */
export type ProgressPousse = Omit<ConventionProgress, 'parCommune' | 'parTypologie' | 'parFinancement'>;

export function optionPoussee({ satisfies: _s, ...option }: OptionOrientation): OptionPoussee {
  return option;
}

export function progressPousse({
  parCommune: _c,
  parTypologie: _t,
  parFinancement: _f,
  ...progress
}: ConventionProgress): ProgressPousse {
  return progress;
}

export interface OverrideStepPayload {
  overrideRequestId: string;
  liberationId: string;
  bailleurId: string;
  status: OverrideStatus;
  actorId: string;
  comment: string | null;
}

export interface DelaiPayload {
  propositionId: string;
  conventionId: string;
  logementId: string;
  delaiExpireAt: string;
}

export type FlowEventType = keyof FlowEventPayloads;

export const FLOW_EVENT_TYPES = [
  'recommendation.created',
  'orientation.decided',
  'override.requested',
  'override.approved',
  'override.rejected',
  'convention.progress',
  'delai.expiring',
  'delai.expired',
  'designation.updated',
] as const satisfies readonly FlowEventType[];

/** An event as a client receives it. */
export type DeliveredEvent<T extends FlowEventType = FlowEventType> = FlowEventPayloads[T] & {
  eventId: string;
  type: T;
  at: string;
};

/** Internal journal entry: one engine transition (never sent to clients). */
export const TRANSITION_EVENT = 'etat.transition';

/** One pure transition of the engine state, journaled so every process replays the same history. */
export type EngineTransition = Transition;

export interface TransitionPayload {
  exerciceId: string;
  transition: EngineTransition;
}

/** Channels of the PostgreSQL NOTIFY sent at commit (declared with the statements that send them). */
export { EVENTS_CHANNEL, OUTBOX_CHANNEL } from '@aiguillage/persistence';

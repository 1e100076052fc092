import { FLOW_EVENT_TYPES, type DeliveredEvent, type FlowEventType } from '@aiguillage/core/platform/live';
import type { BilanProgression } from './bilan-progression';

/**
 * The websocket's event map. The live flow's events are derived from their payload types
 * (`FlowEventPayloads` in core, the one list of their names): each is delivered with `eventId`
 * (the event_log id, monotonic), `type` and `at`; a client reconnecting with handshake
 * `auth.lastEventId` is first replayed what its rooms missed.
 */
export type FlowEvents = { [T in FlowEventType]: (event: DeliveredEvent<T>) => void };

/**
 * Rooms: `bailleur:<id>` (staff of that bailleur), `reservataire:<id>:bailleur:<id>` (a réservataire's
 * users, per bailleur of their account), `user:<id>`.
 */
export interface ServerToClientEvents extends FlowEvents {
  /** Sent once after a successful connection: the rooms joined. */
  connecte: (payload: { userId: string; rooms: string[] }) => void;
  /** Sent before the server closes a connection (not authenticated, account deactivated) or refuses a replay. */
  erreur: (payload: { message: string }) => void;
  /** A bilan generation moved forward (to the bailleur's staff; issue #13). Not replayed: read its status. */
  'bilan.progression': (event: BilanProgression) => void;
}

export type ClientToServerEvents = Record<string, never>;

/** `FLOW_EVENT_TYPES` (the runtime list core keeps) checked complete against the payload map at compile time. */
type Missing = Exclude<FlowEventType, (typeof FLOW_EVENT_TYPES)[number]>;
export const LIVE_EVENT_TYPES: readonly FlowEventType[] = FLOW_EVENT_TYPES satisfies [Missing] extends [never]
  ? readonly FlowEventType[]
  : never;

export const roomOfBailleur = (id: string) => `bailleur:${id}`;
/**
 * A réservataire's users see its events at the bailleurs of their account only (the REST scope: a
 * réservataire account limited to one bailleur does not see its conventions at another): one room
 * per réservataire × bailleur.
 */
export const roomOfReservataire = (reservataireId: string, bailleurId: string) =>
  `reservataire:${reservataireId}:bailleur:${bailleurId}`;
export const roomOfUser = (id: string) => `user:${id}`;

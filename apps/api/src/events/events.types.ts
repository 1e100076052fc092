import type { AccessScope } from '@aiguillage/core';
import type { DeliveredEvent } from '@aiguillage/core/platform/live';

/**
 * The typed map of websocket events. Rooms: `bailleur:<id>` (staff of that bailleur),
 * `reservataire:<id>:bailleur:<id>` (a réservataire's users, per bailleur of their account), `user:<id>`. The live flow adds its events here.
 */
export interface ServerToClientEvents {
  /** Sent once after a successful connection: the rooms joined. */
  connecte: (payload: { userId: string; rooms: string[] }) => void;
  /** Sent before the server closes an unauthenticated connection. */
  erreur: (payload: { message: string }) => void;
  // Live orientation flow (issue #4). Each carries `eventId` (the event_log id, monotonic): a client
  // reconnecting with handshake `auth.lastEventId` is first replayed what its rooms missed.
  'recommendation.created': (event: DeliveredEvent<'recommendation.created'>) => void;
  'orientation.decided': (event: DeliveredEvent<'orientation.decided'>) => void;
  'override.requested': (event: DeliveredEvent<'override.requested'>) => void;
  'override.approved': (event: DeliveredEvent<'override.approved'>) => void;
  'override.rejected': (event: DeliveredEvent<'override.rejected'>) => void;
  'convention.progress': (event: DeliveredEvent<'convention.progress'>) => void;
  'delai.expiring': (event: DeliveredEvent<'delai.expiring'>) => void;
  'delai.expired': (event: DeliveredEvent<'delai.expired'>) => void;
  'designation.updated': (event: DeliveredEvent<'designation.updated'>) => void;
  /** A bilan generation moved forward (to the bailleur's staff; issue #13). Not replayed: read its status. */
  'bilan.progression': (event: BilanProgression) => void;
}

export interface BilanProgression {
  generationId: string;
  annee: number;
  departement: string;
  statut: 'EN_ATTENTE' | 'EN_COURS' | 'TERMINEE' | 'ECHEC';
  /** Percent done. */
  progression: number;
  etape: string | null;
  erreur: string | null;
  /** The snapshot to download, once TERMINEE. */
  snapshotId: string | null;
}

export type ClientToServerEvents = Record<string, never>;

export const roomOfBailleur = (id: string) => `bailleur:${id}`;
/**
 * A réservataire's users see its events at the bailleurs of their account only (the REST scope: a
 * réservataire account limited to one bailleur does not see its conventions at another): one room
 * per réservataire × bailleur.
 */
export const roomOfReservataire = (reservataireId: string, bailleurId: string) => `reservataire:${reservataireId}:bailleur:${bailleurId}`;
export const roomOfUser = (id: string) => `user:${id}`;

/**
 * Replay on reconnect (provided by the live flow's module). `watermark()` is read just before the
 * socket joins its rooms: events up to it are replayed, later ones arrive live — none twice.
 */
export interface EventReplay {
  watermark(): string;
  replay(client: { emit(event: string, payload: unknown): unknown }, scope: AccessScope, lastEventId: string, upTo: string): Promise<number>;
}

export const EVENT_REPLAY = Symbol('EVENT_REPLAY');

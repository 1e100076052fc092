/**
 * The typed map of websocket events. Rooms: `bailleur:<id>` (staff of that bailleur),
 * `reservataire:<id>` (a réservataire's users), `user:<id>`. The live flow adds its events here.
 */
export interface ServerToClientEvents {
  /** Sent once after a successful connection: the rooms joined. */
  connecte: (payload: { userId: string; rooms: string[] }) => void;
  /** Sent before the server closes an unauthenticated connection. */
  erreur: (payload: { message: string }) => void;
}

export type ClientToServerEvents = Record<string, never>;

export const roomOfBailleur = (id: string) => `bailleur:${id}`;
export const roomOfReservataire = (id: string) => `reservataire:${id}`;
export const roomOfUser = (id: string) => `user:${id}`;

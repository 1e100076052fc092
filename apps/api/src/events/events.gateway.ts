import { Inject, Logger, Optional } from '@nestjs/common';
import { WebSocketGateway, WebSocketServer, type OnGatewayConnection } from '@nestjs/websockets';
import { AuthService, type AccessScope } from '@aiguillage/core';
import type { Server, Socket } from 'socket.io';
import {
  EVENT_REPLAY,
  type EventReplay,
  roomOfBailleur,
  roomOfReservataire,
  roomOfUser,
  type ClientToServerEvents,
  type ServerToClientEvents,
} from './events.types';

type ClientSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, { scope?: AccessScope }>;

/**
 * The websocket adapter: authenticates each socket with the same JWT as the REST API (handshake
 * `auth.token` or an `Authorization: Bearer` header), then joins its rooms. Services will emit
 * through `emitToBailleur` / `emitToReservataire`; a RESERVATAIRE never joins a bailleur room.
 */
@WebSocketGateway({ path: '/socket.io' })
export class EventsGateway implements OnGatewayConnection {
  private readonly logger = new Logger(EventsGateway.name);

  @WebSocketServer()
  server: Server<ClientToServerEvents, ServerToClientEvents>;

  constructor(
    private readonly auth: AuthService,
    @Optional() @Inject(EVENT_REPLAY) private readonly replay?: EventReplay,
  ) {}

  async handleConnection(client: ClientSocket): Promise<void> {
    const header = client.handshake.headers.authorization;
    const token = (client.handshake.auth?.token as string | undefined) ?? (header?.startsWith('Bearer ') ? header.slice(7) : undefined);
    try {
      if (!token) throw new Error('jeton manquant');
      const scope = await this.auth.verify(token);
      client.data.scope = scope;
      const rooms = [
        roomOfUser(scope.userId),
        ...(scope.role === 'RESERVATAIRE' && scope.reservataireId
          ? scope.bailleurIds.map((bailleurId) => roomOfReservataire(scope.reservataireId!, bailleurId))
          : scope.bailleurIds.map(roomOfBailleur)),
      ];
      const lastEventId = client.handshake.auth?.lastEventId as string | undefined;
      const upTo = this.replay?.watermark();
      await client.join(rooms);
      client.emit('connecte', { userId: scope.userId, rooms });
      if (this.replay && upTo !== undefined && lastEventId !== undefined) await this.replay.replay(client, scope, String(lastEventId), upTo);
    } catch (error) {
      this.logger.debug(`Connexion websocket refusée : ${(error as Error).message}`);
      client.emit('erreur', { message: 'Authentification requise' });
      client.disconnect(true);
    }
  }

  /**
   * Ends an account's live sessions: its sockets (on every node, through the adapter) are told why,
   * then closed. A reconnection is refused by the handshake's token check.
   */
  async endSessions(userId: string, message: string): Promise<void> {
    if (!this.server) return;
    const room = this.server.in(roomOfUser(userId));
    room.emit('erreur', { message });
    room.disconnectSockets(true);
  }

  emitToBailleur<E extends keyof ServerToClientEvents>(bailleurId: string, event: E, ...args: Parameters<ServerToClientEvents[E]>): void {
    this.server.to(roomOfBailleur(bailleurId)).emit(event, ...args);
  }

  emitToReservataire<E extends keyof ServerToClientEvents>(reservataireId: string, bailleurId: string, event: E, ...args: Parameters<ServerToClientEvents[E]>): void {
    this.server.to(roomOfReservataire(reservataireId, bailleurId)).emit(event, ...args);
  }
}

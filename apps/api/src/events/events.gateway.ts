import { Logger, type OnModuleInit } from '@nestjs/common';
import { WebSocketGateway, WebSocketServer, type OnGatewayConnection } from '@nestjs/websockets';
import { AuthService, type AccessScope } from '@aiguillage/core';
import { EventTail, PgListener } from '@aiguillage/core/flow';
import { BILAN_CHANNEL, type Generation, type LoggedEvent } from '@aiguillage/persistence';
import type { Server, Socket } from 'socket.io';
import { DataSource } from 'typeorm';
import { delivered, replayMissed } from './event-replay';
import {
  roomOfBailleur,
  roomOfReservataire,
  roomOfUser,
  type ClientToServerEvents,
  type ServerToClientEvents,
} from './events.types';
import { WriteBatcher } from './write-batcher';

type ClientSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, { scope?: AccessScope }>;

/**
 * The API's one websocket gateway (`/socket.io`). A socket is authenticated with the same JWT as the
 * REST API (handshake `auth.token` or an `Authorization: Bearer` header), joins its rooms (a
 * RESERVATAIRE never joins a bailleur room), then is replayed what it missed (handshake
 * `auth.lastEventId`). Pushes the live flow's events (the event tail, in id order, each to its
 * bailleur's room and the rooms of the réservataires it names) and the bilans' progress (NOTIFY on
 * `BILAN_CHANNEL` by whichever process runs the job).
 */
@WebSocketGateway({ path: '/socket.io' })
export class EventsGateway implements OnGatewayConnection, OnModuleInit {
  private readonly logger = new Logger(EventsGateway.name);

  @WebSocketServer()
  server: Server<ClientToServerEvents, ServerToClientEvents>;

  /** The events of one turn leave in one write per socket. */
  private readonly batcher = new WriteBatcher((error) =>
    this.logger.warn(`Envoi groupé à une socket en échec : ${error.message}`),
  );

  constructor(
    private readonly auth: AuthService,
    private readonly tail: EventTail,
    private readonly listener: PgListener,
    private readonly dataSource: DataSource,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.tail.subscribe((event) => this.pushLiveEvent(event));
    await this.listener.listen(BILAN_CHANNEL, (payload) => this.pushBilanProgress(payload));
  }

  async handleConnection(client: ClientSocket): Promise<void> {
    const header = client.handshake.headers.authorization;
    const token =
      (client.handshake.auth?.token as string | undefined) ??
      (header?.startsWith('Bearer ') ? header.slice(7) : undefined);
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
      const upTo = this.tail.watermark;
      await client.join(rooms);
      client.emit('connecte', { userId: scope.userId, rooms });
      if (lastEventId !== undefined) await replayMissed(this.dataSource, client, scope, String(lastEventId), upTo);
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
  endSessions(userId: string, message: string): void {
    if (!this.server) return;
    const room = this.server.in(roomOfUser(userId));
    room.emit('erreur', { message });
    room.disconnectSockets(true);
  }

  /** Emits one event of the map to rooms (their sockets' writes of this turn batched). */
  emitTo<E extends keyof ServerToClientEvents>(
    rooms: string[],
    event: E,
    ...args: Parameters<ServerToClientEvents[E]>
  ): void {
    if (!this.server || rooms.length === 0) return;
    this.batcher.hold(this.server, rooms);
    this.server.to(rooms).emit(event, ...args);
  }

  private pushLiveEvent(event: LoggedEvent): void {
    // Without a bailleur an event reaches nobody: a réservataire's rooms are per bailleur.
    if (!event.bailleurId) return;
    const bailleurId = event.bailleurId;
    const rooms = [
      roomOfBailleur(bailleurId),
      ...event.reservataireIds.map((id) => roomOfReservataire(id, bailleurId)),
    ];
    const payload = delivered(event);
    this.emitTo(rooms, payload.type, payload as never);
  }

  private pushBilanProgress(payload: string): void {
    if (!payload) return;
    try {
      const g = JSON.parse(payload) as Generation;
      this.emitTo([roomOfBailleur(g.bailleurId)], 'bilan.progression', {
        generationId: g.id,
        annee: g.annee,
        departement: g.departement,
        statut: g.statut,
        progression: g.progression,
        etape: g.etape,
        erreur: g.erreur,
        snapshotId: g.snapshotId,
      });
    } catch (error) {
      this.logger.warn(`Progression de bilan illisible : ${(error as Error).message}`);
    }
  }
}

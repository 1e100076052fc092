import { Logger, type OnModuleInit } from '@nestjs/common';
import { WebSocketGateway, WebSocketServer } from '@nestjs/websockets';
import type { AccessScope } from '@aiguillage/core';
import { EventTail, FLOW_EVENT_TYPES, type DeliveredEvent, type FlowEventType } from '@aiguillage/core/platform/live';
import type { LoggedEvent } from '@aiguillage/persistence';
import type { Server } from 'socket.io';
import { DataSource } from 'typeorm';
import { WriteBatcher } from '../events/write-batcher';
import { roomOfBailleur, roomOfReservataire, type EventReplay } from '../events/events.types';

/** What a client receives: the payload, its type, its monotonic id and when it happened. */
export function delivered(event: LoggedEvent): DeliveredEvent {
  return { ...(event.payload as object), eventId: event.id, type: event.type as FlowEventType, at: new Date(event.createdAt).toISOString() } as DeliveredEvent;
}

const REPLAY_PAGE = 1000;

/**
 * Pushes the live flow's events to the sockets (same socket.io server as `EventsGateway`): each
 * event of the log goes to its bailleur's room and to the rooms of the réservataires it names,
 * in id order. Also the replay for reconnecting clients (`EVENT_REPLAY`).
 */
@WebSocketGateway({ path: '/socket.io' })
export class LiveEventsGateway implements OnModuleInit, EventReplay {
  private readonly logger = new Logger(LiveEventsGateway.name);

  @WebSocketServer()
  server: Server;

  /** The events of one turn leave in one write per socket. */
  private readonly batcher = new WriteBatcher((error) => this.logger.warn(`Envoi groupé à une socket en échec : ${error.message}`));

  constructor(
    private readonly tail: EventTail,
    private readonly dataSource: DataSource,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.tail.subscribe((event) => this.dispatch(event));
  }

  watermark(): string {
    return this.tail.watermark;
  }

  async replay(client: { emit(event: string, payload: unknown): unknown }, scope: AccessScope, lastEventId: string, upTo: string): Promise<number> {
    if (!/^\d{1,18}$/.test(lastEventId)) {
      client.emit('erreur', { message: 'lastEventId invalide : identifiant numérique attendu' });
      return 0;
    }
    const reservataire = scope.role === 'RESERVATAIRE';
    if (reservataire && !scope.reservataireId) return 0;
    let after = lastEventId;
    let sent = 0;
    for (;;) {
      const events: LoggedEvent[] = await this.dataSource.query(
        `SELECT id::text, type, bailleur_id AS "bailleurId", reservataire_ids AS "reservataireIds", payload, created_at AS "createdAt"
         FROM event_log
         WHERE id > $1::bigint AND id <= $2::bigint AND type = ANY($3::varchar[])
           AND bailleur_id = ANY($4::uuid[]) ${reservataire ? 'AND reservataire_ids @> ARRAY[$5::uuid]' : ''}
         ORDER BY event_log.id LIMIT ${REPLAY_PAGE}`,
        [after, upTo, FLOW_EVENT_TYPES, scope.bailleurIds, ...(reservataire ? [scope.reservataireId] : [])],
      );
      for (const event of events) client.emit(event.type, delivered(event));
      sent += events.length;
      if (events.length < REPLAY_PAGE) return sent;
      after = events[events.length - 1].id;
    }
  }

  private dispatch(event: LoggedEvent): void {
    if (!this.server) return;
    // Without a bailleur an event reaches nobody: a réservataire's rooms are per bailleur.
    if (!event.bailleurId) return;
    const bailleurId = event.bailleurId;
    const rooms = [roomOfBailleur(bailleurId), ...event.reservataireIds.map((id) => roomOfReservataire(id, bailleurId))];
    this.batcher.hold(this.server, rooms);
    this.server.to(rooms).emit(event.type, delivered(event));
  }
}

import type { AccessScope } from '@aiguillage/core';
import type { DeliveredEvent, FlowEventType } from '@aiguillage/core/platform/live';
import { EventLogRepository, type LoggedEvent } from '@aiguillage/persistence';
import type { DataSource } from 'typeorm';
import { LIVE_EVENT_TYPES } from './events.types';

/** What a client receives: the payload, its type, its monotonic id and when it happened. */
export function delivered(event: LoggedEvent): DeliveredEvent {
  return {
    ...(event.payload as object),
    eventId: event.id,
    type: event.type as FlowEventType,
    at: new Date(event.createdAt).toISOString(),
  } as DeliveredEvent;
}

const REPLAY_PAGE = 1000;

/**
 * Replay on reconnect: the live events of the caller's rooms after `lastEventId`, up to `upTo` (the
 * tail's watermark read just before the socket joined its rooms: later ones arrive live — none
 * twice), in id order, a page at a time. Returns how many were sent.
 */
export async function replayMissed(
  dataSource: DataSource,
  client: { emit(event: string, payload: unknown): unknown },
  scope: AccessScope,
  lastEventId: string,
  upTo: string,
): Promise<number> {
  if (!/^\d{1,18}$/.test(lastEventId)) {
    client.emit('erreur', { message: 'lastEventId invalide : identifiant numérique attendu' });
    return 0;
  }
  const reservataire = scope.role === 'RESERVATAIRE';
  if (reservataire && !scope.reservataireId) return 0;
  const log = new EventLogRepository(dataSource);
  let after = lastEventId;
  let sent = 0;
  for (;;) {
    const events = await log.between({
      afterId: after,
      upTo,
      types: LIVE_EVENT_TYPES,
      bailleurIds: scope.bailleurIds,
      reservataireId: reservataire ? scope.reservataireId! : null,
      limit: REPLAY_PAGE,
    });
    for (const event of events) client.emit(event.type, delivered(event));
    sent += events.length;
    if (events.length < REPLAY_PAGE) return sent;
    after = events[events.length - 1].id;
  }
}

import { EventLogRepository } from '@aiguillage/persistence';
import { randomBytes } from 'crypto';
import { io, type Socket } from 'socket.io-client';
import type { DataSource } from 'typeorm';

/**
 * Waiting by condition: polls `check` until it holds. The bound only turns a hang into a failure
 * naming what was awaited; no test asserts on how long it took.
 */
export async function waitUntil(what: string, check: () => boolean | Promise<boolean>, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`Attendu en ${ms} ms : ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/**
 * Appends one marker event through the live pipeline (event_log + NOTIFY, as any commit), routed to
 * the bailleur's room and to the given réservataires' rooms; returns the marker. The tail delivers in
 * id order: once a socket has the marker, it has everything logged before it that was routed to it.
 */
export async function appendMarker(
  dataSource: DataSource,
  bailleurId: string,
  reservataireIds: string[] = [],
): Promise<string> {
  const marker = `barriere-${randomBytes(4).toString('hex')}`;
  await dataSource.transaction(async (manager) => {
    const [logged] = await new EventLogRepository(manager).append([
      {
        type: 'designation.updated',
        bailleurId,
        reservataireIds,
        payload: { propositionId: marker, conventionId: 'c', logementId: 'l', status: 'EN_ATTENTE', etape: 'barriere' },
      },
    ]);
    await manager.query(`SELECT pg_notify('aiguillage_events', $1)`, [logged.id]);
  });
  return marker;
}

export type LiveEvent = { type: string; eventId?: string; [k: string]: unknown };

/** A socket.io client that records every event it receives. */
export class LiveClient {
  readonly events: LiveEvent[] = [];
  readonly socket: Socket;

  constructor(url: string, token: string, lastEventId?: string) {
    this.socket = io(url, {
      path: '/socket.io',
      transports: ['websocket'],
      auth: { token, ...(lastEventId ? { lastEventId } : {}) },
      reconnection: false,
      forceNew: true,
    });
    this.socket.onAny((type: string, payload: Record<string, unknown>) => this.events.push({ ...payload, type }));
  }

  connected(): Promise<void> {
    return new Promise((resolve, reject) => {
      const check = () => (this.events.some((e) => e.type === 'connecte') ? resolve() : undefined);
      this.socket.on('connecte', () => resolve());
      this.socket.on('connect_error', reject);
      check();
    });
  }

  of(type: string) {
    return this.events.filter((e) => e.type === type);
  }

  /** Waits until `predicate` holds on the received events (polls; fails after `ms`). */
  async waitFor<T>(what: string, predicate: () => T | undefined | false, ms = 5000): Promise<T> {
    const deadline = Date.now() + ms;
    for (;;) {
      const value = predicate();
      if (value) return value;
      if (Date.now() > deadline)
        throw new Error(`Attendu en ${ms} ms : ${what} (reçus : ${this.events.map((e) => e.type).join(', ')})`);
      await new Promise((r) => setTimeout(r, 10));
    }
  }

  /** Waits for the marker event `marker` (see `appendMarker`); returns every event received before it. */
  async before(marker: string, ms = 5000): Promise<LiveEvent[]> {
    const at = await this.waitFor(
      `barrière ${marker}`,
      () => {
        const i = this.events.findIndex((e) => e.type === 'designation.updated' && e.propositionId === marker);
        return i >= 0 ? { i } : undefined;
      },
      ms,
    );
    return this.events.slice(0, at.i);
  }

  /** A barrier: a marker sent through the pipeline to this socket's rooms; the events received before it. */
  async barrier(dataSource: DataSource, bailleurId: string, reservataireIds: string[] = []): Promise<LiveEvent[]> {
    return this.before(await appendMarker(dataSource, bailleurId, reservataireIds));
  }

  close(): void {
    this.socket.close();
  }
}

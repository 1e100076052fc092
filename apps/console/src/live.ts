import { io, type Socket } from 'socket.io-client';
import { EvenementsVus } from './evenements-vus';
import type { BilanProgression, LiveEvent } from './types';

export type LiveStatus = 'connexion' | 'en-ligne' | 'hors-ligne';

/**
 * The socket.io connection of the session: same JWT as the API, and on every reconnection the id of
 * the last event received (`auth.lastEventId`), so that the gateway replays what was missed. Listeners
 * get each event once (`EvenementsVus`): in id order, but for a replayed one that comes after an event
 * committed during the reconnection.
 */
export class Live {
  private readonly socket: Socket;
  private readonly vus = new EvenementsVus();
  private readonly listeners = new Set<(event: LiveEvent) => void>();
  private readonly bilanListeners = new Set<(event: BilanProgression) => void>();
  private readonly statusListeners = new Set<(status: LiveStatus) => void>();
  status: LiveStatus = 'connexion';

  constructor(token: string) {
    this.socket = io({
      path: '/socket.io',
      transports: ['websocket'],
      auth: (cb) => cb({ token, ...(this.vus.dernier ? { lastEventId: this.vus.dernier } : {}) }),
      reconnectionDelay: 500,
      reconnectionDelayMax: 3000,
    });
    this.socket.on('connecte', () => this.setStatus('en-ligne'));
    this.socket.on('disconnect', (reason) => {
      this.setStatus('hors-ligne');
      // A disconnection decided by the server is not retried by socket.io itself.
      if (reason === 'io server disconnect') setTimeout(() => this.socket.connect(), 500);
    });
    this.socket.on('connect_error', () => this.setStatus('hors-ligne'));
    this.socket.on('bilan.progression', (payload: BilanProgression) => {
      for (const listener of this.bilanListeners) listener(payload);
    });
    // The live flow's events, whatever their type: each carries its event_log id (the others above do not).
    this.socket.onAny((type: string, payload: Partial<LiveEvent> | undefined) => {
      if (typeof payload?.eventId === 'string') this.receive({ ...payload, type } as LiveEvent);
    });
  }

  private receive(event: LiveEvent): void {
    if (!this.vus.nouveau(event.eventId)) return;
    for (const listener of this.listeners) listener(event);
  }

  private setStatus(status: LiveStatus): void {
    if (status === this.status) return;
    this.status = status;
    for (const listener of this.statusListeners) listener(status);
  }

  subscribe(listener: (event: LiveEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Progress of the bilan generations of the session's bailleurs (not logged events: no replay). */
  onBilan(listener: (event: BilanProgression) => void): () => void {
    this.bilanListeners.add(listener);
    return () => this.bilanListeners.delete(listener);
  }

  onStatus(listener: (status: LiveStatus) => void): () => void {
    this.statusListeners.add(listener);
    return () => this.statusListeners.delete(listener);
  }

  close(): void {
    this.socket.offAny();
    this.socket.removeAllListeners();
    this.socket.disconnect();
  }
}

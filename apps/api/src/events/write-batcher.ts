import type { Server } from 'socket.io';

/** The parts of an engine.io 6 connection (over ws 8) this relies on. */
interface EngineConnection {
  readyState: string;
  flush(): void;
  transport?: { writable: boolean; socket?: { _socket?: { cork(): void; uncork(): void } } };
}

/**
 * One write per socket for the events pushed in one turn of the event loop. engine.io writes a
 * packet at once when its transport is writable and queues the next ones until that write's
 * callback, each then written on its own: one system call per event and socket, the bulk of the
 * cost of a fan-out to a whole team. While held, a connection queues its packets (who receives what
 * is still decided when the event is emitted); at the end of the turn each held connection is
 * flushed once, its TCP socket corked, so its queued frames leave in one write.
 * Relies on engine.io / ws internals: a connection of another shape is left alone.
 */
export class WriteBatcher {
  private held: EngineConnection[] = [];
  private scheduled = false;

  /** `onError`: a connection that fails to flush (the others are still released). */
  constructor(private readonly onError: (error: Error) => void) {}

  /** Holds the connections of the sockets in these rooms until the end of the current turn. */
  hold(server: Server, rooms: readonly string[]): void {
    const namespace = server.of('/');
    for (const room of rooms) {
      for (const id of namespace.adapter.rooms.get(room) ?? []) {
        const conn = namespace.sockets.get(id)?.conn as unknown as EngineConnection | undefined;
        const transport = conn?.transport;
        if (!conn || !transport?.writable || typeof transport.socket?._socket?.cork !== 'function') continue;
        transport.writable = false;
        this.held.push(conn);
      }
    }
    if (!this.scheduled && this.held.length > 0) {
      this.scheduled = true;
      setImmediate(() => this.release());
    }
  }

  private release(): void {
    const held = this.held;
    this.held = [];
    this.scheduled = false;
    for (const conn of held) {
      const transport = conn.transport!;
      const tcp = transport.socket!._socket!;
      tcp.cork();
      try {
        transport.writable = true;
        if (conn.readyState !== 'closed') conn.flush();
      } catch (error) {
        this.onError(error as Error);
      } finally {
        tcp.uncork();
      }
    }
  }
}

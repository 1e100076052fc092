import { createServer, type Server as HttpServer } from 'http';
import { Server } from 'socket.io';
import { io as connect, type Socket } from 'socket.io-client';
import { WriteBatcher } from './write-batcher';

/** A plain socket.io server whose sockets join `room`, counting the system writes of each TCP socket. */
async function setup(clients: number) {
  const http: HttpServer = createServer();
  const server = new Server(http, { transports: ['websocket'] });
  const writes: number[] = [];
  server.on('connection', (socket) => {
    void socket.join('room');
    const tcp = (
      socket.conn as unknown as { transport: { socket: { _socket: { _writeGeneric: (...a: unknown[]) => unknown } } } }
    ).transport.socket._socket;
    const index = writes.push(0) - 1;
    const write = tcp._writeGeneric.bind(tcp);
    tcp._writeGeneric = (...args: unknown[]) => {
      writes[index]++;
      return write(...args);
    };
    socket.emit('pret');
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(http.address() as { port: number }).port}`;
  const sockets: Socket[] = [];
  const received: string[][] = [];
  await Promise.all(
    Array.from({ length: clients }, (_, i) => {
      const socket = connect(url, { transports: ['websocket'], forceNew: true });
      sockets.push(socket);
      received.push([]);
      socket.onAny((type: string, payload?: { n: number }) => type === 'evt' && received[i].push(`${payload!.n}`));
      return new Promise((resolve) => socket.once('pret', resolve));
    }),
  );
  await new Promise((r) => setTimeout(r, 50)); // the 'pret' writes are done
  writes.fill(0);
  return {
    server,
    writes,
    received,
    close: async () => {
      sockets.forEach((s) => void s.close());
      await server.close();
    },
  };
}

const until = async (ok: () => boolean) => {
  for (let i = 0; i < 200 && !ok(); i++) await new Promise((r) => setTimeout(r, 10));
};

describe('WriteBatcher', () => {
  it('sends the events of one turn to each socket in one write, all of them, in order', async () => {
    const s = await setup(3);
    const batcher = new WriteBatcher((error) => {
      throw error;
    });
    for (let n = 1; n <= 4; n++) {
      batcher.hold(s.server, ['room']);
      s.server.to('room').emit('evt', { n });
    }
    await until(() => s.received.every((r) => r.length === 4));
    expect(s.received).toEqual([
      ['1', '2', '3', '4'],
      ['1', '2', '3', '4'],
      ['1', '2', '3', '4'],
    ]);
    expect(s.writes).toEqual([1, 1, 1]);
    await s.close();
  });

  it('a connection that fails to flush does not keep the others held', async () => {
    const s = await setup(2);
    const errors: string[] = [];
    const batcher = new WriteBatcher((error) => errors.push(error.message));
    const [first] = s.server.of('/').sockets.values();
    const conn = first.conn as unknown as { flush: () => void; transport: { writable: boolean } };
    conn.flush = () => {
      if (conn.transport.writable) throw new Error('socket cassée'); // when released, not while held
    };
    batcher.hold(s.server, ['room']);
    s.server.to('room').emit('evt', { n: 1 });
    await until(() => s.received.some((r) => r.length === 1));
    await new Promise((r) => setTimeout(r, 50));
    expect(errors).toEqual(['socket cassée']);
    expect(s.received.map((r) => r.length).sort()).toEqual([0, 1]);
    await s.close();
  });

  it('without it, engine.io writes each event on its own', async () => {
    const s = await setup(2);
    for (let n = 1; n <= 4; n++) s.server.to('room').emit('evt', { n });
    await until(() => s.received.every((r) => r.length === 4));
    expect(s.received).toEqual([
      ['1', '2', '3', '4'],
      ['1', '2', '3', '4'],
    ]);
    expect(Math.min(...s.writes)).toBeGreaterThan(1);
    await s.close();
  });
});

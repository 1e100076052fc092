/**
 * The bench:live clients, run in worker processes (`bench-live.ts --clients-worker`, ≤ 50 sockets
 * each): socket.io clients of one bailleur's staff recording the receipt time of every push, and the
 * statistics the parent draws from their reports.
 */
import { performance } from 'perf_hooks';

export interface Receipt {
  at: number;
  eventId?: string;
}

/** What a client process sends back: per client, receipts by libération id and by ping seq. */
export interface ClientReport {
  events: number;
  recos: Array<Array<[string, Receipt[]]>>;
  pings: Array<Array<[number, Receipt[]]>>;
}

export async function runClients(): Promise<void> {
  const { io } = await import('socket.io-client');
  const { url, token, count } = await new Promise<{ url: string; token: string; count: number }>((resolve) =>
    process.once('message', resolve),
  );
  const recos: Array<Map<string, Receipt[]>> = [];
  const pings: Array<Map<number, Receipt[]>> = [];
  let events = 0;
  try {
    await Promise.all(
      Array.from({ length: count }, (_, i) => {
        const reco = new Map<string, Receipt[]>();
        const ping = new Map<number, Receipt[]>();
        recos.push(reco);
        pings.push(ping);
        const socket = io(url, {
          path: '/socket.io',
          transports: ['websocket'],
          auth: { token },
          forceNew: true,
          reconnection: false,
        });
        socket.onAny((type: string, payload: { liberationId?: string; seq?: number; eventId?: string }) => {
          const at = performance.timeOrigin + performance.now();
          if (type === 'bench.ping') {
            const list = ping.get(payload.seq!) ?? [];
            list.push({ at });
            ping.set(payload.seq!, list);
            return;
          }
          events++;
          if (type === 'recommendation.created') {
            const list = reco.get(payload.liberationId!) ?? [];
            list.push({ at, eventId: payload.eventId });
            reco.set(payload.liberationId!, list);
          }
        });
        return new Promise<void>((resolve, reject) => {
          socket.once('connecte', () => resolve());
          socket.once('connect_error', (e: Error) => reject(new Error(`client ${i} : ${e.message}`)));
        });
      }),
    );
  } catch (error) {
    process.send?.({ error: (error as Error).message });
    return;
  }
  process.send?.({ connected: count });
  process.on('message', (message: string) => {
    if (message === 'reset') {
      events = 0;
      recos.forEach((m) => m.clear());
      pings.forEach((m) => m.clear());
      process.send?.({});
    } else if (message === 'report') {
      const report: ClientReport = { events, recos: recos.map((m) => [...m]), pings: pings.map((m) => [...m]) };
      process.send?.(report);
    }
  });
  process.on('SIGTERM', () => process.exit(0));
}

/**
 * Live-flow benchmark: `npm run bench:live -- [--json] [--clients 200] [--rate 50] [--duration 60] [--scale 0.05]`.
 *
 * On the real PostgreSQL and Redis (REDIS_URL, default redis://127.0.0.1:6379; a per-run BullMQ
 * prefix): a fresh database seeded with a generated département, the API in a child process (jobs
 * processed there too), N socket.io clients of one bailleur's staff. The load: `rate` libérations
 * per second for `duration` seconds (open loop), each followed by an accept of its recommendation.
 * Latency = from the POST to the receipt of `recommendation.created` on every client.
 * With BENCH_BASELINE=1 (or --baseline), the same clients and rate then hit a bare HTTP endpoint
 * that only emits one socket.io event to the same room: the floor of HTTP + push on this machine.
 * BENCH_WINDOWS=1 also prints the latency of each 10-second window (drift, machine noise).
 * Last line: {"clients","events","p50Ms","p99Ms","lost","duplicated","baselineP99Ms","ratioP99"}.
 */
import 'reflect-metadata';
import { fork, type ChildProcess } from 'child_process';
import { flag, forkServer, login, percentile, round, seedBenchDatabase, stopServer } from './bench-common';
import { randomBytes } from 'crypto';
import { join } from 'path';
import { performance } from 'perf_hooks';
import { runClients, type ClientReport } from './bench-live/clients';
import { REDIS_URL, runServer } from './bench-live/server';

async function main(): Promise<void> {
  const json = process.argv.includes('--json');
  const baseline = process.env.BENCH_BASELINE === '1' || process.argv.includes('--baseline');
  const clientsWanted = flag('clients', 200);
  const rate = flag('rate', 50);
  const duration = flag('duration', 60);
  const scale = flag('scale', 0.05);
  const log = (line: string) => process.stderr.write(`${line}\n`);

  const { dropTestDatabase } = await import('@aiguillage/persistence/testing/test-database');
  const { JOBS_QUEUE } = await import('@aiguillage/core');
  const { redisConnection } = await import('@aiguillage/core/platform/jobs/bullmq-job-runner');
  const { Queue } = await import('bullmq');

  const prefix = `aiguillage-bench-${process.pid}-${randomBytes(3).toString('hex')}`;
  const { db, bailleurId, flats, email, password } = await seedBenchDatabase(scale, 'bench@aiguillage.test', log);
  let server: ChildProcess | null = null;
  const workers: ChildProcess[] = [];
  try {
    log('Démarrage du serveur (processus fils)…');
    const started = await forkServer(
      join(__dirname, 'bench-live.ts'),
      {
        DATABASE_URL: db.url,
        BENCH_PREFIX: prefix,
        BENCH_JWT_SECRET: randomBytes(32).toString('hex'),
        BENCH_BASELINE: baseline ? '1' : '0',
      },
      // BENCH_PROFILE=<dir>: a V8 CPU profile of the server, written when it stops.
      { execArgv: process.env.BENCH_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE}`] : [] },
    );
    server = started.server;
    const { url } = started;
    const { accessToken, headers } = await login(url, email, password);

    // Clients, in worker processes (≤ 50 sockets each) so that decoding the pushes does not stall
    // the load generator; receipt times are absolute (performance.timeOrigin + now()).
    const workerCount = Math.min(8, Math.ceil(clientsWanted / 50));
    log(`Connexion de ${clientsWanted} clients socket.io (${workerCount} processus)…`);
    const fleet = await Promise.all(
      Array.from({ length: workerCount }, (_, w) => {
        const count = Math.floor(clientsWanted / workerCount) + (w < clientsWanted % workerCount ? 1 : 0);
        const worker = fork(join(__dirname, 'run.js'), [join(__dirname, 'bench-live.ts'), '--clients-worker'], {
          stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
        });
        workers.push(worker);
        return new Promise<ChildProcess>((resolve, reject) => {
          worker.once('message', (m: { connected?: number; error?: string }) =>
            m.error ? reject(new Error(m.error)) : resolve(worker),
          );
          worker.once('exit', (code) => reject(new Error(`processus clients arrêté (code ${code})`)));
          worker.send({ url, token: accessToken, count });
        });
      }),
    );
    const command = <T>(message: string): Promise<T[]> =>
      Promise.all(
        fleet.map(
          (worker) =>
            new Promise<T>((resolve) => {
              worker.once('message', (m: T) => resolve(m));
              worker.send(message);
            }),
        ),
      );
    const now = () => performance.timeOrigin + performance.now();

    let cursor = 0;
    const nextLiberation = () => {
      const flat = flats[cursor % flats.length];
      const day = Math.floor(cursor / flats.length);
      cursor++;
      const date = new Date(Date.UTC(2026, 0, 2) + day * 86_400_000).toISOString().slice(0, 10);
      return { logementId: flat.id, date, motif: 'CONGE' };
    };
    const sent = new Map<string, number>();
    const postTimes: number[] = [];
    const decideTimes: number[] = [];
    let httpErrors = 0;
    let counting = false;
    const oneLiberation = async () => {
      const t0 = now();
      const res = await fetch(`${url}/api/liberations`, {
        method: 'POST',
        headers,
        body: JSON.stringify(nextLiberation()),
      });
      const body = (await res.json()) as { liberation?: { id: string } };
      if (counting) postTimes.push(now() - t0);
      if (res.status !== 201 || !body.liberation) {
        httpErrors++;
        if (httpErrors <= 3) log(`POST /api/liberations → ${res.status} ${JSON.stringify(body).slice(0, 300)}`);
        return;
      }
      sent.set(body.liberation.id, t0);
      const t1 = now();
      const decided = await fetch(`${url}/api/orientations`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ liberationId: body.liberation.id }),
      });
      const answer = await decided.text();
      if (counting) decideTimes.push(now() - t1);
      if (decided.status !== 201) {
        httpErrors++;
        if (httpErrors <= 3) log(`POST /api/orientations → ${decided.status} ${answer.slice(0, 300)}`);
      }
    };
    const openLoop = async (count: number, fire: (i: number) => Promise<void>) => {
      const started = performance.now();
      const inflight: Array<Promise<void>> = [];
      for (let i = 0; i < count; i++) {
        const wait = started + (i * 1000) / rate - performance.now();
        if (wait > 0) await new Promise((r) => setTimeout(r, wait));
        inflight.push(
          fire(i).catch((error: Error) => {
            httpErrors++;
            if (httpErrors <= 3) log(`requête en échec : ${error.message}`);
          }),
        );
      }
      await Promise.all(inflight);
    };

    log('Échauffement (chargement de l’état du moteur)…');
    await openLoop(Math.min(50, rate), () => oneLiberation());
    await new Promise((r) => setTimeout(r, 1000));
    sent.clear();
    await command('reset');

    const total = Math.round(rate * duration);
    log(`Charge : ${rate} libérations/s pendant ${duration} s (${total}), chacune suivie d’une acceptation…`);
    counting = true;
    await openLoop(total, () => oneLiberation());
    await new Promise((r) => setTimeout(r, 3000));
    counting = false;
    const reports = await command<ClientReport>('report');
    const events = reports.reduce((n, r) => n + r.events, 0);

    const latencies: number[] = [];
    let lost = 0;
    let duplicated = 0;
    for (const reco of reports.flatMap((r) => r.recos.map((c) => new Map(c)))) {
      for (const [liberationId, t0] of sent) {
        const receipts = reco.get(liberationId) ?? [];
        if (receipts.length === 0) lost++;
        else latencies.push(receipts[0].at - t0);
        duplicated += Math.max(0, receipts.length - 1);
        if (receipts.length > 1 && duplicated <= 3)
          log(`doublon : libération ${liberationId}, événements ${receipts.map((r) => r.eventId).join(', ')}`);
      }
    }
    if (process.env.BENCH_WINDOWS) {
      const start = Math.min(...sent.values());
      const windows = new Map<number, number[]>();
      for (const reco of reports.flatMap((r) => r.recos.map((c) => new Map(c))))
        for (const [id, t0] of sent) {
          const r = reco.get(id)?.[0];
          if (!r) continue;
          const w = Math.floor((t0 - start) / 10_000);
          if (!windows.has(w)) windows.set(w, []);
          windows.get(w)!.push(r.at - t0);
        }
      for (const [w, l] of [...windows].sort((a, b) => a[0] - b[0])) {
        l.sort((a, b) => a - b);
        log(`  ${w * 10}-${w * 10 + 10} s : p50 ${round(percentile(l, 50))} ms, p99 ${round(percentile(l, 99))} ms`);
      }
    }
    latencies.sort((a, b) => a - b);
    const p50 = percentile(latencies, 50);
    const p99 = percentile(latencies, 99);
    log(
      `Libérations mesurées : ${sent.size}/${total} (erreurs HTTP : ${httpErrors}), réceptions : ${latencies.length}`,
    );
    postTimes.sort((a, b) => a - b);
    log(
      `POST /api/liberations (réponse HTTP) : p50 ${round(percentile(postTimes, 50))} ms, p99 ${round(percentile(postTimes, 99))} ms`,
    );
    decideTimes.sort((a, b) => a - b);
    log(
      `POST /api/orientations (réponse HTTP) : p50 ${round(percentile(decideTimes, 50))} ms, p99 ${round(percentile(decideTimes, 99))} ms`,
    );
    log(
      `recommendation.created : p50 ${round(p50)} ms, p99 ${round(p99)} ms, max ${round(latencies[latencies.length - 1] ?? NaN)} ms`,
    );

    let baselineP99: number | null = null;
    if (baseline) {
      log(`Référence : ${rate} émissions/s pendant ${duration} s sur un point d’entrée HTTP nu…`);
      const pingSent = new Map<number, number>();
      await command('reset');
      await openLoop(total, async (seq) => {
        const t0 = now();
        const res = await fetch(`${url}/api/bench/baseline`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ bailleurId, seq }),
        });
        await res.arrayBuffer();
        if (res.status === 204) pingSent.set(seq, t0);
        else httpErrors++;
      });
      await new Promise((r) => setTimeout(r, 2000));
      const pingReports = await command<ClientReport>('report');
      const base: number[] = [];
      for (const ping of pingReports.flatMap((r) => r.pings.map((c) => new Map(c))))
        for (const [seq, t0] of pingSent) {
          const receipt = ping.get(seq)?.[0];
          if (receipt) base.push(receipt.at - t0);
        }
      base.sort((a, b) => a - b);
      baselineP99 = percentile(base, 99);
      log(`Référence : p50 ${round(percentile(base, 50))} ms, p99 ${round(baselineP99)} ms`);
    }

    const result = {
      clients: clientsWanted,
      events,
      p50Ms: round(p50),
      p99Ms: round(p99),
      lost,
      duplicated,
      baselineP99Ms: baselineP99 === null ? null : round(baselineP99),
      ratioP99: baselineP99 === null ? null : Math.round((p99 / baselineP99) * 100) / 100,
    };
    if (!json) {
      log(`Clients ${result.clients}, événements reçus ${result.events}, perdus ${lost}, doublons ${duplicated}`);
      log(`Objectifs : perdus 0, doublons 0, p99 < 50 ms, ratio p99 < 3`);
    }
    process.stdout.write(`${JSON.stringify(result)}\n`);
  } finally {
    workers.forEach((w) => w.kill('SIGTERM'));
    await stopServer(server);
    const queue = new Queue(JOBS_QUEUE, { connection: redisConnection(REDIS_URL), prefix });
    await queue.obliterate({ force: true }).catch(() => undefined);
    await queue.close();
    if (process.env.BENCH_KEEP_DB) log(`Base conservée : ${db.url}`);
    else await dropTestDatabase(db.name);
  }
}

if (process.argv.includes('--clients-worker')) {
  void runClients();
} else if (process.argv.includes('--server')) {
  void runServer().catch((error: unknown) => {
    process.stderr.write(`Serveur de bench : ${(error as Error).stack ?? String(error)}\n`);
    process.exit(1);
  });
} else {
  void main().then(
    () => process.exit(0),
    (error: unknown) => {
      process.stderr.write(`bench:live : ${(error as Error).stack ?? String(error)}\n`);
      process.exit(1);
    },
  );
}

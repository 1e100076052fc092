/**
 * Slack delivery benchmark: `npm run bench:slack -- [--rate 5] [--duration 30] [--intervalle 1000] [--redis]`.
 *
 * On the real PostgreSQL (a fresh database seeded with a generated département): the API in this
 * process with Slack configured against a local fake Slack Web API (no rate limiting), each of the
 * five bailleurs mapped to its own channel. The load: `rate` libérations per second for `duration`
 * seconds (open loop, bailleurs in turn). Latency = from the libération's POST to the fake Slack
 * receiving the suggestion's `chat.postMessage` (event log → projection → outbox → queue → sender).
 * `--intervalle`: SLACK_INTERVALLE_CANAL_MS, the least gap between two messages of a channel
 * (Slack allows about one per second per channel). `--redis`: jobs through BullMQ on REDIS_URL.
 * Last line: {"rate","duration","intervalleMs","jobs","posted","lost","duplicated","p50Ms","p99Ms","maxMs"}.
 */
import 'reflect-metadata';
import type { INestApplication } from '@nestjs/common';
import { randomBytes } from 'crypto';
import { mkdtempSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { flag, percentile, round } from './bench-common';

async function main(): Promise<void> {
  const rate = flag('rate', 5, { zero: true });
  const duration = flag('duration', 30, { zero: true });
  const intervalle = flag('intervalle', 1000, { zero: true });
  const redis = process.argv.includes('--redis');
  const log = (line: string) => process.stderr.write(`${line}\n`);

  const { Test } = await import('@nestjs/testing');
  const { getSharedConfigToken } = await import('@nestjs/bullmq');
  const { AuthService, loadConfig, UsersService } = await import('@aiguillage/core');
  const { redisConnection } = await import('@aiguillage/core/platform/jobs/bullmq-job-runner');
  const { createTestDatabase, dropTestDatabase } = await import('@aiguillage/persistence/testing/test-database');
  const { buildDataSourceOptions, insertDemo, ReservataireRepository, UserRepository } =
    await import('@aiguillage/persistence');
  const { generateDepartement, logementsLiberables } = await import('@aiguillage/demo');
  const { DataSource } = await import('typeorm');
  const { ApiModule } = await import('../apps/api/src/api.module');
  const { setupApp } = await import('../apps/api/src/setup-app');
  const { FakeSlack } = await import('../test/slack/fake-slack');

  const slack = new FakeSlack();
  await slack.start();
  const db = await createTestDatabase();
  const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  let app: INestApplication | null = null;
  try {
    log(`Base ${db.name}, génération de la démo…`);
    const demo = generateDepartement({ seed: 7, scale: 0.05 });
    const seed = await new DataSource(buildDataSourceOptions(db.url)).initialize();
    await insertDemo(seed, demo);
    const canaux = new Map(demo.bailleurs.map((b, i) => [b.id, `C0BENCH${i}`]));
    for (const [bailleurId, canal] of canaux)
      await seed.query(`INSERT INTO slack_canal (bailleur_id, territoire, canal) VALUES ($1, '', $2)`, [
        bailleurId,
        canal,
      ]);
    await seed.destroy();

    const config = loadConfig({
      NODE_ENV: 'production',
      DATABASE_URL: db.url,
      ...(redis ? { REDIS_URL: redisUrl } : {}),
      JWT_SECRET: randomBytes(32).toString('hex'),
      DEMO_ENABLED: 'false',
      LOG_LEVEL: 'error',
      DATA_DIR: mkdtempSync(join(tmpdir(), 'aiguillage-bench-slack-')),
      SLACK_BOT_TOKEN: 'xoxb-bench',
      SLACK_SIGNING_SECRET: 'bench',
      SLACK_API_URL: slack.url,
      SLACK_INTERVALLE_CANAL_MS: String(intervalle),
      SLACK_DIGEST_HEURE: 'aucun',
    });
    let builder = Test.createTestingModule({
      imports: [ApiModule.forRoot({ config, databaseUrl: db.url, processJobs: true })],
    });
    if (redis)
      builder = builder
        .overrideProvider(getSharedConfigToken())
        .useValue({ connection: redisConnection(redisUrl), prefix: `aiguillage-bench-slack-${process.pid}` });
    const moduleRef = await builder.compile();
    app = moduleRef.createNestApplication({ logger: ['error'] });
    setupApp(app);
    await app.listen(0, '127.0.0.1');
    const url = `http://127.0.0.1:${(app.getHttpServer().address() as { port: number }).port}`;
    const bailleurs = demo.bailleurs.map((b) => b.id);
    await app.get(UsersService).createAccount(
      {
        email: 'bench-slack@bench.test',
        nom: 'Bench',
        password: 'mot-de-passe-bench',
        role: 'CHARGE',
        bailleurIds: bailleurs,
      },
      app.get(UserRepository),
      app.get(ReservataireRepository),
    );
    const { accessToken } = await app.get(AuthService).login('bench-slack@bench.test', 'mot-de-passe-bench');
    const flats = bailleurs.map((b) => logementsLiberables(demo, b));
    const total = Math.round(rate * duration);

    // Warm-up (not measured): one libération per bailleur loads each exercice's engine state and
    // opens the Slack client.
    const post = (logementId: string, date: string) =>
      fetch(`${url}/api/liberations`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${accessToken}` },
        body: JSON.stringify({ logementId, date, motif: 'CONGE' }),
      });
    for (const [b] of bailleurs.entries()) await post(flats[b].pop()!.id, '2026-06-14');
    const chauffe = Date.now() + 60_000;
    while (
      slack.of('chat.postMessage').filter((c) => JSON.stringify(c.args.blocks ?? []).includes('Libération ')).length <
        bailleurs.length &&
      Date.now() < chauffe
    ) {
      await new Promise((r) => setTimeout(r, 50));
    }
    slack.calls.length = 0;

    log(
      `${total} libérations à ${rate}/s, ${bailleurs.length} canaux, intervalle par canal ${intervalle} ms, tâches ${redis ? 'BullMQ' : 'en processus'}…`,
    );
    const debutDe = new Map<string, number>();
    const envois: Array<Promise<void>> = [];
    const t0 = Date.now();
    for (let i = 0; i < total; i++) {
      const attente = t0 + (i * 1000) / rate - Date.now();
      if (attente > 0) await new Promise((r) => setTimeout(r, attente));
      const b = i % bailleurs.length;
      const flat = flats[b][Math.floor(i / bailleurs.length)];
      if (!flat) throw new Error('pas assez de logements libérables : baissez --rate ou --duration');
      const debut = Date.now();
      envois.push(
        post(flat.id, '2026-06-15').then(async (res) => {
          const body = (await res.json()) as { liberation?: { id: string } };
          if (res.status !== 201 || !body.liberation)
            throw new Error(`libération refusée ${res.status} ${JSON.stringify(body)}`);
          debutDe.set(body.liberation.id, debut);
        }),
      );
    }
    await Promise.all(envois);
    const posts = () =>
      slack.of('chat.postMessage').filter((c) => JSON.stringify(c.args.blocks ?? []).includes('Libération '));
    const fin = Date.now() + 60_000;
    while (posts().length < total && Date.now() < fin) await new Promise((r) => setTimeout(r, 50));

    const recus = new Map<string, number[]>();
    for (const c of posts()) {
      const id = /Libération ([0-9a-f-]{36})/.exec(JSON.stringify(c.args.blocks ?? []))?.[1];
      if (id) recus.set(id, [...(recus.get(id) ?? []), c.at]);
    }
    const latences = [...debutDe]
      .flatMap(([id, debut]) => (recus.get(id) ? [recus.get(id)![0] - debut] : []))
      .sort((a, b) => a - b);
    const result = {
      rate,
      duration,
      intervalleMs: intervalle,
      jobs: redis ? 'bullmq' : 'inline',
      posted: latences.length,
      lost: total - latences.length,
      duplicated: [...recus.values()].filter((l) => l.length > 1).length,
      p50Ms: round(percentile(latences, 50)),
      p99Ms: round(percentile(latences, 99)),
      maxMs: round(latences[latences.length - 1] ?? NaN),
    };
    const perdues = [...debutDe.keys()].filter((id) => !recus.has(id));
    if (perdues.length > 0) {
      const etat = await app
        .get(DataSource)
        .query(
          `SELECT l.id, m.cle, m.canal, m.sent_at AS "sentAt", m.attempts, m.last_error AS "lastError" FROM liberation l LEFT JOIN slack_message m ON m.liberation_id = l.id AND m.kind = 'SUGGESTION' WHERE l.id = ANY($1::uuid[])`,
          [perdues],
        );
      log(`Non publiées : ${JSON.stringify(etat)}`);
    }
    const [etapes] = await app.get(DataSource).query(
      `SELECT round(percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM m.created_at - e.created_at) * 1000)) AS "projectionP50Ms",
              round(percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM m.sent_at - m.created_at) * 1000)) AS "envoiP50Ms"
       FROM slack_message m JOIN event_log e ON e.type = 'recommendation.created' AND e.payload->>'liberationId' = m.liberation_id::text WHERE m.kind = 'SUGGESTION'`,
    );
    log(
      `Étapes (médianes) : événement → file Slack ${etapes.projectionP50Ms} ms, file → envoi ${etapes.envoiP50Ms} ms`,
    );
    log(
      `Suggestions publiées : ${result.posted}/${total}, perdues ${result.lost}, en double ${result.duplicated} ; POST → chat.postMessage p50 ${result.p50Ms} ms, p99 ${result.p99Ms} ms, max ${result.maxMs} ms`,
    );
    process.stdout.write(`${JSON.stringify(result)}\n`);
  } finally {
    await app?.close();
    await slack.stop();
    await dropTestDatabase(db.name);
  }
}

void main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`bench:slack en échec : ${(error as Error).stack ?? String(error)}\n`);
    process.exit(1);
  },
);

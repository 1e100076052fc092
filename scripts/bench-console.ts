/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
/**
 * Console benchmark: `npm run bench:console -- [--json] [--count 200] [--rate 5] [--scale 0.05]`.
 *
 * On the real PostgreSQL: a fresh database seeded with a generated département, the API serving the
 * built console in a child process (jobs in-process), Debian's chromium (playwright-core) with a
 * chargé's « À orienter » page open. Measures:
 * - firstLoadMs: from navigation to the login form usable, then to the logged-in queue shown (cold cache);
 * - p50Ms / p99Ms: `count` libérations POSTed at `rate` per second (open loop), from the POST to the
 *   row visible in the page (a MutationObserver in the page stamps each row; same machine clock);
 * - bundleKbGz: the initial JavaScript (the scripts index.html loads) gzipped.
 * Last line: {"p50Ms","p99Ms","firstLoadMs","bundleKbGz"}.
 */
import 'reflect-metadata';
import { execFileSync, type ChildProcess } from 'child_process';
import { flag, forkServer, login, percentile, round, seedBenchDatabase, stopServer } from './bench-common';
import { randomBytes } from 'crypto';
import { existsSync, mkdtempSync, readFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { performance } from 'perf_hooks';
import { gzipSync } from 'zlib';

const ROOT = join(__dirname, '..');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

async function runServer(): Promise<void> {
  const { Test } = await import('@nestjs/testing');
  const { loadConfig } = await import('@aiguillage/core');
  const { ApiModule } = await import('../apps/api/src/api.module');
  const { setupApp } = await import('../apps/api/src/setup-app');
  const databaseUrl = process.env.DATABASE_URL!;
  const config = loadConfig({
    NODE_ENV: 'production',
    DATABASE_URL: databaseUrl,
    JWT_SECRET: process.env.BENCH_JWT_SECRET!,
    DEMO_ENABLED: 'false',
    LOG_LEVEL: 'error',
    DATA_DIR: mkdtempSync(join(tmpdir(), 'aiguillage-bench-console-')),
  });
  const moduleRef = await Test.createTestingModule({
    imports: [ApiModule.forRoot({ config, databaseUrl, processJobs: true })],
  }).compile();
  const app = moduleRef.createNestApplication({ logger: ['error'] });
  setupApp(app);
  await app.listen(0, '127.0.0.1');
  const port = (app.getHttpServer().address() as { port: number }).port;
  process.send?.({ url: `http://127.0.0.1:${port}` });
  process.on('SIGTERM', () => void app.close().finally(() => process.exit(0)));
}

/** The scripts `index.html` loads at first (entry and module preloads), gzipped, in kB. */
function initialJsKbGz(): number {
  const dist = join(ROOT, 'apps', 'console', 'dist');
  const html = readFileSync(join(dist, 'index.html'), 'utf8');
  const scripts = [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+\.js)"/g)].map((m) => m[1]);
  return round(scripts.reduce((sum, src) => sum + gzipSync(readFileSync(join(dist, src))).length, 0) / 1024);
}

async function main(): Promise<void> {
  const json = process.argv.includes('--json');
  const count = flag('count', 200);
  const rate = flag('rate', 5);
  const scale = flag('scale', 0.05);
  const log = (line: string) => process.stderr.write(`${line}\n`);
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium introuvable (${CHROMIUM}) : apt-get install -y chromium`);

  execFileSync(process.execPath, [join(ROOT, 'scripts', 'build-console.js')], { cwd: ROOT, stdio: 'inherit' });
  const bundleKbGz = initialJsKbGz();

  const { dropTestDatabase } = await import('@aiguillage/persistence/testing/test-database');
  const { chromium } = await import('playwright-core');

  const { db, flats, email, password } = await seedBenchDatabase(scale, 'bench-console@aiguillage.test', log);
  let server: ChildProcess | null = null;
  let browser: Awaited<ReturnType<typeof chromium.launch>> | null = null;
  try {
    log('Démarrage du serveur (processus fils)…');
    const started = await forkServer(join(__dirname, 'bench-console.ts'), {
      DATABASE_URL: db.url,
      BENCH_JWT_SECRET: randomBytes(32).toString('hex'),
    });
    server = started.server;
    const { url } = started;
    const { headers } = await login(url, email, password);

    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--lang=fr-FR'],
    });
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'fr-FR' });
    if (process.env.BENCH_DEBUG) {
      page.on('pageerror', (e) => log(`pageerror ${e.message}`));
      page.on('console', (m) => log(`console ${m.text()}`));
    }
    const t0 = Date.now();
    await page.goto(url);
    await page.getByRole('button', { name: 'Se connecter' }).waitFor();
    const firstLoadMs = Date.now() - t0;
    await page.getByLabel('Adresse e-mail').fill(email);
    await page.getByLabel('Mot de passe').fill(password);
    const t1 = Date.now();
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.getByRole('heading', { name: /À orienter/ }).waitFor();
    await page.waitForFunction(() => !document.querySelector('[aria-label="Chargement"]'));
    const loginToQueueMs = Date.now() - t1;
    log(
      `Premier chargement : formulaire de connexion en ${firstLoadMs} ms, file affichée ${loginToQueueMs} ms après la connexion ; JS initial ${bundleKbGz} Ko gzip`,
    );
    // Wait for the live connection before the load.
    await page.waitForFunction(() => !document.querySelector('[data-testid=hors-ligne]'));
    await page.evaluate(() => {
      const seen: Record<string, number> = {};
      (window as unknown as { __vus: Record<string, number> }).__vus = seen;
      new MutationObserver(() => {
        // `window.performance`: a bare `performance` would be compiled to this module's perf_hooks import.
        const now = window.performance.timeOrigin + window.performance.now();
        for (const row of document.querySelectorAll('tr[data-liberation]')) {
          const id = row.getAttribute('data-liberation')!;
          if (!(id in seen)) seen[id] = now;
        }
      }).observe(document.body, { childList: true, subtree: true });
    });

    log(`${count} libérations à ${rate}/s…`);
    const now = () => performance.timeOrigin + performance.now();
    const posted = new Map<string, number>();
    const reponses: number[] = [];
    const start = now();
    const pending: Promise<void>[] = [];
    for (let i = 0; i < count; i++) {
      const due = start + (i * 1000) / rate;
      const wait = due - now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      const flat = flats[i % flats.length];
      const date = new Date(Date.UTC(2026, 2, 1) + Math.floor(i / flats.length) * 86_400_000)
        .toISOString()
        .slice(0, 10);
      const at = now();
      pending.push(
        fetch(`${url}/api/liberations`, {
          method: 'POST',
          headers,
          body: JSON.stringify({ logementId: flat.id, date, motif: 'CONGE' }),
        }).then(async (res) => {
          if (res.status !== 201) throw new Error(`POST /api/liberations : ${res.status} ${await res.text()}`);
          const body = (await res.json()) as { liberation: { id: string } };
          posted.set(body.liberation.id, at);
          reponses.push(now() - at);
        }),
      );
    }
    await Promise.all(pending);
    const deadline = Date.now() + 15_000;
    let vus: Record<string, number> = {};
    while (Date.now() < deadline) {
      vus = await page.evaluate(() => ({ ...(window as unknown as { __vus: Record<string, number> }).__vus }));
      if ([...posted.keys()].every((id) => id in vus)) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    const latencies = [...posted]
      .filter(([id]) => id in vus)
      .map(([id, at]) => vus[id] - at)
      .sort((a, b) => a - b);
    const missing = posted.size - latencies.length;
    const p50Ms = round(percentile(latencies, 50));
    const p99Ms = round(percentile(latencies, 99));
    const summary = { p50Ms, p99Ms, firstLoadMs, bundleKbGz };
    if (!json) {
      reponses.sort((a, b) => a - b);
      log(`Réponse du POST : p50 ${round(percentile(reponses, 50))} ms, p99 ${round(percentile(reponses, 99))} ms`);
      log(
        `Du POST à la ligne visible : p50 ${p50Ms} ms, p99 ${p99Ms} ms (cible p99 < 100 ms) ; ${missing} ligne(s) jamais vue(s)`,
      );
      log(
        `Premier chargement ${firstLoadMs} ms (cible < 1 500 ms) ; JS initial ${bundleKbGz} Ko gzip (cible < 300 Ko)`,
      );
    }
    if (missing > 0) process.exitCode = 1;
    process.stdout.write(`${JSON.stringify(summary)}\n`);
  } finally {
    await browser?.close().catch(() => undefined);
    await stopServer(server);
    await dropTestDatabase(db.name).catch(() => undefined);
  }
}

if (process.argv.includes('--server')) void runServer();
else
  main().catch((error) => {
    process.stderr.write(`${(error as Error).stack ?? error}\n`);
    process.exit(1);
  });

import { spawn, type ChildProcess } from 'child_process';
import { mkdtempSync, readFileSync, rmSync } from 'fs';
import { createConnection, createServer } from 'net';
import { tmpdir } from 'os';
import { join } from 'path';

/**
 * The run command (`npm start` → scripts/run.js src/main.ts) on a clean machine: no DATABASE_URL,
 * so an embedded PostgreSQL is initialised under DATA_DIR, migrated, loaded with the demo once;
 * after a restart the same data is there and the demo is not loaded again.
 */
const ROOT = join(__dirname, '..', '..');
const dataDir = mkdtempSync(join(tmpdir(), 'aiguillage-boot-'));
let child: ChildProcess | undefined;

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

function portOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ port, host: '127.0.0.1' })
      .once('connect', () => socket.end(() => resolve(true)))
      .once('error', () => resolve(false));
  });
}

async function start(port: number): Promise<{ output: () => string }> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATA_DIR: dataDir,
    PORT: String(port),
    DEMO_SCALE: '0.05',
    DEMO_SEED: '5',
    LOG_LEVEL: 'warn',
  };
  delete env.DATABASE_URL;
  delete env.REDIS_URL;
  delete env.JWT_SECRET;
  delete env.NODE_ENV;
  let output = '';
  child = spawn(process.execPath, ['scripts/run.js', 'src/main.ts'], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const deadline = Date.now() + 240_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`le processus s'est arrêté (${child.exitCode}) :\n${output}`);
    const health = await fetch(`http://127.0.0.1:${port}/api/health`).catch(() => null);
    if (health?.status === 200) {
      expect(await health.json()).toEqual({ status: 'ok', database: 'up', queue: 'inline' });
      return { output: () => output };
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`pas de réponse de /api/health en 240 s :\n${output}`);
}

async function stop(): Promise<number | null> {
  const running = child!;
  const exited = new Promise<number | null>((resolve) => running.once('exit', (code) => resolve(code)));
  running.kill('SIGTERM');
  return exited;
}

async function login(port: number, email: string, password: string): Promise<string> {
  const response = await fetch(`http://127.0.0.1:${port}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  expect(response.status).toBe(200);
  return ((await response.json()) as { accessToken: string }).accessToken;
}

async function conventionsAsCharge(port: number): Promise<string[]> {
  const accessToken = await login(port, 'charge@aiguillage.demo', 'charge-aiguillage');
  const conventions = await fetch(`http://127.0.0.1:${port}/api/conventions`, {
    headers: { Authorization: `Bearer ${accessToken}` },
  });
  expect(conventions.status).toBe(200);
  return ((await conventions.json()) as Array<{ id: string }>).map((c) => c.id).sort();
}

afterAll(async () => {
  if (child && child.exitCode === null) await stop();
  rmSync(dataDir, { recursive: true, force: true });
});

it('starts with an embedded PostgreSQL and the demo, stops it cleanly, and keeps the data across a restart', async () => {
  const port = await freePort();
  const first = await start(port);
  expect(first.output()).toContain('Comptes de démonstration');
  expect(first.output()).toContain('charge@aiguillage.demo');
  const before = await conventionsAsCharge(port);
  expect(before.length).toBeGreaterThan(0);
  // Something only this run wrote (the demo itself is deterministic, so it would not prove persistence).
  const admin = await login(port, 'admin@aiguillage.demo', 'admin-aiguillage');
  const bailleurIds = (
    (await (
      await fetch(`http://127.0.0.1:${port}/api/me`, { headers: { Authorization: `Bearer ${admin}` } })
    ).json()) as { bailleurIds: string[] }
  ).bailleurIds;
  const created = await fetch(`http://127.0.0.1:${port}/api/users`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', Authorization: `Bearer ${admin}` },
    body: JSON.stringify({
      email: 'persiste@bailleur.fr',
      nom: 'Persistance',
      password: 'mot-de-passe-solide',
      role: 'CHARGE',
      bailleurIds: [bailleurIds[0]],
    }),
  });
  expect(created.status).toBe(201);

  expect(await stop()).toBe(0);
  const { port: pgPort } = JSON.parse(readFileSync(join(dataDir, 'postgres.json'), 'utf8')) as { port: number };
  expect(await portOpen(pgPort)).toBe(false);

  const second = await start(port);
  expect(await conventionsAsCharge(port)).toEqual(before);
  await login(port, 'persiste@bailleur.fr', 'mot-de-passe-solide');
  expect(second.output()).toContain('charge@aiguillage.demo');
  expect(await stop()).toBe(0);
}, 600_000);

/**
 * Defect 11: a second `npm start` in the same folder stopped the running instance's embedded
 * PostgreSQL (its postmaster killed without checking that its owner was alive), and the first
 * instance then answered 500 for good. Now the second start is refused with a French message
 * naming the folder; the API answers 503 while its database is away (health `database: down`)
 * and recovers by itself when it is back.
 */
import { spawn, type ChildProcess } from 'child_process';
import { mkdtempSync, rmSync } from 'fs';
import type { INestApplication } from '@nestjs/common';
import { createServer, connect, type Server, type Socket } from 'net';
import { tmpdir } from 'os';
import { join } from 'path';
import request from 'supertest';
import { account, bootApp, openIsolatedDatabase, type IsolatedDatabase } from '../helpers/app';

jest.setTimeout(300_000);

const ROOT = join(__dirname, '..', '..');

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** `npm start` (scripts/run.js src/main.ts) without DATABASE_URL, on `dataDir`. */
function npmStart(
  dataDir: string,
  port: number,
): { child: ChildProcess; output: () => string; exited: Promise<number | null> } {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATA_DIR: dataDir,
    PORT: String(port),
    DEMO_ENABLED: 'false',
    LOG_LEVEL: 'warn',
  };
  for (const name of ['DATABASE_URL', 'REDIS_URL', 'JWT_SECRET', 'NODE_ENV']) delete env[name];
  let output = '';
  const child = spawn(process.execPath, ['scripts/run.js', 'src/main.ts'], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, output: () => output, exited };
}

async function healthy(port: number, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + 240_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`le processus s'est arrêté (${child.exitCode}) :\n${output()}`);
    const health = await fetch(`http://127.0.0.1:${port}/api/health`).catch(() => null);
    if (health?.status === 200) return;
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  throw new Error(`pas de réponse de /api/health :\n${output()}`);
}

describe('a data folder held by a live instance (defect 11)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'aiguillage-occupe-'));
  const running: ChildProcess[] = [];

  afterAll(async () => {
    for (const child of running) {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
    }
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('refuses a second npm start on the same folder, naming it; the first keeps its database', async () => {
    const port = await freePort();
    const first = npmStart(dataDir, port);
    running.push(first.child);
    await healthy(port, first.child, first.output);

    const second = npmStart(dataDir, await freePort());
    running.push(second.child);
    expect(await second.exited).toBe(1);
    expect(second.output()).toContain(
      `Le dossier de données ${dataDir} est déjà utilisé par une instance d'Aiguillage en cours d'exécution (processus ${first.child.pid})`,
    );

    const health = await fetch(`http://127.0.0.1:${port}/api/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ database: 'up' });
    const login = await fetch(`http://127.0.0.1:${port}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'personne@exemple.fr', password: 'x' }),
    });
    expect(login.status).toBe(401);
  });
});

/** A TCP relay to the test PostgreSQL that can be cut (the database goes away) and restored. */
class CuttableRelay {
  private server: Server | null = null;
  private readonly sockets = new Set<Socket>();
  constructor(
    readonly port: number,
    private readonly target: { host: string; port: number },
  ) {}

  open(): Promise<void> {
    if (this.server) return Promise.resolve();
    return new Promise((resolve, reject) => {
      this.server = createServer((client) => {
        const upstream = connect(this.target.port, this.target.host);
        for (const s of [client, upstream]) {
          this.sockets.add(s);
          s.on('close', () => this.sockets.delete(s));
          s.on('error', () => undefined);
        }
        client.pipe(upstream).pipe(client);
      })
        .once('error', reject)
        .listen(this.port, '127.0.0.1', () => resolve());
    });
  }

  cut(): Promise<void> {
    const server = this.server;
    this.server = null;
    for (const s of this.sockets) s.destroy();
    return new Promise((resolve) => (server ? server.close(() => resolve()) : resolve()));
  }
}

describe('the database goes away and comes back (defect 11)', () => {
  let db: IsolatedDatabase;
  let relay: CuttableRelay;
  let app: INestApplication | undefined;

  beforeAll(async () => {
    db = await openIsolatedDatabase();
    const target = new URL(db.url);
    relay = new CuttableRelay(await freePort(), { host: target.hostname, port: Number(target.port || 5432) });
    await relay.open();
  });

  afterAll(async () => {
    await relay?.open();
    await app?.close();
    await relay.cut();
    await db?.drop();
  });

  it('answers 503 (health database: down) while it is away, then recovers by itself', async () => {
    const viaRelay = new URL(db.url);
    viaRelay.hostname = '127.0.0.1';
    viaRelay.port = String(relay.port);
    let url: string;
    ({ app, url } = await bootApp({ databaseUrl: viaRelay.toString(), seed: false }));
    const charge = await account(app, 'CHARGE', []);
    const me = () => request(url).get('/api/me').set('Authorization', `Bearer ${charge.token}`);
    expect((await me()).status).toBe(200);

    await relay.cut();
    const health = await request(url).get('/api/health');
    expect(health.status).toBe(503);
    expect(health.body).toMatchObject({ status: 'error', database: 'down' });
    const down = await me();
    expect(down.status).toBe(503);
    expect(down.body).toEqual({ statusCode: 503, message: expect.stringMatching(/la base de données ne répond pas/) });
    expect(down.headers['retry-after']).toBe('5');
    const login = await request(url).post('/api/auth/login').send({ email: 'personne@exemple.fr', password: 'x' });
    expect(login.status).toBe(503);

    await relay.open();
    const deadline = Date.now() + 60_000;
    let status = 0;
    while (status !== 200 && Date.now() < deadline) {
      status = (await me()).status;
      if (status !== 200) await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(status).toBe(200);
    expect((await request(url).get('/api/health')).body).toMatchObject({ status: 'ok', database: 'up' });
  });
});

/**
 * What the benchmarks share: their numeric flags, percentiles, the seeded database (a generated
 * département, a chargé of its largest bailleur) and the API started in a child process.
 */
import { fork, type ChildProcess, type ForkOptions } from 'child_process';
import { randomBytes } from 'crypto';
import { join } from 'path';

/** `--name <number>`: strictly positive, or positive or zero with `zero`; exits 2 on anything else. */
export function flag(name: string, fallback: number, { zero = false } = {}): number {
  const i = process.argv.indexOf(`--${name}`);
  if (i < 0) return fallback;
  const value = Number(process.argv[i + 1]);
  if (!Number.isFinite(value) || value < 0 || (!zero && value === 0)) {
    const attendu = zero ? 'un nombre positif' : 'un nombre strictement positif';
    process.stderr.write(`--${name} : doit être ${attendu} (reçu « ${process.argv[i + 1]} »)\n`);
    process.exit(2);
  }
  return value;
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

export const round = (x: number) => Math.round(x * 10) / 10;

export interface BenchDatabase {
  /** The test database's name and URL (drop it with `dropTestDatabase(db.name)`). */
  db: { name: string; url: string };
  /** The largest bailleur, whose chargé the bench logs in as. */
  bailleurId: string;
  /** Its flats that may be freed, in the demo's order. */
  flats: Array<{ id: string }>;
  email: string;
  password: string;
}

/** A fresh database seeded with the demo (seed 7) at `scale`, and a chargé `email` of its largest bailleur. */
export async function seedBenchDatabase(
  scale: number,
  email: string,
  log: (line: string) => void,
): Promise<BenchDatabase> {
  const { createTestDatabase, dropTestDatabase } = await import('@aiguillage/persistence/testing/test-database');
  const { buildDataSourceOptions, insertDemo, UserRepository } = await import('@aiguillage/persistence');
  const { generateDepartement, logementsLiberables } = await import('@aiguillage/demo');
  const { hashPassword } = await import('@aiguillage/core');
  const { DataSource } = await import('typeorm');

  const db = await createTestDatabase();
  try {
    log(`Base ${db.name}, génération de la démo (échelle ${scale})…`);
    const demo = generateDepartement({ seed: 7, scale });
    const dataSource = await new DataSource(buildDataSourceOptions(db.url)).initialize();
    await insertDemo(dataSource, demo);
    const sizes = new Map<string, number>();
    for (const l of demo.logements) sizes.set(l.bailleurId, (sizes.get(l.bailleurId) ?? 0) + 1);
    const bailleurId = [...sizes].sort((a, b) => b[1] - a[1])[0][0];
    const password = randomBytes(12).toString('hex');
    await new UserRepository(dataSource).createUser({
      email,
      nom: 'Chargé de bench',
      passwordHash: await hashPassword(password),
      role: 'CHARGE',
      bailleurIds: [bailleurId],
    });
    await dataSource.destroy();
    return { db, bailleurId, flats: logementsLiberables(demo, bailleurId), email, password };
  } catch (error) {
    await dropTestDatabase(db.name).catch(() => undefined);
    throw error;
  }
}

/**
 * Forks `script --server` (through scripts/run.js) with `env` added to this process's, and waits
 * for the URL it sends once listening; the child's standard error is this one's.
 */
export async function forkServer(
  script: string,
  env: Record<string, string>,
  options: Pick<ForkOptions, 'execArgv'> = {},
): Promise<{ server: ChildProcess; url: string }> {
  const server = fork(join(__dirname, 'run.js'), [script, '--server'], {
    ...options,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    server.once('message', (m: { url: string }) => resolve(m.url));
    server.once('exit', (code) => reject(new Error(`le serveur s'est arrêté (code ${code})`)));
  });
  return { server, url };
}

/** Logs in through the API: the JSON headers of an authenticated request, and the bearer token. */
export async function login(
  url: string,
  email: string,
  password: string,
): Promise<{ accessToken: string; headers: Record<string, string> }> {
  const res = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  const { accessToken } = (await res.json()) as { accessToken: string };
  return { accessToken, headers: { 'content-type': 'application/json', authorization: `Bearer ${accessToken}` } };
}

/** Stops a forked server (SIGTERM, SIGKILL after 5 s) and waits for it to exit. */
export async function stopServer(server: ChildProcess | null): Promise<void> {
  if (!server || server.exitCode !== null) return;
  await new Promise<void>((resolve) => {
    server.once('exit', () => resolve());
    server.kill('SIGTERM');
    setTimeout(() => server.kill('SIGKILL'), 5000).unref();
  });
}

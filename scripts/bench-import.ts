/**
 * RPLS import benchmark: writes RPLS files (NOUVEAU layout, realistic lines), imports each into a
 * fresh throw-away database, then re-imports it to show idempotence. Prints the rate, the duration
 * and the peak memory (RSS and heap, sampled every 50 ms during the import) per file size, so that
 * sizes can be compared: memory must not grow with the file.
 *
 *   npm run bench:import                       # 100 000 then 300 000 lines
 *   npm run bench:import -- --sizes=300000 --batch=2000 --json
 *
 * The database `aiguillage_bench_<pid>` is created on the server of DATABASE_URL (default local
 * PostgreSQL) and dropped at the end.
 */
import { buildDataSourceOptions, DEFAULT_DATABASE_URL } from '@aiguillage/persistence';
import {
  importRpls,
  RplsCsvWriter,
  rplsCsvChunks,
  sampleRplsLignes,
  type ImportRplsResult,
} from '@aiguillage/core/imports';
import { randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream, statSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { Client } from 'pg';
import { DataSource } from 'typeorm';

setFlagsFromString('--expose-gc');
const gc: () => void = runInNewContext('gc');

function arg(name: string): string | undefined {
  const hit = process.argv.find((a) => a === `--${name}` || a.startsWith(`--${name}=`));
  return hit === undefined ? undefined : (hit.split('=')[1] ?? 'true');
}
const json = arg('json') !== undefined;
const sizes = (arg('sizes') ?? arg('lines') ?? '100000,300000').split(',').map((s) => {
  const n = Number(s);
  if (!Number.isInteger(n) || n < 1) throw new Error(`--sizes : « ${s} » n'est pas un nombre de lignes`);
  return n;
});
const batchSize = Number(arg('batch') ?? 2000);
const log = (...parts: unknown[]) => {
  if (!json) console.log(...parts);
};

interface MemoryPeak {
  rssMb: number;
  heapMb: number;
  /** Live heap: the largest heap measured right after a forced GC, every 50 000 lines. */
  heapLiveMb: number;
}

const mb = (n: number) => Math.round((n / 1048576) * 10) / 10;

/** Samples RSS and heap every 50 ms while `run` executes. */
async function withMemorySampling<T>(
  run: (onProgress: (p: { lignes: number }) => void) => Promise<T>,
): Promise<{ value: T; peak: MemoryPeak; base: MemoryPeak }> {
  gc();
  const first = process.memoryUsage();
  const base = { rssMb: mb(first.rss), heapMb: mb(first.heapUsed), heapLiveMb: mb(first.heapUsed) };
  let live = first.heapUsed;
  let nextGc = 50_000;
  const onProgress = ({ lignes }: { lignes: number }) => {
    if (lignes < nextGc) return;
    nextGc += 50_000;
    gc();
    live = Math.max(live, process.memoryUsage().heapUsed);
  };
  let rss = first.rss;
  let heap = first.heapUsed;
  const timer = setInterval(() => {
    const m = process.memoryUsage();
    rss = Math.max(rss, m.rss);
    heap = Math.max(heap, m.heapUsed);
  }, 50);
  try {
    const value = await run(onProgress);
    return { value, peak: { rssMb: mb(rss), heapMb: mb(heap), heapLiveMb: mb(live) }, base };
  } finally {
    clearInterval(timer);
  }
}

async function writeFile(path: string, lines: number): Promise<void> {
  const writer = new RplsCsvWriter({ layout: 'NOUVEAU', delimiter: ';' });
  await pipeline(
    Readable.from(rplsCsvChunks(writer, sampleRplsLignes({ count: lines, seed: lines, idPrefix: `B${lines}-` }), 2000)),
    createWriteStream(path),
  );
}

interface RunReport {
  lignes: number;
  octets: number;
  import: ReturnType<typeof summary> & { lignesParSeconde: number; memoire: { depart: MemoryPeak; max: MemoryPeak } };
  reimport: ReturnType<typeof summary> & { lignesParSeconde: number; memoire: { depart: MemoryPeak; max: MemoryPeak } };
}

function summary(r: ImportRplsResult) {
  return {
    lignes: r.lignes,
    importees: r.importees,
    inserees: r.inserees,
    misesAJour: r.misesAJour,
    inchangees: r.inchangees,
    erreurs: r.lignesEnErreur,
    dureeMs: r.dureeMs,
  };
}

async function main(): Promise<void> {
  const serverUrl = new URL(process.env.DATABASE_URL ?? DEFAULT_DATABASE_URL);
  const name = `aiguillage_bench_${process.pid}`;
  const adminUrl = Object.assign(new URL(serverUrl.toString()), { pathname: '/postgres' }).toString();
  const dbUrl = Object.assign(new URL(serverUrl.toString()), { pathname: `/${name}` }).toString();
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  let dataSource: DataSource | undefined;
  const files: string[] = [];
  const cleanup = async () => {
    await dataSource?.destroy().catch(() => undefined);
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.end();
    for (const f of files) unlinkSync(f);
  };
  process.once('SIGINT', () => void cleanup().finally(() => process.exit(130)));

  const runs: RunReport[] = [];
  try {
    dataSource = await new DataSource({ ...buildDataSourceOptions(dbUrl), logging: false }).initialize();
    await dataSource.runMigrations({ transaction: 'each' });
    log(`Base ${name} créée, migrations appliquées. Lots de ${batchSize} lignes.`);

    for (const lines of sizes) {
      const path = join(tmpdir(), `${name}_${lines}.csv`);
      files.push(path);
      const t0 = Date.now();
      await writeFile(path, lines);
      const octets = statSync(path).size;
      log(
        `\n${lines} lignes : fichier RPLS (NOUVEAU, « ; ») écrit en ${Date.now() - t0} ms, ${(octets / 1048576).toFixed(1)} Mo`,
      );

      const bailleurId = randomUUID();
      await dataSource.query(`INSERT INTO "bailleur" ("id", "nom", "siren") VALUES ($1, $2, $3)`, [
        bailleurId,
        `Bench ${lines}`,
        String(lines).padStart(9, '0'),
      ]);
      const first = await withMemorySampling((onProgress) =>
        importRpls({ dataSource: dataSource!, bailleurId, input: createReadStream(path), batchSize, onProgress }),
      );
      const rate = Math.round(first.value.lignes / (first.value.dureeMs / 1000));
      log(
        `  import    : ${first.value.dureeMs} ms, ${rate} lignes/s, ${first.value.inserees} insérées, ${first.value.lignesEnErreur} erreurs`,
      );
      log(
        `  mémoire   : RSS max ${first.peak.rssMb} Mo (départ ${first.base.rssMb}), tas max ${first.peak.heapMb} Mo (départ ${first.base.heapMb}), tas vivant max ${first.peak.heapLiveMb} Mo`,
      );

      const again = await withMemorySampling((onProgress) =>
        importRpls({ dataSource: dataSource!, bailleurId, input: createReadStream(path), batchSize, onProgress }),
      );
      const rateAgain = Math.round(again.value.lignes / (again.value.dureeMs / 1000));
      log(
        `  réimport  : ${again.value.dureeMs} ms, ${rateAgain} lignes/s, ${again.value.inserees} insérées, ${again.value.misesAJour} mises à jour, ${again.value.inchangees} inchangées`,
      );
      const [{ n }] = await dataSource.query(`SELECT count(*)::int AS n FROM "logement" WHERE "bailleur_id" = $1`, [
        bailleurId,
      ]);
      if (n !== lines || again.value.inserees + again.value.misesAJour !== 0)
        throw new Error(`incohérence : ${n} logements en base, réimport non idempotent`);

      runs.push({
        lignes: lines,
        octets,
        import: { ...summary(first.value), lignesParSeconde: rate, memoire: { depart: first.base, max: first.peak } },
        reimport: {
          ...summary(again.value),
          lignesParSeconde: rateAgain,
          memoire: { depart: again.base, max: again.peak },
        },
      });
    }
  } finally {
    await cleanup();
  }

  if (runs.length > 1) {
    const [a, b] = [runs[0], runs[runs.length - 1]];
    const m = (r: RunReport) => r.import.memoire.max;
    log(
      `\nMémoire, ${a.lignes} → ${b.lignes} lignes : RSS max ${m(a).rssMb} → ${m(b).rssMb} Mo, ` +
        `tas max ${m(a).heapMb} → ${m(b).heapMb} Mo, tas vivant (après GC) ${m(a).heapLiveMb} → ${m(b).heapLiveMb} Mo.`,
    );
  }
  if (json) console.log(JSON.stringify({ batchSize, node: process.version, runs }));
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});

import type { Readable } from 'node:stream';
import type { DataSource, QueryRunner } from 'typeorm';
import type { Delimiter } from '../csv/csv-reader';
import { ErreurLigne, ImportRefuseError } from '../csv/errors';
import type { Encoding } from '../csv/text-decoder';
import { ensureCommunes, upsertLogementsRpls, type UpsertResult } from './logement-upsert';
import type { RplsLayout } from './rpls-layout';
import { isLigneRpls, openRpls } from './rpls-parser';
import type { LigneRpls, RowMapperOptions } from './rpls-row';

export interface ImportRplsParams extends RowMapperOptions {
  dataSource: DataSource;
  bailleurId: string;
  input: Readable | AsyncIterable<Uint8Array | string>;
  /** Rows per upsert statement and transaction (default 2 000). */
  batchSize?: number;
  /** At most this many errors are listed (default 1 000); `lignesEnErreur` counts them all. */
  maxErreurs?: number;
  /** Called after each committed batch. */
  onProgress?: (progress: { lignes: number; importees: number }) => void;
}

export interface ImportRplsResult {
  /** Data lines read (header excluded, empty lines ignored). */
  lignes: number;
  /** Lines written or confirmed in the database (inserted + updated + unchanged). */
  importees: number;
  inserees: number;
  misesAJour: number;
  inchangees: number;
  /** Lines rejected (the first `maxErreurs` are detailed in `erreurs`). */
  lignesEnErreur: number;
  erreurs: ErreurLigne[];
  layout: RplsLayout;
  encoding: Encoding;
  delimiter: Delimiter;
  /** Identifier column used, or null when identifiers were derived from the address columns. */
  colonneIdentifiant: string | null;
  dureeMs: number;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Imports a bailleur's patrimoine from an RPLS CSV stream: parses it line by line and upserts the
 * flats in batches, each in its own transaction, idempotent on the RPLS id (re-importing the same
 * file changes nothing). Bad lines are reported with their line and column and skipped; the rest
 * is imported. A file whose header matches no RPLS layout is refused before anything is written.
 *
 * Parsing the next batch overlaps with writing the previous one (one write in flight at a time).
 */
export async function importRpls(params: ImportRplsParams): Promise<ImportRplsResult> {
  const { dataSource, bailleurId, input, onProgress } = params;
  const batchSize = params.batchSize ?? 2000;
  const maxErreurs = params.maxErreurs ?? 1000;
  const started = Date.now();

  if (!UUID.test(bailleurId)) throw new ImportRefuseError(`bailleurId : « ${bailleurId} » n'est pas un identifiant valide`);
  const known: unknown[] = await dataSource.query(`SELECT 1 FROM "bailleur" WHERE "id" = $1`, [bailleurId]);
  if (known.length === 0) throw new ImportRefuseError(`Bailleur ${bailleurId} inconnu`);

  const source = await openRpls(input, params);
  const result: ImportRplsResult = {
    lignes: 0,
    importees: 0,
    inserees: 0,
    misesAJour: 0,
    inchangees: 0,
    lignesEnErreur: 0,
    erreurs: [],
    layout: source.layout,
    encoding: source.encoding,
    delimiter: source.delimiter,
    colonneIdentifiant: source.idColumn,
    dureeMs: 0,
  };
  const reject = (e: ErreurLigne) => {
    result.lignesEnErreur++;
    if (result.erreurs.length < maxErreurs) result.erreurs.push(e);
  };

  const runner = dataSource.createQueryRunner();
  let inFlight: Promise<void> = Promise.resolve();
  const flush = async (batch: LigneRpls[]) => {
    await inFlight; // one write at a time, in order
    inFlight = writeBatch(runner, bailleurId, batch).then((r) => {
      result.inserees += r.inserees;
      result.misesAJour += r.misesAJour;
      result.inchangees += r.inchangees;
      result.importees += r.inserees + r.misesAJour + r.inchangees;
      for (const d of r.doublons) reject({ ligne: d.ligne, colonne: source.idColumn, message: `identifiant ${d.rplsId} en double (déjà ligne ${d.premiere})` });
      if (r.autresBailleurs.length) {
        const foreign = new Set(r.autresBailleurs);
        for (const l of batch) {
          if (foreign.has(l.logement.rplsId)) reject({ ligne: l.ligne, colonne: source.idColumn, message: `le logement ${l.logement.rplsId} appartient à un autre bailleur` });
        }
      }
      onProgress?.({ lignes: result.lignes, importees: result.importees });
    });
    // Surface a failed write at the next flush or at the end, not as an unhandled rejection.
    inFlight.catch(() => undefined);
  };

  try {
    await runner.connect();
    // Identifiers seen so far, kept by PostgreSQL (not in this process: memory stays flat).
    await runner.query(`CREATE TEMPORARY TABLE IF NOT EXISTS "${VUS}" ("rpls_id" varchar PRIMARY KEY, "ligne" int NOT NULL)`);
    await runner.query(`TRUNCATE "${VUS}"`);
    let batch: LigneRpls[] = [];
    for await (const item of source.lignes()) {
      result.lignes++;
      if (!isLigneRpls(item)) {
        reject(item);
        continue;
      }
      batch.push(item);
      if (batch.length >= batchSize) {
        await flush(batch);
        batch = [];
      }
    }
    await flush(batch);
    await inFlight;
  } finally {
    source.close();
    await inFlight.catch(() => undefined);
    if (runner.isTransactionActive) await runner.rollbackTransaction().catch(() => undefined);
    await runner.query(`DROP TABLE IF EXISTS "${VUS}"`).catch(() => undefined);
    await runner.release();
  }
  result.encoding = source.encoding;
  result.erreurs.sort((a, b) => a.ligne - b.ligne);
  result.dureeMs = Date.now() - started;
  return result;
}

/** Session temp table of the identifiers already imported in this run. */
const VUS = 'import_rpls_vus';

interface BatchResult extends UpsertResult {
  doublons: { ligne: number; rplsId: string; premiere: number }[];
}

/**
 * Writes one batch in its own transaction: first sets aside identifiers already seen in this file
 * (earlier batch or earlier in this one), then adds unknown communes and upserts the flats.
 */
async function writeBatch(runner: QueryRunner, bailleurId: string, batch: LigneRpls[]): Promise<BatchResult> {
  await runner.startTransaction();
  try {
    const doublons: BatchResult['doublons'] = [];
    const premieres = new Map<string, number>();
    const uniques = batch.filter((l) => {
      const premiere = premieres.get(l.logement.rplsId);
      if (premiere !== undefined) doublons.push({ ligne: l.ligne, rplsId: l.logement.rplsId, premiere });
      else premieres.set(l.logement.rplsId, l.ligne);
      return premiere === undefined;
    });
    const dejaVus: { rpls_id: string; ligne: number }[] = await runner.query(
      `WITH v AS (SELECT * FROM unnest($1::varchar[], $2::int[]) AS v("rpls_id", "ligne")),
            ins AS (INSERT INTO "${VUS}" SELECT * FROM v ON CONFLICT ("rpls_id") DO NOTHING RETURNING "rpls_id")
       SELECT v."rpls_id", (SELECT d."ligne" FROM "${VUS}" d WHERE d."rpls_id" = v."rpls_id") AS "ligne"
       FROM v WHERE v."rpls_id" NOT IN (SELECT "rpls_id" FROM ins)`,
      [uniques.map((l) => l.logement.rplsId), uniques.map((l) => l.ligne)],
    );
    const avant = new Map(dejaVus.map((d) => [d.rpls_id, d.ligne]));
    const lignes = uniques.filter((l) => {
      const premiere = avant.get(l.logement.rplsId);
      if (premiere !== undefined) doublons.push({ ligne: l.ligne, rplsId: l.logement.rplsId, premiere });
      return premiere === undefined;
    });
    await ensureCommunes(runner, lignes);
    const r = await upsertLogementsRpls(
      runner,
      bailleurId,
      lignes.map((l) => l.logement),
    );
    await runner.commitTransaction();
    return { ...r, doublons };
  } catch (e) {
    await runner.rollbackTransaction();
    throw e;
  }
}

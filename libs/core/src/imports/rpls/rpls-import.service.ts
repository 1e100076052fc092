import type { Readable } from 'node:stream';
import { BailleurRepository, LogementImportSession, type UpsertResult } from '@aiguillage/persistence';
import type { DataSource } from 'typeorm';
import type { Delimiter } from '../csv/csv-reader';
import { ErreurLigne, ImportRefuseError } from '../csv/errors';
import type { Encoding } from '../csv/text-decoder';
import type { RplsLayout } from './rpls-layout';
import { isLigneRpls, openRpls } from './rpls-parser';
import type { LigneRpls, RowMapperOptions } from './rpls-row';
import { signalerReferenceModifiee } from '../../platform/live/reference';

export interface ImportRplsParams extends RowMapperOptions {
  dataSource: DataSource;
  bailleurId: string;
  input: Readable | AsyncIterable<Uint8Array | string>;
  /** Rows per upsert statement, each atomic (default 2 000). */
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
 * flats in batches, each one atomic statement, idempotent on the RPLS id (re-importing the same
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

  if (!UUID.test(bailleurId))
    throw new ImportRefuseError(`bailleurId : « ${bailleurId} » n'est pas un identifiant valide`);
  if (!(await new BailleurRepository(dataSource).exists(bailleurId)))
    throw new ImportRefuseError(`Bailleur ${bailleurId} inconnu`);

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
  const session = new LogementImportSession(runner, bailleurId);
  let inFlight: Promise<void> = Promise.resolve();
  const flush = async (batch: LigneRpls[]) => {
    await inFlight; // one write at a time, in order
    inFlight = writeBatch(session, batch).then((r) => {
      result.inserees += r.inserees;
      result.misesAJour += r.misesAJour;
      result.inchangees += r.inchangees;
      result.importees += r.inserees + r.misesAJour + r.inchangees;
      for (const d of r.doublons)
        reject({
          ligne: d.ligne,
          colonne: source.idColumn,
          message: `identifiant ${d.rplsId} en double (déjà ligne ${d.premiere})`,
        });
      for (const a of r.autresBailleurs)
        reject({
          ligne: a.ligne,
          colonne: source.idColumn,
          message: `le logement ${a.rplsId} appartient à un autre bailleur`,
        });
      onProgress?.({ lignes: result.lignes, importees: result.importees });
    });
    // Surface a failed write at the next flush or at the end, not as an unhandled rejection.
    inFlight.catch(() => undefined);
  };

  try {
    await runner.connect();
    await session.open();
    let batch: LigneRpls[] = [];
    for await (const item of source.lignes()) {
      // Parsing runs in this thread while a batch is written: let the database's answers in.
      if (++result.lignes % 500 === 0) await new Promise(setImmediate);
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
    if (result.inserees + result.misesAJour > 0) await signalerReferenceModifiee(dataSource, [bailleurId]);
  } finally {
    source.close();
    await inFlight.catch(() => undefined);
    await session.close().catch(() => undefined);
    await runner.release();
  }
  result.encoding = source.encoding;
  result.erreurs.sort((a, b) => a.ligne - b.ligne);
  result.dureeMs = Date.now() - started;
  return result;
}

/** Sets aside identifiers repeated within the batch, then writes it (one atomic statement). */
async function writeBatch(session: LogementImportSession, batch: LigneRpls[]): Promise<UpsertResult> {
  const premieres = new Map<string, number>();
  const repetes: UpsertResult['doublons'] = [];
  const uniques = batch.filter((l) => {
    const premiere = premieres.get(l.logement.rplsId);
    if (premiere !== undefined) repetes.push({ ligne: l.ligne, rplsId: l.logement.rplsId, premiere });
    else premieres.set(l.logement.rplsId, l.ligne);
    return premiere === undefined;
  });
  const r = await session.write(uniques);
  return { ...r, doublons: [...repetes, ...r.doublons] };
}

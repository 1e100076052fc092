import { Readable } from 'node:stream';
import { LIBERATION_KINDS, MOTIFS_LIBERATION, type LiberationKind, type MotifLiberation } from '@aiguillage/engine';
import { InvalidInputError, LogementRepository } from '@aiguillage/persistence';
import type { DataSource } from 'typeorm';
import type { AccessScope } from '../platform/auth/access-scope';
import { AiguillageError, RequeteInvalideError } from '../errors/domain-errors';
import { NonTraitableError } from '../platform/live/flow.errors';
import type { LiberationResult } from './liberation-flow.service';
import { DeclarerLiberation } from './commands';
import { creerCommande } from '../platform/validation/creer-commande';
import { isErreur, openCsv, type Delimiter } from '../imports/csv/csv-reader';
import { ImportRefuseError, ValeurInvalideError, type ErreurLigne } from '../imports/csv/errors';
import type { Encoding } from '../imports/csv/text-decoder';
import { isBlank, parseDateIso } from '../imports/csv/values';

/** `LiberationFlowService.declare`, passed in so that this import stays a plain function of the core. */
export type DeclarerDansLeFlux = (
  scope: AccessScope,
  input: DeclarerLiberation,
  idempotencyKey: string | undefined,
  champ: string,
) => Promise<LiberationResult>;

export interface ImportLiberationsParams {
  dataSource: DataSource;
  /** The caller; the libérations are declared with this scope narrowed to `bailleurId`. */
  scope: AccessScope;
  bailleurId: string;
  input: Readable | Buffer | string | AsyncIterable<Uint8Array | string>;
  declare: DeclarerDansLeFlux;
  /** Data lines processed at most (default 10 000); the following ones are reported, not processed. */
  maxLignes?: number;
  /** At most this many errors are listed (default 1 000); `lignesEnErreur` counts them all. */
  maxErreurs?: number;
  /** Lines whose RPLS ids are resolved by one query (default 500). */
  batchSize?: number;
}

export interface ImportLiberationsResult {
  /** Data lines read (header excluded, empty lines ignored). */
  lignes: number;
  /** Libérations created (each with its recommendation pushed live). */
  creees: number;
  /** Lines already declared (same flat, same day): nothing created. */
  existantes: number;
  /** Lines rejected (the first `maxErreurs` are detailed in `erreurs`, in line order). */
  lignesEnErreur: number;
  erreurs: ErreurLigne[];
  encoding: Encoding;
  delimiter: Delimiter;
}

export const MAX_LIGNES_LIBERATIONS = 10_000;

/** Accepted header names (case-insensitive, accents and `_`/`-`/spaces ignored) for each field. */
const ALIASES = {
  rpls: ['rpls', 'rplsid', 'identifiantrpls', 'idrpls'],
  logementId: ['logementid', 'idlogement'],
  date: ['date', 'dateliberation'],
  motif: ['motif'],
  kind: ['type', 'kind'],
} as const;
type Champ = keyof typeof ALIASES;

const normalize = (name: string) =>
  name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[\s_-]/g, '');

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** One valid line waiting for its flat to be resolved, then declared. */
interface LigneValide {
  ligne: number;
  rpls: string | null;
  logementId: string | null;
  date: string;
  motif: MotifLiberation;
  kind: LiberationKind;
}

/**
 * Imports a file of libérations (notices of the month, keyed by the flat's RPLS id or its uuid):
 * each valid line is declared through the live flow (`declare`: idempotent on the flat and day,
 * recommendation computed and pushed), sequentially and in file order. Bad lines are reported with
 * their line, column and a French reason; the others go through. A file without a usable header is
 * refused before anything is written. Streamed: RPLS ids are resolved by batches, one query each.
 */
export async function importLiberations(params: ImportLiberationsParams): Promise<ImportLiberationsResult> {
  const { dataSource, bailleurId, declare } = params;
  const maxLignes = params.maxLignes ?? MAX_LIGNES_LIBERATIONS;
  const maxErreurs = params.maxErreurs ?? 1000;
  const batchSize = params.batchSize ?? 500;
  if (!UUID.test(bailleurId))
    throw new ImportRefuseError(`bailleurId : « ${bailleurId} » n'est pas un identifiant valide`);
  // Only this bailleur's flats: a uuid of another bailleur of the caller is an unknown flat here.
  const scope: AccessScope = { ...params.scope, bailleurIds: [bailleurId] };

  const input =
    typeof params.input === 'string' || Buffer.isBuffer(params.input)
      ? Readable.from([Buffer.from(params.input)])
      : params.input;
  const doc = await openCsv(input);
  const colonnes = new Map<Champ, { index: number; nom: string }>();
  try {
    doc.header.forEach((nom, index) => {
      const n = normalize(nom);
      for (const champ of Object.keys(ALIASES) as Champ[]) {
        if (!colonnes.has(champ) && (ALIASES[champ] as readonly string[]).includes(n))
          colonnes.set(champ, { index, nom });
      }
    });
    const manquantes = [
      !colonnes.has('rpls') && !colonnes.has('logementId') ? '« rpls » ou « logementId »' : null,
      !colonnes.has('date') ? '« date »' : null,
      !colonnes.has('motif') ? '« motif »' : null,
    ].filter((m): m is string => m !== null);
    if (manquantes.length) {
      throw new ImportRefuseError(
        `En-tête inutilisable : colonne${manquantes.length > 1 ? 's' : ''} ${manquantes.join(', ')} introuvable${manquantes.length > 1 ? 's' : ''} (en-tête lu : ${doc.header.join(doc.delimiter)}).`,
      );
    }
  } catch (e) {
    doc.close();
    throw e;
  }
  const nomColonne = (champ: Champ) => colonnes.get(champ)?.nom ?? champ;

  const result: ImportLiberationsResult = {
    lignes: 0,
    creees: 0,
    existantes: 0,
    lignesEnErreur: 0,
    erreurs: [],
    encoding: doc.encoding,
    delimiter: doc.delimiter,
  };
  const reject = (e: ErreurLigne) => {
    result.lignesEnErreur++;
    if (result.erreurs.length < maxErreurs) result.erreurs.push(e);
  };

  /** Resolves the batch's RPLS ids (one query, this bailleur only), then declares each line in order. */
  const flush = async (batch: LigneValide[]) => {
    const rplsIds = [...new Set(batch.filter((l) => l.rpls !== null).map((l) => l.rpls!))];
    const ids = await new LogementRepository(dataSource).idsByRpls(bailleurId, rplsIds);
    for (const l of batch) {
      const logementId = l.logementId ?? ids.get(l.rpls!);
      if (!logementId) {
        reject({
          ligne: l.ligne,
          colonne: nomColonne('rpls'),
          message: `logement RPLS « ${l.rpls} » inconnu pour ce bailleur`,
        });
        continue;
      }
      const champ = `ligne ${l.ligne}`;
      try {
        const commande = await creerCommande(DeclarerLiberation, {
          logementId,
          date: l.date,
          motif: l.motif,
          kind: l.kind,
        });
        const r = await declare(scope, commande, undefined, champ);
        if (r.created) result.creees++;
        else result.existantes++;
      } catch (error) {
        const refus = refusDeclaration(error);
        if (!refus) throw error;
        const champErreur = refus.champ.startsWith(`${champ}.`) ? refus.champ.slice(champ.length + 1) : refus.champ;
        const racine = champErreur.split('.')[0];
        const colonne =
          racine === 'logementId'
            ? nomColonne(l.rpls !== null ? 'rpls' : 'logementId')
            : racine === 'date' || racine === 'motif' || racine === 'kind'
              ? nomColonne(racine)
              : null;
        reject({ ligne: l.ligne, colonne, message: refus.raison });
      }
    }
  };

  /** « au plus 10 000 lignes par fichier » (plain spaces between thousands). */
  const tropDeLignes = `au plus ${String(maxLignes).replace(/\B(?=(\d{3})+(?!\d))/g, ' ')} lignes par fichier : ligne non traitée`;
  try {
    let batch: LigneValide[] = [];
    for await (const record of doc.records()) {
      if (isErreur(record)) {
        result.lignes++;
        if (result.lignes > maxLignes) reject({ ligne: record.ligne, colonne: null, message: tropDeLignes });
        else reject(record);
        continue;
      }
      result.lignes++;
      if (result.lignes > maxLignes) {
        reject({ ligne: record.ligne, colonne: null, message: tropDeLignes });
        continue;
      }
      const ligne = lireLigne(record.ligne, record.champs, colonnes, nomColonne);
      if ('erreur' in ligne) {
        reject(ligne.erreur);
        continue;
      }
      batch.push(ligne);
      if (batch.length >= batchSize) {
        await flush(batch);
        batch = [];
      }
    }
    await flush(batch);
  } finally {
    doc.close();
  }
  result.encoding = doc.encoding;
  result.erreurs.sort((a, b) => a.ligne - b.ligne);
  return result;
}

/** Parses one record; the first bad field is the line's error. */
function lireLigne(
  ligne: number,
  champs: string[],
  colonnes: Map<Champ, { index: number; nom: string }>,
  nomColonne: (c: Champ) => string,
): LigneValide | { erreur: ErreurLigne } {
  const valeur = (c: Champ) => {
    const col = colonnes.get(c);
    return col ? champs[col.index].trim() : '';
  };
  const erreur = (c: Champ | null, message: string) => ({
    erreur: { ligne, colonne: c ? nomColonne(c) : null, message },
  });

  const rpls = valeur('rpls');
  const logementId = valeur('logementId');
  if (!rpls && !logementId) {
    return erreur(
      colonnes.has('rpls') ? 'rpls' : 'logementId',
      colonnes.has('rpls') && colonnes.has('logementId') ? 'identifiant RPLS ou logementId requis' : 'valeur requise',
    );
  }
  if (!rpls && !UUID.test(logementId))
    return erreur('logementId', `« ${logementId} » n'est pas un identifiant de logement valide (uuid)`);
  if (rpls.length > 32) return erreur('rpls', `« ${rpls} » : un identifiant RPLS a au plus 32 caractères`);

  let date: string;
  const rawDate = valeur('date');
  if (isBlank(rawDate)) return erreur('date', 'valeur requise');
  try {
    date = parseDateIso(rawDate, 'une date');
  } catch (e) {
    if (e instanceof ValeurInvalideError) return erreur('date', e.message);
    throw e;
  }

  const rawMotif = valeur('motif');
  if (isBlank(rawMotif)) return erreur('motif', 'valeur requise');
  const motif = MOTIFS_LIBERATION.find((m) => m === rawMotif.toUpperCase());
  if (!motif)
    return erreur(
      'motif',
      `« ${rawMotif} » n'est pas un motif de libération (attendu l'un de : ${MOTIFS_LIBERATION.join(', ')})`,
    );

  const rawKind = valeur('kind');
  const kind = isBlank(rawKind) ? 'ROTATION' : LIBERATION_KINDS.find((k) => k === rawKind.toUpperCase());
  if (!kind)
    return erreur(
      'kind',
      `« ${rawKind} » n'est pas un type de libération (attendu l'un de : ${LIBERATION_KINDS.join(', ')})`,
    );

  // With both columns filled, the RPLS id (what the bailleur's software knows) is the key.
  return { ligne, rpls: rpls || null, logementId: rpls ? null : logementId, date, motif, kind };
}

/** A refusal of one declaration (400 / 404 / 422 of the flow) as a field and a French reason; null for anything else. */
function refusDeclaration(error: unknown): { champ: string; raison: string } | null {
  if (error instanceof NonTraitableError) return { champ: error.champ, raison: error.raison };
  if (error instanceof InvalidInputError) return { champ: error.field, raison: error.reason };
  if (error instanceof RequeteInvalideError && error.erreurs.length > 0) return error.erreurs[0];
  if (
    error instanceof AiguillageError &&
    (error.kind === 'INVALIDE' || error.kind === 'INTROUVABLE' || error.kind === 'CONFLIT')
  )
    return { champ: '', raison: error.message };
  return null;
}

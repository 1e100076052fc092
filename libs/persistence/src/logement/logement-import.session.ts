import type { Logement } from '@aiguillage/engine/domain';
import type { QueryRunner } from 'typeorm';

/** The fields of a Logement an RPLS file carries (the bailleur's own fields are left untouched). */
export type LogementRpls = Pick<
  Logement,
  | 'rplsId'
  | 'commune'
  | 'epci'
  | 'departement'
  | 'qpv'
  | 'qpvCode'
  | 'typologie'
  | 'financement'
  | 'financementCode'
  | 'anneeConstruction'
  | 'etage'
  | 'ascenseur'
  | 'pmr'
  | 'surfaceM2'
  | 'loyerCentimes'
> & {
  epci: string | null;
  qpvCode: string | null;
  financementCode: string | null;
  anneeConstruction: number | null;
  etage: number | null;
  ascenseur: boolean | null;
  pmr: boolean | null;
  surfaceM2: number | null;
  loyerCentimes: number | null;
};

export interface LigneRpls {
  ligne: number;
  logement: LogementRpls;
  /** Names carried by the file, used to create communes / EPCIs unknown to the référentiel. */
  communeNom: string | null;
  epciNom: string | null;
}

/**
 * Writes RPLS lines into the persistence engineer's `logement` table, idempotent on `rpls_id`,
 * within one import session (one connection):
 *
 * - each batch is ONE statement (one round trip, atomic on its own: a failing batch writes nothing);
 * - rows travel as typed arrays (unnest): the statement stays small and its plan cached;
 * - only the RPLS-derived columns are written; what the bailleur maintains itself (programme,
 *   DEFENSE stock, sale/demolition plan, former réservataire) is never touched by a re-import;
 * - an unchanged row is not rewritten (no dead tuple, `updated_at` kept);
 * - a row whose `rpls_id` belongs to another bailleur is reported, never written;
 * - an identifier already seen earlier in the file is reported with the line that first had it:
 *   the identifiers seen so far live in a temporary table of the session, not in process memory.
 */
const COLUMNS: { col: string; type: string; get: (l: LogementRpls) => unknown }[] = [
  { col: 'rpls_id', type: 'varchar', get: (l) => l.rplsId },
  { col: 'commune', type: 'varchar', get: (l) => l.commune },
  { col: 'epci', type: 'varchar', get: (l) => l.epci },
  { col: 'departement', type: 'varchar', get: (l) => l.departement },
  { col: 'qpv', type: 'bool', get: (l) => l.qpv },
  { col: 'qpv_code', type: 'varchar', get: (l) => l.qpvCode },
  { col: 'typologie', type: 'typologie', get: (l) => l.typologie },
  { col: 'financement', type: 'financement', get: (l) => l.financement },
  { col: 'financement_code', type: 'varchar', get: (l) => l.financementCode },
  { col: 'annee_construction', type: 'int2', get: (l) => l.anneeConstruction },
  { col: 'etage', type: 'int2', get: (l) => l.etage },
  { col: 'ascenseur', type: 'bool', get: (l) => l.ascenseur },
  { col: 'pmr', type: 'bool', get: (l) => l.pmr },
  { col: 'surface_m2', type: 'numeric', get: (l) => l.surfaceM2 },
  { col: 'loyer_centimes', type: 'int4', get: (l) => l.loyerCentimes },
];

/** Session temp table of the identifiers already imported in this run, with their line. */
const VUS = 'import_rpls_vus';

const cols = COLUMNS.map((c) => `"${c.col}"`).join(', ');
const data = COLUMNS.filter((c) => c.col !== 'rpls_id');
const distinct = (a: string, b: string) =>
  `(${data.map((c) => `${a}."${c.col}"`).join(', ')}) IS DISTINCT FROM (${data.map((c) => `${b}."${c.col}"`).join(', ')})`;
const LIGNE = `$${COLUMNS.length + 2}`;

/*
 * - `vus` records the batch's identifiers; those already there (earlier batches) are set aside.
 * - `cur` looks each row up by rpls_id. The LATERAL ... LIMIT 1 forces one unique-index probe per
 *   row: a plain join lets the planner pick a sequential scan of the whole table, whose statistics
 *   lag behind during a large import (seen: 10x slower at 300 000 flats).
 * - only new rows and changed rows of this bailleur reach the INSERT: ON CONFLICT DO UPDATE locks
 *   every conflicting row even when its WHERE rejects the update, which would dirty every page of
 *   the table on a re-import. The ON CONFLICT clause keeps the statement right under concurrency.
 * - the final SELECT reads `import_rpls_vus` as it was before the statement: a duplicate's first line.
 */
const UPSERT_SQL = `
  WITH t0 AS (
    SELECT * FROM unnest(${COLUMNS.map((c, i) => `$${i + 2}::${c.type}[]`).join(', ')}, ${LIGNE}::int[]) AS t(${cols}, "ligne")
  ),
  vus AS (
    INSERT INTO "${VUS}" ("rpls_id", "ligne") SELECT "rpls_id", "ligne" FROM t0
    ON CONFLICT ("rpls_id") DO NOTHING RETURNING "rpls_id"
  ),
  cur AS (
    SELECT t.*, l."bailleur_id" AS "owner", l."rpls_id" IS NULL AS "nouveau", ${distinct('l', 't')} AS "change"
    FROM t0 t LEFT JOIN LATERAL (SELECT * FROM "logement" x WHERE x."rpls_id" = t."rpls_id" LIMIT 1) l ON true
    WHERE t."rpls_id" IN (SELECT "rpls_id" FROM vus)
  ),
  ins AS (
    INSERT INTO "logement" ("bailleur_id", ${cols})
    SELECT $1::uuid, ${COLUMNS.map((c) => `cur."${c.col}"`).join(', ')}
    FROM cur WHERE cur."nouveau" OR (cur."owner" = $1::uuid AND cur."change")
    ON CONFLICT ("rpls_id") DO UPDATE SET
      ${data.map((c) => `"${c.col}" = EXCLUDED."${c.col}"`).join(',\n      ')},
      "updated_at" = now()
    WHERE "logement"."bailleur_id" = EXCLUDED."bailleur_id" AND ${distinct('"logement"', 'EXCLUDED')}
    RETURNING (xmax = 0) AS "inserted"
  )
  SELECT
    (SELECT count(*) FROM ins WHERE "inserted")::int AS "inserees",
    (SELECT count(*) FROM ins WHERE NOT "inserted")::int AS "mises_a_jour",
    (SELECT coalesce(array_agg("rpls_id"), '{}') FROM cur WHERE "owner" <> $1::uuid) AS "autres",
    (SELECT coalesce(json_agg(json_build_array(t0."ligne", t0."rpls_id", (SELECT d."ligne" FROM "${VUS}" d WHERE d."rpls_id" = t0."rpls_id"))), '[]')
       FROM t0 WHERE t0."rpls_id" NOT IN (SELECT "rpls_id" FROM vus)) AS "doublons"`;

export interface UpsertResult {
  inserees: number;
  misesAJour: number;
  inchangees: number;
  /** Lines whose flat already belongs to another bailleur (not written). */
  autresBailleurs: { ligne: number; rplsId: string }[];
  /** Lines whose identifier appeared earlier in the file (not written), with that first line. */
  doublons: { ligne: number; rplsId: string; premiere: number }[];
}

export class LogementImportSession {
  /** Communes and EPCIs already ensured in this run (bounded by the référentiel's size). */
  private readonly connus = new Set<string>();

  constructor(
    private readonly runner: QueryRunner,
    private readonly bailleurId: string,
  ) {}

  async open(): Promise<void> {
    await this.runner.query(
      `CREATE TEMPORARY TABLE IF NOT EXISTS "${VUS}" ("rpls_id" varchar PRIMARY KEY, "ligne" int NOT NULL)`,
    );
    await this.runner.query(`TRUNCATE "${VUS}"`);
  }

  async close(): Promise<void> {
    await this.runner.query(`DROP TABLE IF EXISTS "${VUS}"`);
  }

  /** Writes one batch (identifiers unique within it); communes / EPCIs first, then the flats atomically. */
  async write(lignes: LigneRpls[]): Promise<UpsertResult> {
    await this.ensureCommunes(lignes);
    if (lignes.length === 0) return { inserees: 0, misesAJour: 0, inchangees: 0, autresBailleurs: [], doublons: [] };
    const params: unknown[] = [
      this.bailleurId,
      ...COLUMNS.map((c) => lignes.map((l) => c.get(l.logement))),
      lignes.map((l) => l.ligne),
    ];
    const [r] = (await this.runner.query(UPSERT_SQL, params)) as {
      inserees: number;
      mises_a_jour: number;
      autres: string[];
      doublons: [number, string, number][];
    }[];
    const autres = new Set(r.autres);
    const autresBailleurs = lignes
      .filter((l) => autres.has(l.logement.rplsId))
      .map((l) => ({ ligne: l.ligne, rplsId: l.logement.rplsId }));
    const doublons = r.doublons.map(([ligne, rplsId, premiere]) => ({ ligne, rplsId, premiere }));
    return {
      inserees: r.inserees,
      misesAJour: r.mises_a_jour,
      inchangees: lignes.length - r.inserees - r.mises_a_jour - autresBailleurs.length - doublons.length,
      autresBailleurs,
      doublons,
    };
  }

  /**
   * Adds to the référentiel the EPCIs and communes the file names and the database does not know
   * yet (existing ones are left as they are). A commune needs its EPCI: lines without one are
   * skipped. Reference data, idempotent: committed on its own, before the batch's flats.
   */
  private async ensureCommunes(lignes: LigneRpls[]): Promise<void> {
    const epcis = new Map<string, { nom: string; departement: string }>();
    const communes = new Map<string, { nom: string; epci: string; departement: string }>();
    for (const { logement: l, communeNom, epciNom } of lignes) {
      if (!l.epci) continue;
      if (epciNom && !this.connus.has(`E${l.epci}`) && !epcis.has(l.epci))
        epcis.set(l.epci, { nom: epciNom, departement: l.departement });
      if (communeNom && !this.connus.has(`C${l.commune}`) && !communes.has(l.commune))
        communes.set(l.commune, { nom: communeNom, epci: l.epci, departement: l.departement });
    }
    if (epcis.size) {
      await this.runner.query(
        `INSERT INTO "epci" ("siren", "nom", "departement")
         SELECT * FROM unnest($1::varchar[], $2::varchar[], $3::varchar[]) ON CONFLICT DO NOTHING`,
        [
          [...epcis.keys()],
          [...epcis.values()].map((e) => e.nom.slice(0, 200)),
          [...epcis.values()].map((e) => e.departement),
        ],
      );
      for (const siren of epcis.keys()) this.connus.add(`E${siren}`);
    }
    if (communes.size) {
      // Only communes whose EPCI exists (given by this file or already known).
      await this.runner.query(
        `INSERT INTO "commune" ("insee", "nom", "epci", "departement")
         SELECT t.* FROM unnest($1::varchar[], $2::varchar[], $3::varchar[], $4::varchar[]) AS t(insee, nom, epci, departement)
         WHERE EXISTS (SELECT 1 FROM "epci" e WHERE e."siren" = t.epci)
         ON CONFLICT DO NOTHING`,
        [
          [...communes.keys()],
          [...communes.values()].map((c) => c.nom.slice(0, 200)),
          [...communes.values()].map((c) => c.epci),
          [...communes.values()].map((c) => c.departement),
        ],
      );
      for (const insee of communes.keys()) this.connus.add(`C${insee}`);
    }
  }
}

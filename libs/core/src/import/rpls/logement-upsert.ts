import type { QueryRunner } from 'typeorm';
import type { LigneRpls, LogementRpls } from './rpls-row';

/**
 * Bulk upsert of RPLS rows into the persistence engineer's `logement` table, idempotent on
 * `rpls_id`. One statement per batch: the rows travel as 15 typed arrays (unnest), which keeps the
 * statement small and its plan cached whatever the batch size.
 *
 * Only the RPLS-derived columns are written; what the bailleur maintains itself (programme,
 * DEFENSE stock, sale/demolition plan, former réservataire) is never touched by a re-import.
 * A row whose values are all unchanged is not rewritten (no dead tuple, `updated_at` kept).
 * A row whose `rpls_id` belongs to another bailleur is neither inserted nor updated.
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

const cols = COLUMNS.map((c) => `"${c.col}"`).join(', ');
const data = COLUMNS.filter((c) => c.col !== 'rpls_id');
const distinct = (a: string, b: string) => `(${data.map((c) => `${a}."${c.col}"`).join(', ')}) IS DISTINCT FROM (${data.map((c) => `${b}."${c.col}"`).join(', ')})`;
/*
 * One statement per batch:
 * - `cur` looks each row up by rpls_id. The LATERAL ... LIMIT 1 forces one unique-index probe per
 *   row: a plain join lets the planner pick a sequential scan of the whole table, whose statistics
 *   lag behind during a large import (seen: 10x slower at 300 000 flats).
 * - only new rows and changed rows of this bailleur reach the INSERT: ON CONFLICT DO UPDATE locks
 *   every conflicting row even when its WHERE rejects the update, which would dirty every page of
 *   the table on a re-import. The ON CONFLICT clause keeps the statement right under concurrency.
 * - rows held by another bailleur are reported, never written.
 */
const UPSERT_SQL = `
  WITH t AS (
    SELECT * FROM unnest(${COLUMNS.map((c, i) => `$${i + 2}::${c.type}[]`).join(', ')}) AS t(${cols})
  ),
  cur AS (
    SELECT t.*, l."bailleur_id" AS "owner", l."rpls_id" IS NULL AS "nouveau", ${distinct('l', 't')} AS "change"
    FROM t LEFT JOIN LATERAL (SELECT * FROM "logement" x WHERE x."rpls_id" = t."rpls_id" LIMIT 1) l ON true
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
    (SELECT coalesce(array_agg("rpls_id"), '{}') FROM cur WHERE "owner" <> $1::uuid) AS "autres"`;

export interface UpsertResult {
  inserees: number;
  misesAJour: number;
  inchangees: number;
  /** RPLS ids of the batch already held by another bailleur (not written). */
  autresBailleurs: string[];
}

export async function upsertLogementsRpls(runner: QueryRunner, bailleurId: string, rows: LogementRpls[]): Promise<UpsertResult> {
  if (rows.length === 0) return { inserees: 0, misesAJour: 0, inchangees: 0, autresBailleurs: [] };
  const params: unknown[] = [bailleurId, ...COLUMNS.map((c) => rows.map(c.get))];
  const [r]: { inserees: number; mises_a_jour: number; autres: string[] }[] = await runner.query(UPSERT_SQL, params);
  return {
    inserees: r.inserees,
    misesAJour: r.mises_a_jour,
    inchangees: rows.length - r.inserees - r.mises_a_jour - r.autres.length,
    autresBailleurs: r.autres,
  };
}

/**
 * Adds to the référentiel the EPCIs and communes the file names and the database does not know yet
 * (existing ones are left as they are). A commune needs its EPCI: lines without one are skipped.
 */
export async function ensureCommunes(runner: QueryRunner, lignes: LigneRpls[]): Promise<void> {
  const epcis = new Map<string, { nom: string; departement: string }>();
  const communes = new Map<string, { nom: string; epci: string; departement: string }>();
  for (const { logement: l, communeNom, epciNom } of lignes) {
    if (!l.epci) continue;
    if (epciNom && !epcis.has(l.epci)) epcis.set(l.epci, { nom: epciNom, departement: l.departement });
    if (communeNom && !communes.has(l.commune)) communes.set(l.commune, { nom: communeNom, epci: l.epci, departement: l.departement });
  }
  if (epcis.size) {
    await runner.query(
      `INSERT INTO "epci" ("siren", "nom", "departement")
       SELECT * FROM unnest($1::varchar[], $2::varchar[], $3::varchar[]) ON CONFLICT DO NOTHING`,
      [[...epcis.keys()], [...epcis.values()].map((e) => e.nom.slice(0, 200)), [...epcis.values()].map((e) => e.departement)],
    );
  }
  if (communes.size) {
    // Only communes whose EPCI exists (given by this file or already known).
    await runner.query(
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
  }
}

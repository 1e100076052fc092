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
const UPSERT_SQL = `
  INSERT INTO "logement" ("bailleur_id", ${cols})
  SELECT $1::uuid, ${COLUMNS.map((c) => `t."${c.col}"`).join(', ')}
  FROM unnest(${COLUMNS.map((c, i) => `$${i + 2}::${c.type}[]`).join(', ')}) AS t(${cols})
  ON CONFLICT ("rpls_id") DO UPDATE SET
    ${data.map((c) => `"${c.col}" = EXCLUDED."${c.col}"`).join(',\n    ')},
    "updated_at" = now()
  WHERE "logement"."bailleur_id" = EXCLUDED."bailleur_id"
    AND (${data.map((c) => `"logement"."${c.col}"`).join(', ')}) IS DISTINCT FROM (${data.map((c) => `EXCLUDED."${c.col}"`).join(', ')})
  RETURNING "rpls_id", (xmax = 0) AS "inserted"`;

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
  const written: { rpls_id: string; inserted: boolean }[] = await runner.query(UPSERT_SQL, params);
  const inserees = written.filter((w) => w.inserted).length;
  const misesAJour = written.length - inserees;
  let autresBailleurs: string[] = [];
  if (written.length < rows.length) {
    const done = new Set(written.map((w) => w.rpls_id));
    const untouched = rows.map((r) => r.rplsId).filter((id) => !done.has(id));
    const foreign: { rpls_id: string }[] = await runner.query(
      `SELECT "rpls_id" FROM "logement" WHERE "rpls_id" = ANY($1::varchar[]) AND "bailleur_id" <> $2::uuid`,
      [untouched, bailleurId],
    );
    autresBailleurs = foreign.map((f) => f.rpls_id);
  }
  return { inserees, misesAJour, inchangees: rows.length - written.length - autresBailleurs.length, autresBailleurs };
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

import { FINANCEMENTS, TYPOLOGIES, type Logement, type Typologie } from '@aiguillage/engine/domain';
import { InvalidInputError } from '../errors';
import {
  chunks,
  managerOf,
  orNull,
  pageBounds,
  requireScope,
  type Db,
  type Page,
  type Pagination,
} from '../repository.utils';
import { check } from '../validation';
import { HORS_ASSIETTE, LogementEntity } from './logement.entity';

/** A flat to write: the domain shape, `id` optional (generated when absent, kept on update). */
export type LogementInput = Omit<Logement, 'id'> & { id?: string };

export interface LogementFilter extends Pagination {
  bailleurIds: readonly string[];
  departement?: string;
  commune?: string;
  qpv?: boolean;
  typologie?: Typologie;
  programmeId?: string;
}

export interface UpsertCounts {
  inserted: number;
  updated: number;
  unchanged: number;
}

type Row = Record<Exclude<keyof Logement, 'id'>, unknown>;

/** Columns written by the bulk upsert, with the PostgreSQL array type used to `unnest` them. */
const COLUMNS: ReadonlyArray<readonly [keyof Row, string, string]> = [
  ['rplsId', 'rpls_id', 'varchar'],
  ['bailleurId', 'bailleur_id', 'uuid'],
  ['programmeId', 'programme_id', 'uuid'],
  ['commune', 'commune', 'varchar'],
  ['epci', 'epci', 'varchar'],
  ['departement', 'departement', 'varchar'],
  ['qpv', 'qpv', 'boolean'],
  ['qpvCode', 'qpv_code', 'varchar'],
  ['typologie', 'typologie', 'typologie'],
  ['financement', 'financement', 'financement'],
  ['financementCode', 'financement_code', 'varchar'],
  ['anneeConstruction', 'annee_construction', 'smallint'],
  ['etage', 'etage', 'smallint'],
  ['ascenseur', 'ascenseur', 'boolean'],
  ['pmr', 'pmr', 'boolean'],
  ['surfaceM2', 'surface_m2', 'numeric'],
  ['loyerCentimes', 'loyer_centimes', 'integer'],
  ['stockDefense', 'stock_defense', 'boolean'],
  ['horsAssiette', 'hors_assiette', 'hors_assiette'],
  ['ancienReservataireId', 'ancien_reservataire_id', 'uuid'],
];

const names = COLUMNS.map(([, column]) => column);
const UPSERT_SQL = `
  INSERT INTO logement AS l (id, ${names.join(', ')})
  SELECT coalesce(u.id, gen_random_uuid()), ${names.map((n) => `u.${n}`).join(', ')}
  FROM unnest($1::uuid[], ${COLUMNS.map(([, , type], i) => `$${i + 2}::${type}[]`).join(', ')}) AS u(id, ${names.join(', ')})
  ON CONFLICT (rpls_id) DO UPDATE SET ${names.map((n) => `${n} = EXCLUDED.${n}`).join(', ')}, updated_at = now()
  WHERE (${names.map((n) => `l.${n}`).join(', ')}) IS DISTINCT FROM (${names.map((n) => `EXCLUDED.${n}`).join(', ')})
  RETURNING (xmax = 0) AS inserted`;

/** Rows per statement: one array parameter per column, so the size only bounds memory and lock time. */
const CHUNK = 5000;

/**
 * Kept for the writers that do not go through the `CreerLogement` / `ModifierLogement` commands: the
 * demo loader's data set and the tests' fixtures.
 */
export function validateLogement(row: LogementInput, field: string): void {
  check.optionalUuid(row.id, `${field}.id`);
  check.text(row.rplsId, `${field}.rplsId`, 32);
  check.uuid(row.bailleurId, `${field}.bailleurId`);
  check.optionalUuid(row.programmeId, `${field}.programmeId`);
  check.text(row.commune, `${field}.commune`, 5);
  check.optionalText(row.epci, `${field}.epci`, 9);
  check.text(row.departement, `${field}.departement`, 3);
  check.boolean(row.qpv, `${field}.qpv`);
  if (check.optionalText(row.qpvCode, `${field}.qpvCode`, 16) !== null && !row.qpv) {
    throw new InvalidInputError(`${field}.qpvCode`, 'un logement hors QPV ne peut pas avoir de code QPV');
  }
  check.oneOf(row.typologie, TYPOLOGIES, `${field}.typologie`);
  check.oneOf(row.financement, FINANCEMENTS, `${field}.financement`);
  check.optionalText(row.financementCode, `${field}.financementCode`, 8);
  check.optionalInteger(row.anneeConstruction, `${field}.anneeConstruction`, 1000, 9999);
  check.optionalInteger(row.etage, `${field}.etage`, -10, 200);
  check.optionalBoolean(row.ascenseur, `${field}.ascenseur`);
  check.optionalBoolean(row.pmr, `${field}.pmr`);
  if (row.surfaceM2 !== null && row.surfaceM2 !== undefined && !(row.surfaceM2 > 0 && row.surfaceM2 < 100000)) {
    throw new InvalidInputError(`${field}.surfaceM2`, `surface positive attendue, reçu « ${row.surfaceM2} »`);
  }
  check.optionalInteger(row.loyerCentimes, `${field}.loyerCentimes`, 0);
  if (row.stockDefense !== undefined) check.boolean(row.stockDefense, `${field}.stockDefense`);
  if (row.horsAssiette !== null && row.horsAssiette !== undefined)
    check.oneOf(row.horsAssiette, HORS_ASSIETTE, `${field}.horsAssiette`);
  check.optionalUuid(row.ancienReservataireId, `${field}.ancienReservataireId`);
}

/** The flat a row holds: every column but the timestamps. */
export function toLogement({ createdAt: _createdAt, updatedAt: _updatedAt, ...logement }: LogementEntity): Logement {
  return logement;
}

export class LogementRepository {
  constructor(private readonly db: Db) {}

  /**
   * Inserts or updates flats by `rplsId` (idempotent: re-importing the same rows changes nothing,
   * not even `updated_at`). Runs in one transaction; returns how many rows were inserted, updated
   * and left unchanged.
   */
  async upsertLogements(rows: readonly LogementInput[]): Promise<UpsertCounts> {
    const seen = new Map<string, number>();
    rows.forEach((row, i) => {
      validateLogement(row, `logements[${i}]`);
      const first = seen.get(row.rplsId);
      if (first !== undefined) {
        throw new InvalidInputError(
          `logements[${i}].rplsId`,
          `identifiant RPLS « ${row.rplsId} » en double (déjà en logements[${first}])`,
        );
      }
      seen.set(row.rplsId, i);
    });
    const counts: UpsertCounts = { inserted: 0, updated: 0, unchanged: 0 };
    if (rows.length === 0) return counts;
    await managerOf(this.db).transaction(async (manager) => {
      for (const chunk of chunks(rows, CHUNK)) {
        const params = [
          chunk.map((row) => row.id ?? null),
          ...COLUMNS.map(([key]) =>
            chunk.map((row) => (key === 'stockDefense' ? (row.stockDefense ?? false) : orNull(row[key]))),
          ),
        ];
        const result: Array<{ inserted: boolean }> = await manager.query(UPSERT_SQL, params);
        const inserted = result.filter((r) => r.inserted).length;
        counts.inserted += inserted;
        counts.updated += result.length - inserted;
        counts.unchanged += chunk.length - result.length;
      }
    });
    return counts;
  }

  async findLogementById(bailleurIds: readonly string[], id: string): Promise<Logement | null> {
    const scope = requireScope(bailleurIds);
    if (scope.length === 0) return null;
    const entity = await managerOf(this.db)
      .createQueryBuilder(LogementEntity, 'l')
      .where('l.id = :id AND l.bailleur_id IN (:...scope)', { id: check.uuid(id, 'id'), scope })
      .getOne();
    return entity ? toLogement(entity) : null;
  }

  async findLogements(filter: LogementFilter): Promise<Page<Logement>> {
    const scope = requireScope(filter.bailleurIds);
    const { limit, offset } = pageBounds(filter);
    if (scope.length === 0) return { items: [], total: 0 };
    const query = managerOf(this.db)
      .createQueryBuilder(LogementEntity, 'l')
      .where('l.bailleur_id IN (:...scope)', { scope });
    if (filter.departement !== undefined)
      query.andWhere('l.departement = :departement', { departement: filter.departement });
    if (filter.commune !== undefined) query.andWhere('l.commune = :commune', { commune: filter.commune });
    if (filter.qpv !== undefined) query.andWhere('l.qpv = :qpv', { qpv: filter.qpv });
    if (filter.typologie !== undefined) {
      query.andWhere('l.typologie = :typologie', { typologie: check.oneOf(filter.typologie, TYPOLOGIES, 'typologie') });
    }
    if (filter.programmeId !== undefined)
      query.andWhere('l.programme_id = :programmeId', { programmeId: check.uuid(filter.programmeId, 'programmeId') });
    const [entities, total] = await query.orderBy('l.rpls_id').take(limit).skip(offset).getManyAndCount();
    return { items: entities.map(toLogement), total };
  }

  /**
   * Every flat of a bailleur in a département (the engine's and the simulator's input). Plain SQL
   * mapped by hand: ~10x faster than hydrating entities for tens of thousands of rows.
   */
  async findAllLogements(bailleurId: string, departement: string): Promise<Logement[]> {
    const rows: Array<Logement & { surfaceM2: string | null }> = await managerOf(this.db).query(
      `SELECT id, ${COLUMNS.map(([key, column]) => `${column} AS "${key}"`).join(', ')}
       FROM logement WHERE bailleur_id = $1 AND departement = $2 ORDER BY rpls_id`,
      [check.uuid(bailleurId, 'bailleurId'), departement],
    );
    return rows.map((row) => ({ ...row, surfaceM2: row.surfaceM2 === null ? null : Number(row.surfaceM2) }));
  }

  /** The ids of the bailleur's flats with these RPLS ids, by RPLS id. */
  async idsByRpls(bailleurId: string, rplsIds: readonly string[]): Promise<Map<string, string>> {
    if (rplsIds.length === 0) return new Map();
    const rows = await managerOf(this.db).query<Array<{ id: string; rplsId: string }>>(
      `SELECT id, rpls_id AS "rplsId" FROM logement WHERE bailleur_id = $1 AND rpls_id = ANY($2::varchar[])`,
      [bailleurId, rplsIds],
    );
    return new Map(rows.map((r) => [r.rplsId, r.id]));
  }

  /** The id of the flat with this RPLS id, its row locked (in a transaction); null when none. */
  async lockRpls(rplsId: string): Promise<string | null> {
    const [row] = await managerOf(this.db).query<Array<{ id: string }>>(
      'SELECT id FROM logement WHERE rpls_id = $1 FOR UPDATE',
      [rplsId],
    );
    return row?.id ?? null;
  }

  /** The id of the flat with this RPLS id (null when none). */
  async idOfRpls(rplsId: string): Promise<string | null> {
    const [row] = await managerOf(this.db).query<Array<{ id: string }>>('SELECT id FROM logement WHERE rpls_id = $1', [
      rplsId,
    ]);
    return row?.id ?? null;
  }
}

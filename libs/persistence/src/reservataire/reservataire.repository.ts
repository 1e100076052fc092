import { RESERVATAIRE_KINDS, type Reservataire, type Territoire } from '@aiguillage/engine/domain';
import { In } from 'typeorm';
import { InvalidInputError } from '../errors';
import { managerOf, requireScope, type Db } from '../repository.utils';
import { check } from '../validation';
import { ReservataireEntity } from './reservataire.entity';

export type ReservataireInput = Omit<Reservataire, 'id'> & { id?: string };

export function toReservataire(e: ReservataireEntity): Reservataire {
  return { id: e.id, code: e.code, nom: e.nom, kind: e.kind, territoire: e.territoire };
}

export function validateTerritoire(t: Territoire | null | undefined, field: string): void {
  if (t === null || t === undefined) return;
  if (typeof t !== 'object') throw new InvalidInputError(field, 'territoire attendu');
  check.text(t.departement, `${field}.departement`, 3);
  t.communes?.forEach((c, i) => check.text(c, `${field}.communes[${i}]`, 5));
  t.epcis?.forEach((e, i) => check.text(e, `${field}.epcis[${i}]`, 9));
}

/** Kept for the writers without the `CreerReservataire` command: the demo loader and the tests' fixtures. */
function validate(r: ReservataireInput, field: string): void {
  check.optionalUuid(r.id, `${field}.id`);
  check.text(r.code, `${field}.code`, 64);
  check.text(r.nom, `${field}.nom`, 200);
  check.oneOf(r.kind, RESERVATAIRE_KINDS, `${field}.kind`);
  if (!r.territoire) throw new InvalidInputError(`${field}.territoire`, 'territoire obligatoire');
  validateTerritoire(r.territoire, `${field}.territoire`);
}

/** Réservataires are shared between bailleurs: a bailleur sees those it holds conventions with. */
export class ReservataireRepository {
  constructor(private readonly db: Db) {}

  /** Inserts or updates by `code`; returns the stored réservataires in input order. */
  async upsertReservataires(input: readonly ReservataireInput[]): Promise<Reservataire[]> {
    input.forEach((r, i) => validate(r, `reservataires[${i}]`));
    if (input.length === 0) return [];
    const manager = managerOf(this.db);
    await manager
      .createQueryBuilder()
      .insert()
      .into(ReservataireEntity)
      .values(
        input.map((r) => ({
          ...(r.id ? { id: r.id } : {}),
          code: r.code,
          nom: r.nom,
          kind: r.kind,
          territoire: r.territoire,
        })),
      )
      .orUpdate(['nom', 'kind', 'territoire', 'updated_at'], ['code'])
      .execute();
    const stored = await manager.find(ReservataireEntity, { where: { code: In(input.map((r) => r.code)) } });
    const byCode = new Map(stored.map((e) => [e.code, toReservataire(e)]));
    return input.map((r) => byCode.get(r.code)!);
  }

  async findReservataireById(id: string): Promise<Reservataire | null> {
    const e = await managerOf(this.db).findOneBy(ReservataireEntity, { id: check.uuid(id, 'id') });
    return e ? toReservataire(e) : null;
  }

  /** The réservataires holding at least one convention with one of `bailleurIds`. */
  async findReservataires(filter: { bailleurIds: readonly string[] }): Promise<Reservataire[]> {
    const scope = requireScope(filter.bailleurIds);
    if (scope.length === 0) return [];
    const entities = await managerOf(this.db)
      .createQueryBuilder(ReservataireEntity, 'r')
      .where(`EXISTS (SELECT 1 FROM convention c WHERE c.reservataire_id = r.id AND c.bailleur_id IN (:...scope))`, {
        scope,
      })
      .orderBy('r.code')
      .getMany();
    return entities.map(toReservataire);
  }

  /** The ids of the réservataires with these codes, by code (unknown codes are absent). */
  async idsByCode(codes: readonly string[]): Promise<Map<string, string>> {
    if (codes.length === 0) return new Map();
    const rows = await managerOf(this.db).query<Array<{ id: string; code: string }>>(
      `SELECT "id", "code" FROM "reservataire" WHERE "code" = ANY($1::varchar[])`,
      [codes],
    );
    return new Map(rows.map((r) => [r.code, r.id]));
  }

  /** Whether the code is taken, its row locked (in a transaction: a concurrent creation waits). */
  async lockCode(code: string): Promise<boolean> {
    const rows = await managerOf(this.db).query<unknown[]>('SELECT 1 FROM reservataire WHERE code = $1 FOR UPDATE', [
      code,
    ]);
    return rows.length > 0;
  }
}

import type { Programme } from '@aiguillage/engine/domain';
import { randomUUID } from 'crypto';
import { InvalidInputError } from '../errors';
import { managerOf, orNull, requireScope, type Db } from '../repository.utils';
import { check } from '../validation';
import { ProgrammeEntity } from './programme.entity';

/** A programme to write; `code` is the bailleur's own reference (imports upsert on it). */
export type ProgrammeInput = Omit<Programme, 'id'> & { id?: string; code?: string | null };

export function toProgramme(e: ProgrammeEntity): Programme & { code: string | null } {
  return {
    id: e.id,
    bailleurId: e.bailleurId,
    nom: e.nom,
    commune: e.commune,
    ...(e.anneeLivraison === null ? {} : { anneeLivraison: e.anneeLivraison }),
    code: e.code,
  };
}

function validate(p: ProgrammeInput, field: string): void {
  check.optionalUuid(p.id, `${field}.id`);
  check.uuid(p.bailleurId, `${field}.bailleurId`);
  check.text(p.nom, `${field}.nom`, 200);
  check.text(p.commune, `${field}.commune`, 5);
  check.optionalInteger(p.anneeLivraison, `${field}.anneeLivraison`, 1000, 9999);
  check.optionalText(p.code, `${field}.code`, 64);
}

const CHUNK = 2000;

export class ProgrammeRepository {
  constructor(private readonly db: Db) {}

  /**
   * Inserts programmes; a programme with a `code` already known for its bailleur, or without a code
   * but with a known id, is updated instead (and keeps its id). Returns the stored programmes in input order, so an importer can map its
   * codes to ids.
   */
  async upsertProgrammes(input: readonly ProgrammeInput[]): Promise<Array<Programme & { code: string | null }>> {
    const seen = new Map<string, number>();
    const programmes = input.map((p, i) => {
      validate(p, `programmes[${i}]`);
      if (p.code) {
        const first = seen.get(`${p.bailleurId}|${p.code}`);
        if (first !== undefined)
          throw new InvalidInputError(
            `programmes[${i}].code`,
            `code « ${p.code} » en double (déjà en programmes[${first}])`,
          );
        seen.set(`${p.bailleurId}|${p.code}`, i);
      }
      return { ...p, id: p.id ?? randomUUID() };
    });
    const key = (p: { id: string; bailleurId: string; code?: string | null }) =>
      p.code ? `${p.bailleurId}|${p.code}` : `#${p.id}`;
    const stored = new Map<string, Programme & { code: string | null }>();
    await managerOf(this.db).transaction(async (manager) => {
      for (let i = 0; i < programmes.length; i += CHUNK) {
        const chunk = programmes.slice(i, i + CHUNK);
        // Rows with a code are matched on (bailleur, code), rows without one on their id.
        for (const [rows, target] of [
          [chunk.filter((p) => p.code), '(bailleur_id, code)'],
          [chunk.filter((p) => !p.code), '(id)'],
        ] as const) {
          if (rows.length === 0) continue;
          const written: ProgrammeEntity[] = await manager.query(
            `INSERT INTO programme AS p (id, bailleur_id, code, nom, commune, annee_livraison)
             SELECT u.id, u.bailleur_id, u.code, u.nom, u.commune, u.annee_livraison
             FROM unnest($1::uuid[], $2::uuid[], $3::varchar[], $4::varchar[], $5::varchar[], $6::smallint[])
               AS u(id, bailleur_id, code, nom, commune, annee_livraison)
             ON CONFLICT ${target} DO UPDATE SET nom = EXCLUDED.nom, commune = EXCLUDED.commune,
               annee_livraison = EXCLUDED.annee_livraison, updated_at = now()
             WHERE p.bailleur_id = EXCLUDED.bailleur_id
             RETURNING id, bailleur_id AS "bailleurId", code, nom, commune, annee_livraison AS "anneeLivraison"`,
            [
              rows.map((p) => p.id),
              rows.map((p) => p.bailleurId),
              rows.map((p) => orNull(p.code)),
              rows.map((p) => p.nom),
              rows.map((p) => p.commune),
              rows.map((p) => orNull(p.anneeLivraison)),
            ],
          );
          for (const row of written) stored.set(key(row), toProgramme(row));
        }
      }
    });
    return programmes.map((p, i) => {
      const row = stored.get(key(p));
      if (!row)
        throw new InvalidInputError(`programmes[${i}].id`, `le programme ${p.id} appartient à un autre bailleur`);
      return row;
    });
  }

  async findProgrammes(filter: {
    bailleurIds: readonly string[];
    commune?: string;
  }): Promise<Array<Programme & { code: string | null }>> {
    const scope = requireScope(filter.bailleurIds);
    if (scope.length === 0) return [];
    const query = managerOf(this.db)
      .createQueryBuilder(ProgrammeEntity, 'p')
      .where('p.bailleur_id IN (:...scope)', { scope });
    if (filter.commune !== undefined) query.andWhere('p.commune = :commune', { commune: filter.commune });
    return (await query.orderBy('p.nom').addOrderBy('p.id').getMany()).map(toProgramme);
  }

  /** Whether the programme exists and belongs to the bailleur. */
  async isOfBailleur(programmeId: string, bailleurId: string): Promise<boolean> {
    const rows = await managerOf(this.db).query<unknown[]>(
      'SELECT 1 FROM programme WHERE id = $1 AND bailleur_id = $2',
      [programmeId, bailleurId],
    );
    return rows.length > 0;
  }
}

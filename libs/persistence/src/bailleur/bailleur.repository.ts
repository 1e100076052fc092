import type { Bailleur } from '@aiguillage/engine/domain';
import { In } from 'typeorm';
import { ConflictError, InvalidInputError } from '../errors';
import { managerOf, requireScope, type Db } from '../repository.utils';
import { check } from '../validation';
import { BailleurEntity } from './bailleur.entity';

export type BailleurInput = Omit<Bailleur, 'id'> & { id?: string };

export function toBailleur(e: BailleurEntity): Bailleur {
  return { id: e.id, nom: e.nom, siren: e.siren };
}

export class BailleurRepository {
  constructor(private readonly db: Db) {}

  /** Inserts, or updates by SIREN (a given id must then be the existing bailleur's). */
  async saveBailleur(input: BailleurInput): Promise<Bailleur> {
    check.optionalUuid(input.id, 'bailleur.id');
    check.text(input.nom, 'bailleur.nom', 200);
    if (typeof input.siren !== 'string' || !/^\d{9}$/.test(input.siren))
      throw new InvalidInputError('bailleur.siren', 'SIREN à 9 chiffres attendu');
    const rows: Bailleur[] = await managerOf(this.db).query(
      `INSERT INTO bailleur AS b (id, nom, siren) VALUES (coalesce($1::uuid, gen_random_uuid()), $2, $3)
       ON CONFLICT (siren) DO UPDATE SET nom = EXCLUDED.nom, updated_at = now()
       WHERE $1::uuid IS NULL OR b.id = $1::uuid
       RETURNING id, nom, siren`,
      [input.id ?? null, input.nom, input.siren],
    );
    if (rows.length === 0) throw new ConflictError(`le SIREN ${input.siren} est déjà celui d'un autre bailleur`);
    return rows[0];
  }

  async findBailleurs(bailleurIds: readonly string[]): Promise<Bailleur[]> {
    const scope = requireScope(bailleurIds);
    if (scope.length === 0) return [];
    const entities = await managerOf(this.db).find(BailleurEntity, {
      where: { id: In([...scope]) },
      order: { nom: 'ASC' },
    });
    return entities.map(toBailleur);
  }

  /** Every bailleur (for ADMIN users and the demo loader only). */
  async findAllBailleurs(): Promise<Bailleur[]> {
    return (await managerOf(this.db).find(BailleurEntity, { order: { nom: 'ASC' } })).map(toBailleur);
  }

  /** Whether a bailleur has this id (any text: an ill-formed id is simply unknown). */
  async exists(id: string): Promise<boolean> {
    const rows = await managerOf(this.db).query<unknown[]>(`SELECT 1 FROM "bailleur" WHERE "id"::text = $1`, [id]);
    return rows.length > 0;
  }
}

import { LIBERATION_KINDS, MOTIFS_LIBERATION, type Liberation } from '@aiguillage/engine/domain';
import { ConflictError, isUniqueViolation, NotFoundError } from '../errors';
import { chunks, managerOf, pageBounds, requireScope, type Db, type Page, type Pagination } from '../repository.utils';
import { check } from '../validation';
import { LiberationEntity } from './liberation.entity';

export type LiberationInput = Omit<Liberation, 'id'> & { id?: string };

export interface LiberationFilter extends Pagination {
  bailleurIds: readonly string[];
  /** Inclusive bounds, `YYYY-MM-DD`. */
  from?: string;
  to?: string;
  logementId?: string;
}

export function validateLiberation(l: LiberationInput, field: string): void {
  check.optionalUuid(l.id, `${field}.id`);
  check.uuid(l.logementId, `${field}.logementId`);
  check.day(l.date, `${field}.date`);
  check.oneOf(l.motif, MOTIFS_LIBERATION, `${field}.motif`);
  check.oneOf(l.kind, LIBERATION_KINDS, `${field}.kind`);
}

export function toLiberation(e: LiberationEntity): Liberation {
  return { id: e.id, logementId: e.logementId, date: e.date, motif: e.motif, kind: e.kind };
}

const RETURNING = `RETURNING id, logement_id AS "logementId", bailleur_id AS "bailleurId", date::text AS date, motif, kind`;

export class LiberationRepository {
  constructor(private readonly db: Db) {}

  /**
   * Records a freed flat (its bailleur is the flat's). With an `idempotencyKey`, declaring it again
   * returns the first record (`created: false`); declaring the same flat and day again without the
   * key is a conflict.
   */
  async declareLiberation(
    input: LiberationInput,
    options: { bailleurIds: readonly string[]; idempotencyKey?: string },
  ): Promise<{ liberation: Liberation & { bailleurId: string }; created: boolean }> {
    validateLiberation(input, 'liberation');
    const scope = requireScope(options.bailleurIds);
    const key = check.optionalText(options.idempotencyKey, 'idempotencyKey', 128);
    const manager = managerOf(this.db);
    const byKey = async () => {
      const existing = key === null ? null : await manager.findOneBy(LiberationEntity, { idempotencyKey: key });
      return existing && scope.includes(existing.bailleurId) ? { ...toLiberation(existing), bailleurId: existing.bailleurId } : null;
    };
    try {
      const rows = await manager.query<Array<Liberation & { bailleurId: string }>>(
        `INSERT INTO liberation (id, logement_id, bailleur_id, date, motif, kind, idempotency_key)
         SELECT coalesce($1::uuid, gen_random_uuid()), l.id, l.bailleur_id, $3, $4, $5, $6
         FROM logement l WHERE l.id = $2 AND l.bailleur_id = ANY($7::uuid[])
         ON CONFLICT (idempotency_key) DO NOTHING
         ${RETURNING}`,
        [input.id ?? null, input.logementId, input.date, input.motif, input.kind, key, scope],
      );
      if (rows.length === 1) return { liberation: rows[0], created: true };
    } catch (error) {
      if (isUniqueViolation(error, 'uq_liberation_logement_id_date')) {
        throw new ConflictError(`une libération est déjà déclarée pour ce logement le ${input.date}`);
      }
      throw error;
    }
    const existing = await byKey();
    if (existing) return { liberation: existing, created: false };
    throw new NotFoundError(`logement ${input.logementId} introuvable`);
  }

  /** Bulk insert (demo loader, simulations); the flats must exist. Returns the number inserted. */
  async insertLiberations(rows: readonly LiberationInput[]): Promise<number> {
    rows.forEach((l, i) => validateLiberation(l, `liberations[${i}]`));
    let inserted = 0;
    await managerOf(this.db).transaction(async (manager) => {
      for (const chunk of chunks(rows, 5000)) {
        const result: unknown[] = await manager.query(
          `INSERT INTO liberation (id, logement_id, bailleur_id, date, motif, kind)
           SELECT coalesce(u.id, gen_random_uuid()), l.id, l.bailleur_id, u.date, u.motif, u.kind
           FROM unnest($1::uuid[], $2::uuid[], $3::date[], $4::motif_liberation[], $5::liberation_kind[]) AS u(id, logement_id, date, motif, kind)
           JOIN logement l ON l.id = u.logement_id
           RETURNING 1`,
          [chunk.map((l) => l.id ?? null), chunk.map((l) => l.logementId), chunk.map((l) => l.date), chunk.map((l) => l.motif), chunk.map((l) => l.kind)],
        );
        if (result.length !== chunk.length) throw new NotFoundError(`${chunk.length - result.length} libération(s) visent un logement inconnu`);
        inserted += result.length;
      }
    });
    return inserted;
  }

  async findLiberationById(bailleurIds: readonly string[], id: string): Promise<(Liberation & { bailleurId: string }) | null> {
    const scope = requireScope(bailleurIds);
    if (scope.length === 0) return null;
    const e = await managerOf(this.db)
      .createQueryBuilder(LiberationEntity, 'l')
      .where('l.id = :id AND l.bailleur_id IN (:...scope)', { id: check.uuid(id, 'id'), scope })
      .getOne();
    return e ? { ...toLiberation(e), bailleurId: e.bailleurId } : null;
  }

  async findLiberations(filter: LiberationFilter): Promise<Page<Liberation & { bailleurId: string }>> {
    const scope = requireScope(filter.bailleurIds);
    const { limit, offset } = pageBounds(filter);
    if (scope.length === 0) return { items: [], total: 0 };
    const query = managerOf(this.db).createQueryBuilder(LiberationEntity, 'l').where('l.bailleur_id IN (:...scope)', { scope });
    if (filter.from !== undefined) query.andWhere('l.date >= :from', { from: check.day(filter.from, 'from') });
    if (filter.to !== undefined) query.andWhere('l.date <= :to', { to: check.day(filter.to, 'to') });
    if (filter.logementId !== undefined) query.andWhere('l.logement_id = :lid', { lid: check.uuid(filter.logementId, 'logementId') });
    const [items, total] = await query.orderBy('l.date').addOrderBy('l.id').take(limit).skip(offset).getManyAndCount();
    return { items: items.map((e) => ({ ...toLiberation(e), bailleurId: e.bailleurId })), total };
  }
}

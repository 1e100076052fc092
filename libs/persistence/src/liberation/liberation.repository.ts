import { dateFr } from '@aiguillage/engine';
import {
  LIBERATION_KINDS,
  MOTIFS_LIBERATION,
  type Liberation,
  type LiberationKind,
  type MotifLiberation,
} from '@aiguillage/engine/domain';
import type { OptionOrientation } from '@aiguillage/engine/orientation';
import type { EntityManager } from 'typeorm';
import { ConflictError, isUniqueViolation, NotFoundError } from '../errors';
import { chunks, managerOf, pageBounds, requireScope, type Db, type Page, type Pagination } from '../repository.utils';
import type { Params } from '../statement';
import { check } from '../validation';
import { LiberationEntity } from './liberation.entity';

/** A libération as the live flow reads it. */
export interface LiberationRow {
  id: string;
  logementId: string;
  bailleurId: string;
  date: string;
  motif: MotifLiberation;
  kind: LiberationKind;
}

/** A stored recommendation: the ranked options and the version of the engine state they come from. */
export interface RecommendationRow {
  id: string;
  options: OptionOrientation[];
  inputsVersion: string;
  createdAt: Date;
}

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

  /** The same repository on a transaction's manager. */
  within(manager: EntityManager): LiberationRepository {
    return new LiberationRepository(manager);
  }

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
      return existing && scope.includes(existing.bailleurId)
        ? { ...toLiberation(existing), bailleurId: existing.bailleurId }
        : null;
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
        throw new ConflictError(`une libération est déjà déclarée pour ce logement le ${dateFr(input.date)}`);
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
          [
            chunk.map((l) => l.id ?? null),
            chunk.map((l) => l.logementId),
            chunk.map((l) => l.date),
            chunk.map((l) => l.motif),
            chunk.map((l) => l.kind),
          ],
        );
        if (result.length !== chunk.length)
          throw new NotFoundError(`${chunk.length - result.length} libération(s) visent un logement inconnu`);
        inserted += result.length;
      }
    });
    return inserted;
  }

  async findLiberationById(
    bailleurIds: readonly string[],
    id: string,
  ): Promise<(Liberation & { bailleurId: string }) | null> {
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
    const query = managerOf(this.db)
      .createQueryBuilder(LiberationEntity, 'l')
      .where('l.bailleur_id IN (:...scope)', { scope });
    if (filter.from !== undefined) query.andWhere('l.date >= :from', { from: check.day(filter.from, 'from') });
    if (filter.to !== undefined) query.andWhere('l.date <= :to', { to: check.day(filter.to, 'to') });
    if (filter.logementId !== undefined)
      query.andWhere('l.logement_id = :lid', { lid: check.uuid(filter.logementId, 'logementId') });
    const [items, total] = await query.orderBy('l.date').addOrderBy('l.id').take(limit).skip(offset).getManyAndCount();
    return { items: items.map((e) => ({ ...toLiberation(e), bailleurId: e.bailleurId })), total };
  }

  // The live flow: the libération with its recommendations.

  /**
   * The CTEs writing a libération and its recommendation in the flow's one statement (`source`
   * returns the recommendation's `createdAt`; nothing when the libération already exists: same key,
   * or same flat and day).
   */
  declareStatement(
    p: Params,
    l: {
      id: string;
      logementId: string;
      bailleurId: string;
      date: string;
      motif: string;
      kind: string;
      idempotencyKey: string | null;
    },
    reco: { id: string; options: readonly OptionOrientation[]; inputsVersion: string },
  ): string {
    const bailleur = p.add(l.bailleurId);
    return `lib AS (
       INSERT INTO liberation (id, logement_id, bailleur_id, date, motif, kind, idempotency_key)
       VALUES (${p.add(l.id)}, ${p.add(l.logementId)}, ${bailleur}, ${p.add(l.date)}, ${p.add(l.motif)}, ${p.add(l.kind)}, ${p.add(l.idempotencyKey)})
       ON CONFLICT DO NOTHING RETURNING id),
     source AS (
       INSERT INTO recommendation (id, liberation_id, bailleur_id, options, inputs_version)
       SELECT ${p.add(reco.id)}, lib.id, ${bailleur}, ${p.add(JSON.stringify(reco.options))}::jsonb, ${p.add(reco.inputsVersion)} FROM lib
       RETURNING created_at AS "createdAt")`;
  }

  async insertRecommendation(r: {
    liberationId: string;
    bailleurId: string;
    options: readonly OptionOrientation[];
    inputsVersion: string;
  }): Promise<{ id: string; createdAt: Date }> {
    const [inserted] = await managerOf(this.db).query<Array<{ id: string; createdAt: Date }>>(
      `INSERT INTO recommendation (liberation_id, bailleur_id, options, inputs_version) VALUES ($1, $2, $3::jsonb, $4) RETURNING id, created_at AS "createdAt"`,
      [r.liberationId, r.bailleurId, JSON.stringify(r.options), r.inputsVersion],
    );
    return inserted;
  }

  /**
   * The latest libération of the flat before `date` still open (not decided, or proposed and neither
   * let nor returned), other than the one replayed by `idempotencyKey`; with the commune's name.
   */
  async openBefore(l: {
    logementId: string;
    date: string;
    idempotencyKey: string | null;
    commune: string;
  }): Promise<{ date: string; commune: string | null } | null> {
    const [ouverte] = await managerOf(this.db).query<Array<{ date: string; commune: string | null }>>(
      `SELECT l.date::text AS date, (SELECT nom FROM commune WHERE insee = $4) AS commune FROM liberation l
       LEFT JOIN orientation_decision d ON d.liberation_id = l.id
       LEFT JOIN proposition p ON p.decision_id = d.id
       WHERE l.logement_id = $1 AND l.date <> $2 AND ($3::text IS NULL OR l.idempotency_key IS DISTINCT FROM $3)
         AND (d.id IS NULL OR p.status IN ('EN_ATTENTE', 'CANDIDATS_RECUS') OR (p.status = 'ATTRIBUEE' AND NOT EXISTS (SELECT 1 FROM bail b WHERE b.proposition_id = p.id)))
         AND l.date < $2
       ORDER BY l.date DESC LIMIT 1`,
      [l.logementId, l.date, l.idempotencyKey, l.commune],
    );
    return ouverte ?? null;
  }

  async bailleurOf(liberationId: string): Promise<string | null> {
    const [row] = await managerOf(this.db).query<Array<{ bailleurId: string }>>(
      `SELECT bailleur_id AS "bailleurId" FROM liberation WHERE id = $1`,
      [liberationId],
    );
    return row?.bailleurId ?? null;
  }

  async latestRecommendation(liberationId: string): Promise<RecommendationRow | null> {
    const [row] = await managerOf(this.db).query<RecommendationRow[]>(
      `SELECT id, options, inputs_version AS "inputsVersion", created_at AS "createdAt" FROM recommendation
       WHERE liberation_id = $1 ORDER BY created_at DESC, id DESC LIMIT 1`,
      [liberationId],
    );
    return row ? { ...row, createdAt: new Date(row.createdAt) } : null;
  }

  /** The libération declared with this key, or for this flat and day, among these bailleurs (`lock`: FOR UPDATE). */
  async findDeclared(d: {
    idempotencyKey: string | null;
    logementId: string;
    date: string;
    bailleurIds: readonly string[];
    lock: boolean;
  }): Promise<(LiberationRow & { sameKey: boolean }) | null> {
    const [found] = await managerOf(this.db).query<Array<LiberationRow & { sameKey: boolean }>>(
      `SELECT id, logement_id AS "logementId", bailleur_id AS "bailleurId", date::text AS date, motif, kind, coalesce(idempotency_key = $1, false) AS "sameKey" FROM liberation
       WHERE (idempotency_key = $1 OR (logement_id = $2 AND date = $3)) AND bailleur_id = ANY($4::uuid[])
       ORDER BY (idempotency_key = $1) DESC NULLS LAST LIMIT 1 ${d.lock ? 'FOR UPDATE' : ''}`,
      [d.idempotencyKey, d.logementId, d.date, d.bailleurIds],
    );
    return found ?? null;
  }

  /** The libération and (`withRecommendation`) its latest recommendation, in one query. */
  async findWithLatestRecommendation(
    liberationId: string,
    withRecommendation: boolean,
  ): Promise<{ liberation: LiberationRow; recommendation: RecommendationRow | null } | null> {
    const [row] = await managerOf(this.db).query<
      Array<
        LiberationRow & {
          recommendationId: string | null;
          options: OptionOrientation[];
          inputsVersion: string;
          createdAt: Date;
        }
      >
    >(
      `SELECT l.id, l.logement_id AS "logementId", l.bailleur_id AS "bailleurId", l.date::text AS date, l.motif, l.kind,
              r.id AS "recommendationId", r.options, r.inputs_version AS "inputsVersion", r.created_at AS "createdAt"
       FROM liberation l
       LEFT JOIN LATERAL (SELECT * FROM recommendation WHERE liberation_id = l.id AND $2 ORDER BY created_at DESC, id DESC LIMIT 1) r ON true
       WHERE l.id = $1`,
      [liberationId, withRecommendation],
    );
    if (!row) return null;
    const { recommendationId, options, inputsVersion, createdAt, ...liberation } = row;
    return {
      liberation: {
        id: liberation.id,
        logementId: liberation.logementId,
        bailleurId: liberation.bailleurId,
        date: liberation.date,
        motif: liberation.motif,
        kind: liberation.kind,
      },
      recommendation: recommendationId
        ? { id: recommendationId, options, inputsVersion, createdAt: new Date(createdAt) }
        : null,
    };
  }

  async recommendationBelongsTo(recommendationId: string, liberationId: string): Promise<boolean> {
    const rows = await managerOf(this.db).query<unknown[]>(
      `SELECT id FROM recommendation WHERE id = $1 AND liberation_id = $2`,
      [recommendationId, liberationId],
    );
    return rows.length > 0;
  }
}

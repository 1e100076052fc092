import {
  ACTIONS_CORRECTIVES,
  CONTREPARTIES,
  DECOMPTE_MODES,
  DELEGATION_MODES,
  type Convention,
} from '@aiguillage/engine/domain';
import { randomUUID } from 'crypto';
import { InvalidInputError, NotFoundError } from '../errors';
import { validateTerritoire } from '../reservataire/reservataire.repository';
import { managerOf, orNull, requireScope, type Db } from '../repository.utils';
import { check } from '../validation';
import { ConventionEntity } from './convention.entity';

export type ConventionInput = Omit<Convention, 'id'> & { id?: string };

export interface ConventionFilter {
  bailleurIds: readonly string[];
  reservataireId?: string;
  departement?: string;
  /** Only conventions valid on this day (`YYYY-MM-DD`). */
  valideLe?: string;
}

/**
 * Kept for the writers that do not go through the `EnregistrerConvention` command: the conventions
 * import (its own rows' checks first), the year's closing and the actualisation's carried terms, the
 * demo loader and the tests' fixtures.
 */
export function validateConvention(c: ConventionInput, field: string): void {
  check.optionalUuid(c.id, `${field}.id`);
  check.uuid(c.bailleurId, `${field}.bailleurId`);
  check.uuid(c.reservataireId, `${field}.reservataireId`);
  check.text(c.departement, `${field}.departement`, 3);
  validateTerritoire(c.territoire, `${field}.territoire`);
  check.text(c.reference, `${field}.reference`, 100);
  if (!c.cible) throw new InvalidInputError(`${field}.cible`, 'cible obligatoire');
  if (c.cible.type === 'TAUX') {
    // A rate of 0 is legitimate: DEFENSE conventions are still managed en stock, outside the flux.
    check.rate(c.cible.taux, `${field}.cible.taux`);
  } else if (c.cible.type === 'DROITS_UNIQUES') {
    check.integer(c.cible.nombre, `${field}.cible.nombre`, 1);
    check.integer(c.cible.annees, `${field}.cible.annees`, 1);
  } else {
    throw new InvalidInputError(`${field}.cible.type`, 'TAUX ou DROITS_UNIQUES attendu');
  }
  check.oneOf(c.decompte?.mode, DECOMPTE_MODES, `${field}.decompte.mode`);
  if (c.decompte.poids) {
    const { proposition, attribution, bail } = c.decompte.poids;
    const sum =
      check.rate(proposition, `${field}.decompte.poids.proposition`) +
      check.rate(attribution, `${field}.decompte.poids.attribution`) +
      check.rate(bail, `${field}.decompte.poids.bail`);
    if (Math.abs(sum - 1) > 1e-5)
      throw new InvalidInputError(`${field}.decompte.poids`, `la somme des poids doit valoir 1 (reçu ${sum})`);
  } else if (c.decompte.mode === 'MIXTE') {
    throw new InvalidInputError(`${field}.decompte.poids`, 'poids obligatoires en décompte MIXTE');
  }
  check.oneOf(c.delegation?.mode, DELEGATION_MODES, `${field}.delegation.mode`);
  check.integer(c.delegation.delaiJours, `${field}.delegation.delaiJours`, 0);
  check.integer(c.delegation.candidatsMax, `${field}.delegation.candidatsMax`, 1);
  check.optionalRate(c.delegation.partDeleguee, `${field}.delegation.partDeleguee`);
  check.boolean(c.delegation.retourCompte, `${field}.delegation.retourCompte`);
  if (typeof c.engagements !== 'object' || c.engagements === null)
    throw new InvalidInputError(`${field}.engagements`, 'objet attendu');
  if (!Array.isArray(c.sousQuotas)) throw new InvalidInputError(`${field}.sousQuotas`, 'liste attendue');
  c.sousQuotas.forEach((q, i) => {
    check.text(q.code, `${field}.sousQuotas[${i}].code`, 32);
    check.text(q.libelle, `${field}.sousQuotas[${i}].libelle`, 200);
    check.rate(q.taux, `${field}.sousQuotas[${i}].taux`);
  });
  check.oneOf(c.contrepartie, CONTREPARTIES, `${field}.contrepartie`);
  check.oneOf(c.actionCorrective, ACTIONS_CORRECTIVES, `${field}.actionCorrective`);
  check.optionalInteger(c.etalementAnnees, `${field}.etalementAnnees`, 1);
  check.integer(c.deficitReporte, `${field}.deficitReporte`);
  check.boolean(c.compteMutations, `${field}.compteMutations`);
  if (c.deficitAnnee !== undefined && c.deficitAnnee !== null)
    check.integer(c.deficitAnnee, `${field}.deficitAnnee`, 2000);
  if (c.comptePremieresLocations !== undefined)
    check.boolean(c.comptePremieresLocations, `${field}.comptePremieresLocations`);
  check.optionalText(c.motifTerritoire ?? undefined, `${field}.motifTerritoire`, 500);
  check.day(c.dateDebut, `${field}.dateDebut`);
  if (check.optionalDay(c.dateFin, `${field}.dateFin`) !== null && c.dateFin! < c.dateDebut) {
    throw new InvalidInputError(`${field}.dateFin`, 'doit être postérieure à dateDebut');
  }
}

export function toConventionEntity(c: ConventionInput & { id: string }): ConventionEntity {
  const poids = c.decompte.poids;
  return Object.assign(new ConventionEntity(), {
    id: c.id,
    bailleurId: c.bailleurId,
    reservataireId: c.reservataireId,
    departement: c.departement,
    territoire: orNull(c.territoire),
    reference: c.reference,
    cibleType: c.cible.type,
    cibleTaux: c.cible.type === 'TAUX' ? c.cible.taux : null,
    cibleNombre: c.cible.type === 'DROITS_UNIQUES' ? c.cible.nombre : null,
    cibleAnnees: c.cible.type === 'DROITS_UNIQUES' ? c.cible.annees : null,
    decompteMode: c.decompte.mode,
    poidsProposition: poids?.proposition ?? null,
    poidsAttribution: poids?.attribution ?? null,
    poidsBail: poids?.bail ?? null,
    delegationMode: c.delegation.mode,
    delaiJours: c.delegation.delaiJours,
    candidatsMax: c.delegation.candidatsMax,
    partDeleguee: orNull(c.delegation.partDeleguee),
    retourCompte: c.delegation.retourCompte,
    engagements: c.engagements,
    sousQuotas: c.sousQuotas,
    contrepartie: c.contrepartie,
    actionCorrective: c.actionCorrective,
    etalementAnnees: orNull(c.etalementAnnees),
    deficitReporte: c.deficitReporte,
    compteMutations: c.compteMutations,
    deficitAnnee: orNull(c.deficitAnnee),
    comptePremieresLocations: c.comptePremieresLocations ?? false,
    motifTerritoire: c.motifTerritoire?.trim() ? c.motifTerritoire.trim() : null,
    dateDebut: c.dateDebut,
    dateFin: orNull(c.dateFin),
  });
}

export function toConvention(e: ConventionEntity): Convention {
  return {
    id: e.id,
    bailleurId: e.bailleurId,
    reservataireId: e.reservataireId,
    departement: e.departement,
    territoire: e.territoire,
    reference: e.reference,
    cible:
      e.cibleType === 'TAUX'
        ? { type: 'TAUX', taux: e.cibleTaux! }
        : { type: 'DROITS_UNIQUES', nombre: e.cibleNombre!, annees: e.cibleAnnees! },
    decompte:
      e.poidsProposition === null
        ? { mode: e.decompteMode }
        : {
            mode: e.decompteMode,
            poids: { proposition: e.poidsProposition, attribution: e.poidsAttribution!, bail: e.poidsBail! },
          },
    delegation: {
      mode: e.delegationMode,
      delaiJours: e.delaiJours,
      candidatsMax: e.candidatsMax,
      ...(e.partDeleguee === null ? {} : { partDeleguee: e.partDeleguee }),
      retourCompte: e.retourCompte,
    },
    engagements: e.engagements,
    sousQuotas: e.sousQuotas,
    contrepartie: e.contrepartie,
    actionCorrective: e.actionCorrective,
    etalementAnnees: e.etalementAnnees,
    deficitReporte: e.deficitReporte,
    compteMutations: e.compteMutations,
    // Optional fields are left out at their defaults (the contract's shape stays the same for them).
    ...(e.deficitAnnee === null || e.deficitAnnee === undefined ? {} : { deficitAnnee: e.deficitAnnee }),
    ...(e.comptePremieresLocations ? { comptePremieresLocations: true } : {}),
    ...(e.motifTerritoire ? { motifTerritoire: e.motifTerritoire } : {}),
    dateDebut: e.dateDebut,
    dateFin: e.dateFin,
  };
}

export class ConventionRepository {
  constructor(private readonly db: Db) {}

  /** Inserts or updates conventions (by id); returns them with their ids, in input order. */
  async saveConventions(input: readonly ConventionInput[]): Promise<Convention[]> {
    input.forEach((c, i) => validateConvention(c, `conventions[${i}]`));
    const entities = input.map((c) => toConventionEntity({ ...c, id: c.id ?? randomUUID() }));
    await managerOf(this.db).save(ConventionEntity, entities, { chunk: 500, reload: false });
    return entities.map(toConvention);
  }

  async findConventionById(bailleurIds: readonly string[], id: string): Promise<Convention | null> {
    const scope = requireScope(bailleurIds);
    if (scope.length === 0) return null;
    const e = await managerOf(this.db)
      .createQueryBuilder(ConventionEntity, 'c')
      .where('c.id = :id AND c.bailleur_id IN (:...scope)', { id: check.uuid(id, 'id'), scope })
      .getOne();
    return e ? toConvention(e) : null;
  }

  async getConvention(bailleurIds: readonly string[], id: string): Promise<Convention> {
    const c = await this.findConventionById(bailleurIds, id);
    if (!c) throw new NotFoundError(`convention ${id} introuvable`);
    return c;
  }

  async findConventions(filter: ConventionFilter): Promise<Convention[]> {
    const scope = requireScope(filter.bailleurIds);
    if (scope.length === 0) return [];
    const query = managerOf(this.db)
      .createQueryBuilder(ConventionEntity, 'c')
      .where('c.bailleur_id IN (:...scope)', { scope });
    if (filter.reservataireId !== undefined)
      query.andWhere('c.reservataire_id = :r', { r: check.uuid(filter.reservataireId, 'reservataireId') });
    if (filter.departement !== undefined) query.andWhere('c.departement = :d', { d: filter.departement });
    if (filter.valideLe !== undefined) {
      query.andWhere('c.date_debut <= :day AND (c.date_fin IS NULL OR c.date_fin >= :day)', {
        day: check.day(filter.valideLe, 'valideLe'),
      });
    }
    return (await query.orderBy('c.reference').getMany()).map(toConvention);
  }

  /** The ids of the bailleur's conventions with these references, by reference. */
  async idsByReference(bailleurId: string, references: readonly string[]): Promise<Map<string, string>> {
    const rows = await managerOf(this.db).query<Array<{ id: string; reference: string }>>(
      `SELECT "id", "reference" FROM "convention" WHERE "bailleur_id" = $1 AND "reference" = ANY($2::varchar[])`,
      [bailleurId, references],
    );
    return new Map(rows.map((r) => [r.reference, r.id]));
  }

  /** Per réservataire (by name), the bailleurs outside `bailleurIds` holding a convention with it (by name). */
  async autresBailleursDesReservataires(
    reservataireIds: readonly string[],
    bailleurIds: readonly string[],
  ): Promise<Array<{ reservataire: string; bailleurs: string[] }>> {
    return managerOf(this.db).query(
      `SELECT r.nom AS reservataire, array_agg(DISTINCT b.nom ORDER BY b.nom) AS bailleurs
       FROM convention c JOIN reservataire r ON r.id = c.reservataire_id JOIN bailleur b ON b.id = c.bailleur_id
       WHERE c.reservataire_id = ANY($1::uuid[]) AND NOT (c.bailleur_id = ANY($2::uuid[]))
       GROUP BY r.nom ORDER BY r.nom`,
      [reservataireIds, bailleurIds],
    );
  }
}

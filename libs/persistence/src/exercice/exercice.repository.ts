import type { Exercice } from '@aiguillage/engine/domain';
import { randomUUID } from 'crypto';
import { In } from 'typeorm';
import { InvalidInputError } from '../errors';
import { groupBy, managerOf, requireScope, type Db } from '../repository.utils';
import { check } from '../validation';
import { ExerciceObjectifEntity } from './exercice-objectif.entity';
import { ExerciceEntity } from './exercice.entity';

export type ExerciceInput = Omit<Exercice, 'id'> & { id?: string };

/**
 * Kept for the writers that do not go through the `EnregistrerExercice` command: the demo loader's
 * data set and the tests' fixtures (the API and the actualisation's validation create the command).
 */
export function validateExercice(x: ExerciceInput, field: string): void {
  check.optionalUuid(x.id, `${field}.id`);
  check.uuid(x.bailleurId, `${field}.bailleurId`);
  check.text(x.departement, `${field}.departement`, 3);
  check.integer(x.annee, `${field}.annee`, 2000, 2100);
  const a = x.assiette;
  if (!a) throw new InvalidInputError(`${field}.assiette`, 'assiette obligatoire');
  for (const key of ['logements', 'stockDefense', 'plansVente', 'demolitions', 'mutations'] as const) {
    check.integer(a[key], `${field}.assiette.${key}`, 0);
  }
  for (const key of ['npnru', 'orcod', 'lhi'] as const)
    check.integer(a.relogements?.[key], `${field}.assiette.relogements.${key}`, 0);
  check.rate(a.tauxRotation, `${field}.assiette.tauxRotation`);
  check.integer(x.fluxARepartir, `${field}.fluxARepartir`, 0);
  if (!Array.isArray(x.saisonnalite) || x.saisonnalite.length !== 12) {
    throw new InvalidInputError(`${field}.saisonnalite`, '12 parts mensuelles attendues');
  }
  x.saisonnalite.forEach((s, i) => check.rate(s, `${field}.saisonnalite[${i}]`));
  x.objectifs.forEach((o, i) => {
    check.uuid(o.conventionId, `${field}.objectifs[${i}].conventionId`);
    check.integer(o.objectif, `${field}.objectifs[${i}].objectif`);
    if (o.motif !== undefined && o.motif !== null) check.text(o.motif, `${field}.objectifs[${i}].motif`, 2000);
  });
  if (x.fluxARepartirMotif !== undefined && x.fluxARepartirMotif !== null)
    check.text(x.fluxARepartirMotif, `${field}.fluxARepartirMotif`, 2000);
}

function toEntity(x: ExerciceInput & { id: string }): ExerciceEntity {
  const a = x.assiette;
  return Object.assign(new ExerciceEntity(), {
    id: x.id,
    bailleurId: x.bailleurId,
    departement: x.departement,
    annee: x.annee,
    logements: a.logements,
    stockDefense: a.stockDefense,
    plansVente: a.plansVente,
    demolitions: a.demolitions,
    tauxRotation: a.tauxRotation,
    mutations: a.mutations,
    relogementsNpnru: a.relogements.npnru,
    relogementsOrcod: a.relogements.orcod,
    relogementsLhi: a.relogements.lhi,
    fluxARepartir: x.fluxARepartir,
    fluxARepartirMotif: x.fluxARepartirMotif?.trim() || null,
    saisonnalite: x.saisonnalite,
  });
}

export function toExercice(e: ExerciceEntity, objectifs: readonly ExerciceObjectifEntity[]): Exercice {
  return {
    id: e.id,
    bailleurId: e.bailleurId,
    departement: e.departement,
    annee: e.annee,
    assiette: {
      logements: e.logements,
      stockDefense: e.stockDefense,
      plansVente: e.plansVente,
      demolitions: e.demolitions,
      tauxRotation: e.tauxRotation,
      mutations: e.mutations,
      relogements: { npnru: e.relogementsNpnru, orcod: e.relogementsOrcod, lhi: e.relogementsLhi },
    },
    fluxARepartir: e.fluxARepartir,
    ...(e.fluxARepartirMotif ? { fluxARepartirMotif: e.fluxARepartirMotif } : {}),
    saisonnalite: e.saisonnalite,
    objectifs: objectifs.map((o) => ({
      conventionId: o.conventionId,
      objectif: o.objectif,
      ...(o.motif ? { motif: o.motif } : {}),
    })),
  };
}

export class ExerciceRepository {
  constructor(private readonly db: Db) {}

  /**
   * Inserts or updates exercices (by id, else by bailleur × département × année) and replaces their
   * objectifs. Returns the stored exercices in input order.
   */
  async saveExercices(input: readonly ExerciceInput[]): Promise<Exercice[]> {
    input.forEach((x, i) => validateExercice(x, `exercices[${i}]`));
    return managerOf(this.db).transaction(async (manager) => {
      const out: Exercice[] = [];
      for (const x of input) {
        const existing = x.id
          ? null
          : await manager.findOneBy(ExerciceEntity, {
              bailleurId: x.bailleurId,
              departement: x.departement,
              annee: x.annee,
            });
        const entity = toEntity({ ...x, id: x.id ?? existing?.id ?? randomUUID() });
        await manager.save(ExerciceEntity, entity, { reload: false });
        await manager.delete(ExerciceObjectifEntity, { exerciceId: entity.id });
        const objectifs = x.objectifs.map((o) =>
          Object.assign(new ExerciceObjectifEntity(), {
            exerciceId: entity.id,
            conventionId: o.conventionId,
            objectif: o.objectif,
            motif: o.motif?.trim() || null,
          }),
        );
        if (objectifs.length > 0) await manager.insert(ExerciceObjectifEntity, objectifs);
        out.push(toExercice(entity, objectifs));
      }
      return out;
    });
  }

  async findExercice(filter: {
    bailleurIds: readonly string[];
    bailleurId: string;
    departement: string;
    annee: number;
  }): Promise<Exercice | null> {
    const scope = requireScope(filter.bailleurIds);
    if (!scope.includes(filter.bailleurId)) return null;
    const [found] = await this.load({
      bailleurId: filter.bailleurId,
      departement: filter.departement,
      annee: filter.annee,
    });
    return found ?? null;
  }

  async findExercices(filter: { bailleurIds: readonly string[]; annee?: number }): Promise<Exercice[]> {
    const scope = requireScope(filter.bailleurIds);
    if (scope.length === 0) return [];
    return this.load({ bailleurId: In([...scope]), ...(filter.annee === undefined ? {} : { annee: filter.annee }) });
  }

  /** Locks an exercice's row for its closing (within a transaction) and says when it was closed, if it was. */
  async verrouillerCloture(id: string): Promise<{ clotureAt: Date | null } | null> {
    const [row] = await managerOf(this.db).query<Array<{ clotureAt: Date | null }>>(
      `SELECT cloture_at AS "clotureAt" FROM exercice WHERE id = $1 FOR UPDATE`,
      [check.uuid(id, 'id')],
    );
    return row ?? null;
  }

  /** Records an exercice's closing (its date and its result, read back as is). */
  async enregistrerCloture(id: string, clotureAt: Date, resultat: unknown): Promise<void> {
    await managerOf(this.db).query(`UPDATE exercice SET cloture_at = $2, cloture = $3::jsonb WHERE id = $1`, [
      check.uuid(id, 'id'),
      clotureAt,
      JSON.stringify(resultat),
    ]);
  }

  /** An exercice's recorded closing, or null. */
  async lireCloture<T>(id: string): Promise<T | null> {
    const [row] = await managerOf(this.db).query<Array<{ cloture: T | null }>>(
      `SELECT cloture FROM exercice WHERE id = $1`,
      [check.uuid(id, 'id')],
    );
    return row?.cloture ?? null;
  }

  private async load(where: Record<string, unknown>): Promise<Exercice[]> {
    const manager = managerOf(this.db);
    const exercices = await manager.find(ExerciceEntity, {
      where,
      order: { annee: 'ASC', departement: 'ASC', bailleurId: 'ASC' },
    });
    if (exercices.length === 0) return [];
    const objectifs = await manager.find(ExerciceObjectifEntity, {
      where: { exerciceId: In(exercices.map((x) => x.id)) },
      order: { conventionId: 'ASC' },
    });
    const byExercice = groupBy(objectifs, (o) => o.exerciceId);
    return exercices.map((x) => toExercice(x, byExercice.get(x.id) ?? []));
  }
}

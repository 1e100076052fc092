import { Injectable } from '@nestjs/common';
import type { Exercice } from '@aiguillage/engine';
import { ConventionRepository, ExerciceRepository } from '@aiguillage/persistence';
import { DataSource } from 'typeorm';
import { assertBailleur, bailleursVisibles, reservataireImpose, type AccessScope } from '../platform/auth/access-scope';
import { IntrouvableError, RequeteInvalideError } from '../errors/domain-errors';
import type { ErreurChamp } from '../platform/validation/french-messages';
import { signalerReferenceModifiee } from '../platform/live/reference';
import type { EnregistrerExercice } from './commands';
import { chiffresSaisis, erreursChiffresSaisis, type ExerciceDetaille } from './chiffres-saisis';

/** An objective with the convention it belongs to, for reading. */
export interface ObjectifDetaille {
  conventionId: string;
  reference: string;
  reservataireId: string;
  objectif: number;
}

/** Yearly exercices (assiette, flux to share, seasonality) and each convention's objective. */
@Injectable()
export class ExercicesService {
  constructor(
    private readonly exercices: ExerciceRepository,
    private readonly conventions: ConventionRepository,
    private readonly dataSource: DataSource,
  ) {}

  /** The exercices of the caller's bailleurs; a réservataire sees only its own conventions' objectives. */
  async list(scope: AccessScope, query: { bailleurId?: string; annee?: number }): Promise<Exercice[]> {
    const exercices = await this.exercices.findExercices({
      bailleurIds: bailleursVisibles(scope, query.bailleurId),
      annee: query.annee,
    });
    return this.restrictObjectifs(scope, exercices);
  }

  async get(scope: AccessScope, id: string): Promise<Exercice> {
    const exercice = (await this.exercices.findExercices({ bailleurIds: scope.bailleurIds })).find((x) => x.id === id);
    if (!exercice) throw new IntrouvableError('Exercice', id);
    return (await this.restrictObjectifs(scope, [exercice]))[0];
  }

  /** One exercice with its typed figures beside the computed ones (and the reason of each difference). */
  async detail(scope: AccessScope, id: string): Promise<ExerciceDetaille> {
    const exercice = await this.get(scope, id);
    return { ...exercice, chiffresSaisis: await chiffresSaisis(this.dataSource, exercice) };
  }

  /** A réservataire reads the objectives of its own conventions only (the others are the bailleur's business). */
  private async restrictObjectifs(scope: AccessScope, exercices: Exercice[]): Promise<Exercice[]> {
    const own = reservataireImpose(scope);
    if (own === undefined || exercices.length === 0) return exercices;
    const mine = new Set(
      (await this.conventions.findConventions({ bailleurIds: scope.bailleurIds, reservataireId: own })).map(
        (c) => c.id,
      ),
    );
    return exercices.map((e) => ({ ...e, objectifs: e.objectifs.filter((o) => mine.has(o.conventionId)) }));
  }

  async objectifs(scope: AccessScope, id: string): Promise<ObjectifDetaille[]> {
    const exercice = await this.get(scope, id);
    const conventions = new Map(
      (await this.conventions.findConventions({ bailleurIds: [exercice.bailleurId] })).map((c) => [c.id, c]),
    );
    return exercice.objectifs.map((o) => ({
      conventionId: o.conventionId,
      reference: conventions.get(o.conventionId)?.reference ?? '',
      reservataireId: conventions.get(o.conventionId)?.reservataireId ?? '',
      objectif: o.objectif,
    }));
  }

  /**
   * Creates or replaces the exercice of a bailleur × département × année, with its objectives: the
   * command carries the field rules (twelve shares summing to 1, one objective per convention).
   */
  async save(scope: AccessScope, input: EnregistrerExercice): Promise<Exercice> {
    assertBailleur(scope, input.bailleurId);
    const known = new Set(
      (await this.conventions.findConventions({ bailleurIds: [input.bailleurId] })).map((c) => c.id),
    );
    const erreurs: ErreurChamp[] = input.objectifs.flatMap((o, i) =>
      known.has(o.conventionId)
        ? []
        : [{ champ: `objectifs.${i}.conventionId`, raison: "n'est pas une convention de ce bailleur" }],
    );
    if (erreurs.length === 0) erreurs.push(...erreursChiffresSaisis(await chiffresSaisis(this.dataSource, input)));
    if (erreurs.length > 0) throw new RequeteInvalideError(erreurs);
    const [saved] = await this.exercices.saveExercices([input]);
    await signalerReferenceModifiee(this.dataSource, [input.bailleurId]);
    return saved;
  }
}

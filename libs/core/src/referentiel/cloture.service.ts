import { Injectable } from '@nestjs/common';
import { dateFr, jourParis, cloturerConvention, termesAuJour, type ClotureConvention } from '@aiguillage/engine';
import {
  BilanRepository,
  ConventionRepository,
  ConventionVersionRepository,
  ExerciceRepository,
  ReservataireRepository,
} from '@aiguillage/persistence';
import { DataSource } from 'typeorm';
import { assertBailleur, type AccessScope } from '../platform/auth/access-scope';
import { ConflitError, RequeteInvalideError } from '../errors/domain-errors';
import { signalerReferenceModifiee } from '../platform/live/reference';
import { ProgressionFlowService } from '../progression/progression-flow.service';
import { versionner } from './versions-conventions';
import { ExercicesService } from './exercices.service';
import type { Cloturer } from './commands';

/** One convention's closing, with what names it. */
export interface LigneCloture extends ClotureConvention {
  reference: string;
  reservataireId: string;
  /** Whether the result was written onto the convention from 1 January N+1 (false: it ends in year N, or its pool is exhausted). */
  reportee: boolean;
}

export interface ClotureExercice {
  exerciceId: string;
  annee: number;
  clotureLe: string;
  conventions: LigneCloture[];
}

/**
 * Closing a year (issue 9, finding 3, wired): each convention's result of year N — its objective
 * and what it received under its décompte, from the live state at 31 December — goes through the
 * engine's `cloturerConvention` (REPORT, ETALEMENT, REMBOURSEMENT, surplus, droits-uniques pool) and
 * what follows is written onto the convention as a new version from 1 January N+1, so that year N's
 * figures stay as they were. Once per exercice: a second closing is a 409. DEFENSE conventions
 * (rights en stock on identified flats, outside the flux) are not closed.
 */
@Injectable()
export class ClotureExerciceService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly exercices: ExercicesService,
    private readonly progressions: ProgressionFlowService,
  ) {}

  async cloturer(scope: AccessScope, exerciceId: string, { droitsNouveaux = [] }: Cloturer): Promise<ClotureExercice> {
    const exercice = await this.exercices.get(scope, exerciceId);
    assertBailleur(scope, exercice.bailleurId);
    const { annee } = exercice;
    const progression = await this.progressions.progression(scope, exerciceId, `${annee}-12-31`);
    const connues = new Set(progression.conventions.map((c) => c.conventionId));
    const erreurs = droitsNouveaux.flatMap((d, i) =>
      connues.has(d.conventionId)
        ? []
        : [{ champ: `droitsNouveaux.${i}.conventionId`, raison: `n'est pas une convention de l'exercice ${annee}` }],
    );
    if (erreurs.length > 0) throw new RequeteInvalideError(erreurs);
    const droits = new Map<string, number>();
    for (const d of droitsNouveaux) droits.set(d.conventionId, (droits.get(d.conventionId) ?? 0) + d.nombre);

    return this.dataSource.transaction(async (manager) => {
      const exerciceRepository = new ExerciceRepository(manager);
      const row = await exerciceRepository.verrouillerCloture(exerciceId);
      if (row?.clotureAt)
        throw new ConflitError(
          `L'exercice ${annee} est déjà clôturé (le ${dateFr(jourParis(row.clotureAt))}) : son résultat a été reporté une fois`,
        );
      // The bilan's actualisation, once validated, already carried the deficits into N+1: never twice.
      if (await new BilanRepository(manager).actualisationValidee(exercice.bailleurId, exercice.departement, annee + 1))
        throw new ConflitError(
          `L'actualisation ${annee + 1} est déjà validée : elle a reporté les déficits de ${annee}, l'exercice ne se clôture pas une seconde fois`,
        );
      const repository = new ConventionRepository(manager);
      const conventions = new Map(
        (
          await repository.findConventions({ bailleurIds: [exercice.bailleurId], departement: exercice.departement })
        ).map((c) => [c.id, c]),
      );
      const kinds = new Map(
        (await new ReservataireRepository(manager).findReservataires({ bailleurIds: [exercice.bailleurId] })).map(
          (r) => [r.id, r.kind],
        ),
      );
      const versions = await new ConventionVersionRepository(manager).findVersions([...conventions.keys()]);
      const suivante = `${annee + 1}-01-01`;
      const lignes: LigneCloture[] = [];
      for (const p of progression.conventions) {
        const courante = conventions.get(p.conventionId);
        if (!courante || kinds.get(courante.reservataireId) === 'DEFENSE') continue;
        // The terms the year ended under (a later version, if any, keeps its own figures).
        const fin = termesAuJour(courante, versions[courante.id], `${annee}-12-31`);
        const brute = cloturerConvention(fin, annee, p.objectifPrevu, p.realise, droits.get(courante.id) ?? 0);
        // Whole flats are carried (the engine's figures rounded); an exhausted pool ends the convention with the year.
        const cible =
          brute.suite.cible.type === 'DROITS_UNIQUES'
            ? { ...brute.suite.cible, nombre: Math.round(brute.suite.cible.nombre) }
            : brute.suite.cible;
        const epuisee = cible.type === 'DROITS_UNIQUES' && cible.nombre < 1;
        const cloture = {
          ...brute,
          suite: { ...brute.suite, deficitReporte: Math.round(brute.suite.deficitReporte), cible },
        };
        const enVigueurApres = !courante.dateFin || courante.dateFin >= suivante;
        const reportee = enVigueurApres && !epuisee;
        if (enVigueurApres) {
          // An exhausted pool: nothing left to owe, the convention ends with the year.
          const suite = epuisee ? { deficitReporte: 0, dateFin: `${annee}-12-31` } : cloture.suite;
          const [apres] = await repository.saveConventions([{ ...courante, ...suite }]);
          await versionner(manager, courante, apres, suivante);
        }
        lignes.push({ ...cloture, reference: courante.reference, reservataireId: courante.reservataireId, reportee });
      }
      const clotureLe = new Date();
      const resultat: ClotureExercice = { exerciceId, annee, clotureLe: clotureLe.toISOString(), conventions: lignes };
      await exerciceRepository.enregistrerCloture(exerciceId, clotureLe, resultat);
      await signalerReferenceModifiee(manager, [exercice.bailleurId]);
      return resultat;
    });
  }

  /** Whether an exercice is closed, and its closing. */
  async lire(scope: AccessScope, exerciceId: string): Promise<{ cloturee: boolean; cloture: ClotureExercice | null }> {
    await this.exercices.get(scope, exerciceId);
    const cloture = await new ExerciceRepository(this.dataSource).lireCloture<ClotureExercice>(exerciceId);
    return { cloturee: cloture !== null, cloture };
  }
}

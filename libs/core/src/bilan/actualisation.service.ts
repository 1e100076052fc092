import { Injectable } from '@nestjs/common';
import { termesAuJour, type Convention } from '@aiguillage/engine';
import {
  BilanRepository,
  ConventionRepository,
  ConventionVersionRepository,
  ExerciceRepository,
  type Actualisation,
} from '@aiguillage/persistence';
import { DataSource, type EntityManager } from 'typeorm';
import { assertBailleur, EDITOR_ROLES, type AccessScope } from '../platform/auth/access-scope';
import { AccesInterditError, ConflitError, RequeteInvalideError } from '../errors/domain-errors';
import { ExercicesService } from '../referentiel/exercices.service';
import { EnregistrerExercice } from '../referentiel/commands';
import { creerCommande } from '../platform/validation/creer-commande';
import { versionner } from '../referentiel/versions-conventions';
import { signalerReferenceModifiee } from '../platform/live/reference';
import { BilanService } from './bilan.service';
import { proposerActualisation, type EntreeActualisation, type PropositionActualisation } from './compute';
import { lettreExclusions } from './export/lettre-exclusions';

export interface ModificationsActualisation {
  tauxRotation?: number;
  exclusions?: Partial<{ mutations: number; npnru: number; orcod: number; lhi: number }>;
  objectifs?: Array<{ conventionId: string; objectif: number }>;
}

interface Stocke {
  proposition: PropositionActualisation;
  modifications: ModificationsActualisation;
}

/**
 * Next year's actualisation: proposed from a closed year's bilan snapshot, reviewed and edited by a
 * MANAGER, validated into the new exercice (objectives fixed) and the conventions' carried deficits.
 */
@Injectable()
export class ActualisationService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly bilans: BilanService,
    private readonly exercices: ExercicesService,
    private readonly conventions: ConventionRepository,
  ) {}

  private exigerGestionnaire(scope: AccessScope): void {
    if (!EDITOR_ROLES.includes(scope.role))
      throw new AccesInterditError('Accès refusé : l’actualisation est réservée aux gestionnaires (MANAGER, ADMIN)');
  }

  private async calculer(
    scope: AccessScope,
    snapshotId: string,
    modifications: ModificationsActualisation,
  ): Promise<PropositionActualisation> {
    const { resume, contenu } = await this.bilans.contenu(scope, snapshotId);
    const repo = new BilanRepository(this.dataSource);
    const annee = resume.annee;
    const conventions = await this.conventions.findConventions({
      bailleurIds: [resume.bailleurId],
      departement: resume.departement,
    });
    const versions = await new ConventionVersionRepository(this.dataSource).findVersions(conventions.map((c) => c.id));
    const entree: EntreeActualisation = {
      bilan: contenu.bilan,
      // Each convention under the terms year N ended under: a closing already written from 1 January N+1 is not applied twice.
      conventions: conventions
        .filter((c) => c.dateDebut <= `${annee + 1}-12-31`)
        .map((c) => termesAuJour(c, versions[c.id], `${annee}-12-31`)),
      patrimoine: await repo.patrimoine(resume.bailleurId, resume.departement),
      rotation: await repo.rotationHistorique(resume.bailleurId, resume.departement, [annee - 2, annee - 1, annee]),
      modifications,
    };
    try {
      return proposerActualisation(entree);
    } catch (error) {
      const e = error as { champ?: string; raison?: string };
      if (e.champ) throw new RequeteInvalideError([{ champ: e.champ, raison: e.raison ?? 'invalide' }]);
      throw error;
    }
  }

  async proposer(scope: AccessScope, snapshotId: string): Promise<Actualisation> {
    this.exigerGestionnaire(scope);
    const { resume } = await this.bilans.contenu(scope, snapshotId);
    assertBailleur(scope, resume.bailleurId);
    const proposition = await this.calculer(scope, snapshotId, {});
    return new BilanRepository(this.dataSource).saveActualisation({
      bailleurId: resume.bailleurId,
      departement: resume.departement,
      annee: resume.annee + 1,
      snapshotId,
      proposition: { proposition, modifications: {} } satisfies Stocke,
    });
  }

  get(scope: AccessScope, id: string): Promise<Actualisation> {
    this.exigerGestionnaire(scope);
    return new BilanRepository(this.dataSource).getActualisation(scope.bailleurIds, id);
  }

  async modifier(scope: AccessScope, id: string, modifications: ModificationsActualisation): Promise<Actualisation> {
    const a = await this.get(scope, id);
    if (a.statut !== 'BROUILLON') throw new ConflitError(`L'actualisation ${a.annee} est déjà validée`);
    const avant = (a.proposition as Stocke).modifications;
    const fusion: ModificationsActualisation = {
      ...avant,
      ...modifications,
      exclusions: { ...avant.exclusions, ...modifications.exclusions },
      objectifs: [
        ...(avant.objectifs ?? []).filter(
          (o) => !modifications.objectifs?.some((n) => n.conventionId === o.conventionId),
        ),
        ...(modifications.objectifs ?? []),
      ],
    };
    const proposition = await this.calculer(scope, a.snapshotId, fusion);
    const inconnues = (modifications.objectifs ?? []).filter(
      (o) => !proposition.objectifs.some((p) => p.conventionId === o.conventionId),
    );
    if (inconnues.length > 0)
      throw new RequeteInvalideError(
        inconnues.map((o) => ({
          champ: 'objectifs.conventionId',
          raison: `convention ${o.conventionId} absente de l'actualisation`,
        })),
      );
    return new BilanRepository(this.dataSource).updateActualisation(id, {
      proposition: { proposition, modifications: fusion } satisfies Stocke,
    });
  }

  /**
   * Validates the draft into the new exercice and carries each convention's closing (deficit, its
   * year, the droits-uniques pool left) as a new version from 1 January N+1, as the year closing
   * does. One guard each way: refused (409) when year N was already closed, and the closing refuses
   * after a validated actualisation; both lock the exercice N row, so they never both run.
   */
  async valider(scope: AccessScope, id: string): Promise<Actualisation> {
    const a = await this.get(scope, id);
    if (a.statut !== 'BROUILLON') throw new ConflitError(`L'actualisation ${a.annee} est déjà validée`);
    const { proposition: p } = a.proposition as Stocke;
    const s = p.assiette;
    const source = (await this.bilans.contenu(scope, a.snapshotId)).contenu.input.exercice;
    const dejaCloture = async (manager: EntityManager | DataSource) => {
      if (!source) return;
      const row = await new ExerciceRepository(manager).verrouillerCloture(source.id);
      if (row?.clotureAt)
        throw new ConflitError(
          `L'exercice ${a.annee - 1} est déjà clôturé : sa clôture a reporté les déficits sur ${a.annee}, l'actualisation ne les reporte pas une seconde fois`,
        );
    };
    await dejaCloture(this.dataSource);
    const commande = await creerCommande(EnregistrerExercice, {
      bailleurId: a.bailleurId,
      departement: a.departement,
      annee: a.annee,
      assiette: {
        logements: s.logements.valeur,
        stockDefense: s.stockDefense.valeur,
        plansVente: s.plansVente.valeur,
        demolitions: s.demolitions.valeur,
        tauxRotation: s.tauxRotation.valeur,
        mutations: s.mutations.valeur,
        relogements: {
          npnru: s.relogements.npnru.valeur,
          orcod: s.relogements.orcod.valeur,
          lhi: s.relogements.lhi.valeur,
        },
      },
      fluxARepartir: p.fluxARepartir.valeur,
      // Each figure's explanation is its recorded reason when it departs from the live computation (issue 9, finding 4).
      fluxARepartirMotif: p.fluxARepartir.explication,
      // the closed year's seasonality, else even months (the last one takes the rounding)
      saisonnalite: saisonnaliteExacte(source?.saisonnalite ?? Array<number>(12).fill(1 / 12)),
      objectifs: p.objectifs.map((o) => ({
        conventionId: o.conventionId,
        objectif: o.objectif.valeur,
        motif: o.objectif.explication,
      })),
    });
    const exercice = await this.exercices.save(scope, commande);
    return this.dataSource.transaction(async (manager) => {
      await dejaCloture(manager);
      const repository = new ConventionRepository(manager);
      const conventions = await repository.findConventions({ bailleurIds: [a.bailleurId], departement: a.departement });
      const suivante = `${a.annee}-01-01`;
      for (const courante of conventions) {
        const o = p.objectifs.find((x) => x.conventionId === courante.id);
        if (!o?.suite || (courante.dateFin && courante.dateFin < suivante)) continue;
        // An exhausted pool: nothing left to owe, the convention ends with the source year.
        const suite: Partial<Convention> = o.epuisee ? { deficitReporte: 0, dateFin: `${a.annee - 1}-12-31` } : o.suite;
        const [apres] = await repository.saveConventions([{ ...courante, ...suite }]);
        await versionner(manager, courante, apres, suivante);
      }
      await signalerReferenceModifiee(manager, [a.bailleurId]);
      return new BilanRepository(manager).updateActualisation(id, {
        proposition: a.proposition,
        statut: 'VALIDEE',
        exerciceId: exercice.id,
        valideePar: scope.userId,
      });
    });
  }

  async lettre(scope: AccessScope, id: string): Promise<{ nom: string; contenu: Buffer }> {
    const a = await this.get(scope, id);
    const { contenu } = await this.bilans.contenu(scope, a.snapshotId);
    const { proposition } = a.proposition as Stocke;
    return {
      nom: `prevision-exclusions-${a.annee}-${a.departement}.pdf`,
      contenu: await lettreExclusions(
        contenu.bilan,
        proposition,
        new Date(`${contenu.bilan.annee + 1}-01-15T00:00:00Z`),
      ),
    };
  }
}

/** Twelve shares rounded to 6 decimals (the column's scale) that sum to exactly 1: the last month takes the rounding. */
export function saisonnaliteExacte(parts: number[]): number[] {
  const total = parts.reduce((a, b) => a + b, 0) || 1;
  const arrondies = parts.map((x) => Math.round((x / total) * 1e6));
  arrondies[11] += 1e6 - arrondies.reduce((a, b) => a + b, 0);
  return arrondies.map((x) => x / 1e6);
}

import { Injectable, Logger } from '@nestjs/common';
import { BilanRepository, NotFoundError, type Generation, type SnapshotResume } from '@aiguillage/persistence';
import { DataSource } from 'typeorm';
import { assertBailleur, bailleursVisibles, type AccessScope } from '../platform/auth/access-scope';
import { IntrouvableError, RequeteInvalideError, sansErreurMoteur } from '../errors/domain-errors';
import type { JobPayloads } from '../platform/jobs/job-names';
import { JobRunner } from '../platform/jobs/job-runner';
import { BilanInputLoader } from './bilan-input.loader';
import { exigerPersonnel, figureAutorisee, perimetreAutorise, vuePour } from './bilan-vues';
import {
  calculerBilan,
  COLONNES_DETAIL,
  detailDe,
  lignesDeLaFigure,
  PERIODES_PAR_DEFAUT,
  type LigneDetail,
  type PeriodeConstruction,
  type RefFigure,
} from './compute';
import { csvDetail } from './export/csv';
import { pdfBilan } from './export/pdf';
import type { Perimetre } from './export/tableaux';
import { xlsxBuffer } from './export/xlsx';
import { canonicalJson, hashContenu, type ContenuSnapshot } from './snapshot';

export interface DemandeBilan {
  bailleurId: string;
  departement: string;
  annee: number;
  texteCouverture?: string | null;
  periodes?: PeriodeConstruction[] | null;
}

export type FormatExport = 'xlsx' | 'csv' | 'pdf';
export interface Fichier {
  nom: string;
  type: string;
  contenu: Buffer;
}

const TYPES: Record<FormatExport, string> = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv; charset=utf-8',
  pdf: 'application/pdf',
};

/** Snapshots are immutable: the last two parsed contents are kept for the next reads (a year of 100 000 lines weighs ~200 MB parsed). */
const CACHE_MAX = 2;

/**
 * The annual bilan: generation as a background job (progress pushed through NOTIFY → websocket),
 * immutable snapshots, reading, exports and drill-down, each checked against the caller's scope.
 */
@Injectable()
export class BilanService {
  private readonly logger = new Logger(BilanService.name);
  private readonly cache = new Map<string, ContenuSnapshot>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly loader: BilanInputLoader,
    private readonly jobs: JobRunner,
  ) {}

  private get repo(): BilanRepository {
    return new BilanRepository(this.dataSource);
  }

  async demander(scope: AccessScope, demande: DemandeBilan): Promise<Generation> {
    exigerPersonnel(scope, 'la génération d’un bilan');
    assertBailleur(scope, demande.bailleurId);
    const periodes = demande.periodes ?? null;
    if (periodes) validerPeriodes(periodes);
    const generation = await this.repo.createGeneration({
      bailleurId: demande.bailleurId,
      departement: demande.departement,
      annee: demande.annee,
      demandePar: scope.userId,
    });
    await this.jobs.add(
      'bilan.generation',
      { generationId: generation.id, texteCouverture: demande.texteCouverture ?? null, periodes },
      { jobId: `bilan-${generation.id}` },
    );
    return generation;
  }

  /** The job: reads the year, computes, stores the snapshot (or finds the identical one). */
  async generer(payload: JobPayloads['bilan.generation']): Promise<void> {
    const repo = this.repo;
    const g = await repo.findGenerationById(payload.generationId);
    if (!g || g.statut === 'TERMINEE') return;
    try {
      await repo.updateGeneration(g.id, {
        statut: 'EN_COURS',
        progression: 10,
        etape: 'Lecture des libérations, décisions, propositions, CAL et baux de l’année',
      });
      const { input, versionEvenements } = await this.loader.charger(g, payload.periodes ?? PERIODES_PAR_DEFAUT);
      input.texteCouverture = payload.texteCouverture;
      await repo.updateGeneration(g.id, {
        statut: 'EN_COURS',
        progression: 50,
        etape: `Calcul du bilan (${input.lignes.length} libérations)`,
      });
      const contenu: ContenuSnapshot = { versionEvenements, input, bilan: calculerBilan(input) };
      await repo.updateGeneration(g.id, {
        statut: 'EN_COURS',
        progression: 80,
        etape: 'Enregistrement de l’instantané',
      });
      const canonical = canonicalJson(contenu);
      const hash = hashContenu(canonical);
      const saved = await repo.saveSnapshot({
        bailleurId: g.bailleurId,
        departement: g.departement,
        annee: g.annee,
        versionEvenements,
        hash,
        contenu: canonical,
        lignes: input.lignes.length,
        createdBy: g.demandePar,
      });
      const etape = saved.cree
        ? `Bilan prêt (empreinte ${hash.slice(0, 12)})`
        : `Bilan identique à un instantané existant (empreinte ${hash.slice(0, 12)})`;
      await repo.updateGeneration(g.id, { statut: 'TERMINEE', progression: 100, etape, snapshotId: saved.id });
    } catch (error) {
      this.logger.error(
        `Bilan ${g.annee} (${g.departement}) en échec : ${(error as Error).message}`,
        (error as Error).stack,
      );
      await repo.updateGeneration(g.id, {
        statut: 'ECHEC',
        progression: 100,
        etape: 'Échec',
        erreur: (error as Error).message,
      });
    }
  }

  generation(scope: AccessScope, id: string): Promise<Generation> {
    exigerPersonnel(scope, 'le suivi des générations');
    return this.repo.getGeneration(scope.bailleurIds, id);
  }

  liste(scope: AccessScope, query: { bailleurId?: string; annee?: number }): Promise<SnapshotResume[]> {
    return this.repo.listSnapshots(bailleursVisibles(scope, query.bailleurId), query.annee);
  }

  async contenu(scope: AccessScope, id: string): Promise<{ resume: SnapshotResume; contenu: ContenuSnapshot }> {
    const snapshot = await this.repo.getSnapshot(scope.bailleurIds, id).catch((error: unknown) => {
      throw error instanceof NotFoundError ? new IntrouvableError('Bilan', id) : error;
    });
    const { contenu: brut, ...resume } = snapshot;
    let contenu = this.cache.get(id);
    if (!contenu) {
      const lu = brut as ContenuSnapshot;
      contenu = { ...lu, bilan: { ...lu.bilan, departementNom: resume.departementNom ?? undefined } };
      this.cache.set(id, contenu);
      if (this.cache.size > CACHE_MAX) this.cache.delete(this.cache.keys().next().value as string);
    }
    return { resume, contenu };
  }

  async lire(scope: AccessScope, id: string) {
    const { resume, contenu } = await this.contenu(scope, id);
    return { ...resume, bilan: vuePour(scope, contenu.bilan, contenu.input) };
  }

  async exporter(scope: AccessScope, id: string, perimetre: Perimetre, format: FormatExport): Promise<Fichier> {
    const { resume, contenu } = await this.contenu(scope, id);
    const p = perimetreAutorise(scope, perimetre);
    const { input, bilan } = contenu;
    if (p.type === 'reservataire' && !bilan.reservataires.some((r) => r.id === p.id))
      throw new IntrouvableError('Réservataire du bilan', p.id);
    const date = new Date(resume.createdAt);
    const nomPerimetre =
      p.type === 'consolide' ? 'consolide' : slug(bilan.reservataires.find((r) => r.id === p.id)!.nom);
    const nom = `bilan-${bilan.annee}-${bilan.departement}-${nomPerimetre}.${format}`;
    const fichier =
      format === 'xlsx'
        ? await xlsxBuffer(input, bilan, p, { date })
        : format === 'csv'
          ? Buffer.from(csvDetail(input, bilan, p), 'utf8')
          : await pdfBilan(input, bilan, p, { date, texteCouverture: input.texteCouverture ?? null });
    return { nom, type: TYPES[format], contenu: fichier };
  }

  /** The flats and decisions behind one figure of the bilan. */
  async detail(
    scope: AccessScope,
    id: string,
    ref: RefFigure,
  ): Promise<{
    figure: RefFigure;
    nombre: number;
    colonnes: typeof COLONNES_DETAIL;
    lignes: Array<LigneDetail & { liberationId: string; decisionId: string | null }>;
  }> {
    const { contenu } = await this.contenu(scope, id);
    const { input, bilan } = contenu;
    const lignes = sansErreurMoteur(() => lignesDeLaFigure(input, figureAutorisee(scope, bilan, ref)));
    const detail = detailDe(input);
    return {
      figure: ref,
      nombre: lignes.length,
      colonnes: COLONNES_DETAIL,
      lignes: lignes.map((l) => ({
        liberationId: l.liberationId,
        decisionId: l.decision?.id ?? null,
        ...detail(l),
      })),
    };
  }
}

export function validerPeriodes(periodes: PeriodeConstruction[]): void {
  const erreurs = periodes.flatMap((p, i) =>
    p.debut !== null && p.fin !== null && p.debut > p.fin
      ? [{ champ: `periodes.${i}`, raison: `début (${p.debut}) après la fin (${p.fin})` }]
      : [],
  );
  if (erreurs.length > 0) throw new RequeteInvalideError(erreurs);
}

function slug(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .toLowerCase();
}

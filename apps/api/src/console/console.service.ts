import { Injectable } from '@nestjs/common';
import { exigerPersonnel, IntrouvableError, type AccessScope } from '@aiguillage/core';
import { EngineStateStore, exerciceKey } from '@aiguillage/core/platform/live';
import { fraicheurRecommandation, LiberationFlowService } from '@aiguillage/core/liberations';
import { motifsApprobation, PolitiqueDerogationService, retardConvention } from '@aiguillage/core/orientations';
import { keyOf, raisonSecond } from '@aiguillage/engine';
import { ConsoleReadRepository, type ConsoleLiberationRow, type Page } from '@aiguillage/persistence';
import type {
  NomsConsole,
  DerogationConsole,
  EtapeDerogation,
  LiberationConsole,
  LogementLu,
  OptionConsole,
  PanneauDecision,
  RecommandationCalculee,
  StatutLiberation,
} from './console.types';
import { conventionsNommees, liberationConsole } from './console.queries';
import { motifDerogation, nommer } from '../../../console/src/libelles';
import { decrireLogement } from './noms';
import type { ConventionNom } from './console.types';
import { raisonsPourContre } from './raisons';

/**
 * What the console reads: the libérations by status with names, the decision panel of one
 * (options with names, lag, reasons for and against, hard rules, whether an override needs a
 * manager), the flats found by RPLS id / commune / résidence, and the overrides to approve.
 */
@Injectable()
export class ConsoleService {
  constructor(
    private readonly lecture: ConsoleReadRepository,
    private readonly liberations: LiberationFlowService,
    private readonly store: EngineStateStore,
    private readonly politiques: PolitiqueDerogationService,
  ) {}

  async liste(
    scope: AccessScope,
    statut: StatutLiberation,
    limit: number,
    offset: number,
    filtre: { derogations: boolean } = { derogations: false },
  ): Promise<Page<LiberationConsole>> {
    exigerPersonnel(scope, 'la console');
    const [{ items, total }, conventions] = await Promise.all([
      this.lecture.liberationsPage(scope.bailleurIds, statut, limit, offset, filtre),
      conventionsNommees(this.lecture, scope.bailleurIds),
    ]);
    return { items: items.map((r) => liberationConsole(r, conventions)), total };
  }

  async une(scope: AccessScope, id: string): Promise<LiberationConsole> {
    const { ligne, conventions } = await this.lire(scope, id);
    return liberationConsole(ligne, conventions);
  }

  private async lire(
    scope: AccessScope,
    id: string,
  ): Promise<{ ligne: ConsoleLiberationRow; conventions: Map<string, ConventionNom> }> {
    exigerPersonnel(scope, 'la console');
    const [rows, conventions] = await Promise.all([
      this.lecture.liberations(scope.bailleurIds, [id]),
      conventionsNommees(this.lecture, scope.bailleurIds),
    ]);
    if (rows.length === 0) throw new IntrouvableError('Libération', id);
    return { ligne: rows[0], conventions };
  }

  async panneau(scope: AccessScope, id: string): Promise<PanneauDecision> {
    const { ligne, conventions } = await this.lire(scope, id);
    const liberation = liberationConsole(ligne, conventions);
    const [recommendation, politique, live] = await Promise.all([
      this.liberations.recommendationOf(scope, id).catch(() => null),
      this.politiques.get(liberation.bailleurId),
      this.store.get(exerciceKey(ligne.bailleurId, ligne.departement, ligne.date)).catch(() => null),
    ]);
    const recommandee = recommendation?.recommandee ?? null;
    const [premiere, deuxieme] = (recommendation?.options ?? []).filter((o) => o.eligible);
    const options: OptionConsole[] = (recommendation?.options ?? []).map((option, index) => {
      const estRecommandee = recommandee !== null && keyOf(recommandee) === keyOf(option.destination);
      const motifs =
        option.eligible && !estRecommandee && live
          ? motifsApprobation(politique, live.state, liberation.date, recommandee, option)
          : [];
      return {
        destination: nommer(option.destination, conventions),
        rang: index + 1,
        eligible: option.eligible,
        recommandee: estRecommandee,
        retard:
          option.destination.kind === 'CONVENTION' && live
            ? Math.round(retardConvention(live.state, option.destination.conventionId, liberation.date) * 10) / 10
            : null,
        ...raisonsPourContre(option),
        reglesImperatives: option.violates.filter((r) => r.hard).map((r) => r.libelle),
        reglesSouples: option.violates.filter((r) => !r.hard).map((r) => r.libelle),
        approbation: option.eligible && !estRecommandee ? { requise: motifs.length > 0, motifs } : null,
        ...(option === deuxieme ? { pourquoiSecond: raisonSecond(premiere, deuxieme) } : {}),
      };
    });
    const historiqueDerogation = liberation.derogationEnAttente
      ? ((await this.etapes([liberation.derogationEnAttente.id])).get(liberation.derogationEnAttente.id) ?? [])
      : [];
    const recommandation: RecommandationCalculee | null = recommendation && {
      id: recommendation.id,
      calculeeLe: recommendation.createdAt,
      ...(live
        ? await fraicheurRecommandation(this.store, live, recommendation.inputsVersion)
        : { aJour: true, decisionsDepuis: null, changementsDepuis: null }),
      recalculable: liberation.statut === 'A_ORIENTER',
    };
    return { ...liberation, recommandation, options, historiqueDerogation };
  }

  /** The names a page needs to render a live event at once: conventions (reference, réservataire) and communes of the caller's bailleurs. */
  async noms(scope: AccessScope): Promise<NomsConsole> {
    exigerPersonnel(scope, 'la console');
    const [conventions, communes, departements] = await Promise.all([
      conventionsNommees(this.lecture, scope.bailleurIds),
      this.lecture.communes(scope.bailleurIds),
      this.lecture.departements(scope.bailleurIds),
    ]);
    return { conventions: [...conventions.values()], communes, departements };
  }

  async logements(scope: AccessScope, q: string, limit: number): Promise<LogementLu[]> {
    exigerPersonnel(scope, 'la console');
    const texte = q.trim();
    const rows = await this.lecture.logements(scope.bailleurIds, texte, limit);
    return rows.map((r) => ({ ...r, description: decrireLogement(r) }));
  }

  async derogations(
    scope: AccessScope,
    statut: 'PENDING' | 'TRAITEES',
    limit: number,
    offset: number,
  ): Promise<Page<DerogationConsole>> {
    exigerPersonnel(scope, 'la console');
    const [{ items: rows, total }, conventions] = await Promise.all([
      this.lecture.derogationsPage(scope.bailleurIds, statut, limit, offset),
      conventionsNommees(this.lecture, scope.bailleurIds),
    ]);
    const ids: string[] = rows.map((r) => r.id);
    const [liberations, etapes] = await Promise.all([
      this.lecture.liberations(
        scope.bailleurIds,
        rows.map((r) => r.liberationId),
      ),
      this.etapes(ids),
    ]);
    const parId = new Map(liberations.map((l) => [l.id, liberationConsole(l, conventions)]));
    return {
      total,
      items: rows.map((r): DerogationConsole => ({
        id: r.id,
        statut: r.status,
        liberation: parId.get(r.liberationId)!,
        recommandee: r.recommandee ? nommer(r.recommandee, conventions) : null,
        demandee: nommer(r.destination, conventions),
        motif: r.reason,
        motifLibelle: motifDerogation(r.reason),
        commentaire: r.comment,
        demandeurId: r.requestedBy,
        demandeur: r.requestedByNom,
        le: new Date(r.createdAt).toISOString(),
        motifsApprobation: r.motifs ?? [],
        historique: etapes.get(r.id) ?? [],
      })),
    };
  }

  /** The steps of override requests (who, when, why), oldest first. */
  private async etapes(ids: string[]): Promise<Map<string, EtapeDerogation[]>> {
    const map = new Map<string, EtapeDerogation[]>();
    if (ids.length === 0) return map;
    const rows = await this.lecture.etapes(ids);
    for (const r of rows) {
      const list = map.get(r.requestId) ?? [];
      list.push({ statut: r.status, par: r.nom, le: new Date(r.createdAt).toISOString(), commentaire: r.comment });
      map.set(r.requestId, list);
    }
    return map;
  }
}

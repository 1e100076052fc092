import { motifsApprobation, type Convention, type Destination, type OptionOrientation } from '@aiguillage/engine';
import type { EvenementPrevu, ScenarioDemo } from '@aiguillage/demo';
import { jourOuvre, plusJours } from '@aiguillage/demo';
import { PropositionRepository } from '@aiguillage/persistence';
import type { DataSource } from 'typeorm';
import type { AccessScope } from '../platform/auth/access-scope';
import { horloge } from '../platform/horloge';
import type { FlowOptions } from '../platform/config/flow-options';
import type { FlowUnitOfWork } from '../platform/live/flow-unit-of-work';
import type { PolitiqueDerogationService } from '../orientations/politique-derogation';
import type { LiberationFlowService } from '../liberations/liberation-flow.service';
import { DeclarerLiberation } from '../liberations/commands';
import { creerCommande } from '../platform/validation/creer-commande';
import type { OrientationFlowService } from '../orientations/orientation-flow.service';
import type { DecisionResult } from '../orientations/orientation-decision';
import { DeciderOrientation, TraiterDerogation } from '../orientations/commands';
import { DeciderCal, ProposerCandidats, RefuserLogement, SignerBail } from '../cycle-vie/commands';
import type { SuiviFlowService } from '../cycle-vie/suivi-flow.service';
import type { JobRunner } from '../platform/jobs/job-runner';
import { FileEvenements, instantDuPas, OUVRE, PHASES } from './file-evenements';

/** Who acts in the replay: the chargé and manager of the largest bailleur, the administrator elsewhere. */
export interface ActeursDemo {
  charge: AccessScope;
  manager: AccessScope;
  admin: AccessScope;
}

/** What the replay did (logged at boot, read by the tests). */
export interface BilanRejeu {
  jusquau: string;
  liberations: number;
  decisions: number;
  derogations: { demandees: number; approuvees: number; rejetees: number; enAttente: number; sansApprobation: number };
  propositions: number;
  candidats: number;
  attributions: number;
  refus: number;
  baux: number;
  delaisAvertis: number;
  delaisExpires: number;
  /** DIRECTE délais still running at the demo's date, scheduled on the job queue. */
  delaisEnCours: number;
  /** Libérations left undecided (« À orienter ») at the demo's date. */
  aOrienter: number;
  /** Steps a use case refused (logged; 0 expected). */
  incidents: string[];
  dureeMs: number;
}

export interface DemoReplayDeps {
  liberations: LiberationFlowService;
  orientations: OrientationFlowService;
  suivi: SuiviFlowService;
  politiques: PolitiqueDerogationService;
  uow: FlowUnitOfWork;
  dataSource: DataSource;
  jobs: JobRunner;
  options: FlowOptions;
  conventions: readonly Convention[];
}

/** One libération's state along the replay. */
interface Suivi {
  plan: EvenementPrevu;
  liberationId?: string;
  decided: boolean;
  propositionId?: string;
  candidatIds: string[];
}

/**
 * Plays the demo's scenario through the live flow's use cases — the same calls as the API (declare,
 * decide or override, approve or reject, candidates, CAL, refusal, lease, délai warning and
 * expiry) — in date order, each bailleur on its own (their exercices are independent), so that the
 * audit journal, the event log, the engine's state and the dashboards tell one coherent story.
 * The recommendations are the engine's, computed as the year goes. Business dates (libération,
 * CAL, lease) are the scenario's; each step is recorded as of its day (`horloge.aLaDate`), so the
 * decisions, override requests and propositions carry the year's dates and the délais run from
 * them: a délai over by the demo's date is expired in the replay, one still running is scheduled on
 * the job queue (never awaited at shutdown).
 */
export class DemoReplay {
  private readonly conventions: Map<string, Convention>;

  constructor(private readonly deps: DemoReplayDeps) {
    this.conventions = new Map(deps.conventions.map((c) => [c.id, c]));
  }

  async jouer(scenario: ScenarioDemo, acteurs: ActeursDemo): Promise<BilanRejeu> {
    const started = Date.now();
    const bilan: BilanRejeu = {
      jusquau: scenario.jusquau,
      liberations: 0,
      decisions: 0,
      derogations: { demandees: 0, approuvees: 0, rejetees: 0, enAttente: 0, sansApprobation: 0 },
      propositions: 0,
      candidats: 0,
      attributions: 0,
      refus: 0,
      baux: 0,
      delaisAvertis: 0,
      delaisExpires: 0,
      delaisEnCours: 0,
      aOrienter: 0,
      incidents: [],
      dureeMs: 0,
    };
    const parBailleur = new Map<string, EvenementPrevu[]>();
    for (const e of scenario.evenements) parBailleur.set(e.bailleurId, [...(parBailleur.get(e.bailleurId) ?? []), e]);
    await Promise.all(
      [...parBailleur].map(([bailleurId, evenements]) => {
        const avecManager = bailleurId === scenario.bailleurDerogations;
        const acteur = avecManager ? acteurs.charge : acteurs.admin;
        return new RejeuBailleur(
          this.deps,
          this.conventions,
          scenario.jusquau,
          scenario.departement,
          acteur,
          avecManager ? acteurs.manager : null,
          bilan,
        ).jouer(evenements);
      }),
    );
    bilan.delaisEnCours = await this.planifierDelaisEnCours(scenario.jusquau);
    bilan.dureeMs = Date.now() - started;
    return bilan;
  }

  /**
   * The DIRECTE délais still running at the demo's date, scheduled as the live flow does after a
   * restart (the handlers ignore a proposition no longer waiting). When the demo's date is in the
   * past, each keeps the time it had left at that date: its end moves forward by the gap to today.
   */
  private async planifierDelaisEnCours(jusquau: string): Promise<number> {
    const ecart = Date.parse(`${new Date().toISOString().slice(0, 10)}T00:00:00Z`) - Date.parse(`${jusquau}T00:00:00Z`);
    const rows = await new PropositionRepository(this.deps.dataSource).reporterDelaisEnCours(Math.max(0, ecart));
    const { avertissementJours, dureeJourMs } = this.deps.options;
    for (const p of rows) {
      const expireAt = new Date(p.delaiExpireAt).getTime();
      const warnAt = expireAt - avertissementJours * dureeJourMs;
      if (warnAt > Date.now())
        await this.deps.jobs.add(
          'flow.delai-avertissement',
          { propositionId: p.id },
          { jobId: `demo-delai-avertissement-${p.id}`, delay: warnAt - Date.now() },
        );
      await this.deps.jobs.add(
        'flow.delai-expiration',
        { propositionId: p.id },
        { jobId: `demo-delai-expiration-${p.id}`, delay: Math.max(0, expireAt - Date.now()) },
      );
    }
    return rows.length;
  }
}

/** One bailleur's year, step by step in date order. */
class RejeuBailleur {
  private readonly file = new FileEvenements();
  /** The override left for the manager's approvals page is made (see `DerogationPrevue.enAttente`). */
  private attenteLaissee = false;

  constructor(
    private readonly deps: DemoReplayDeps,
    private readonly conventions: Map<string, Convention>,
    private readonly jusquau: string,
    private readonly departement: string,
    private readonly acteur: AccessScope,
    private readonly manager: AccessScope | null,
    private readonly bilan: BilanRejeu,
  ) {}

  async jouer(evenements: EvenementPrevu[]): Promise<void> {
    const suivis = evenements.map((plan): Suivi => ({ plan, decided: false, candidatIds: [] }));
    for (const s of suivis) this.file.ajouter(s.plan.liberation.date, PHASES.declaration, () => this.declarer(s));
    let [jour, rang] = ['', 0];
    for (let next = this.file.suivant(); next; next = this.file.suivant()) {
      [jour, rang] = next.jour === jour ? [jour, rang + 1] : [next.jour, 0];
      try {
        await horloge.aLaDate(instantDuPas(jour, rang), next.run);
      } catch (error) {
        this.bilan.incidents.push(`${next.jour} : ${(error as Error).message}`);
      }
    }
    this.bilan.aOrienter += suivis.filter((s) => s.liberationId && !s.decided).length;
  }

  /**
   * Schedules a step `jours` days after `jour` (on the next working day for the offices' steps:
   * the manager's answer, the CAL, the lease), unless it falls after the demo's date; returns its day.
   */
  private plus(jour: string, jours: number, phase: number, run: (day: string) => Promise<void>, ouvre = false): string {
    const day = ouvre ? jourOuvre(plusJours(jour, jours)) : plusJours(jour, jours);
    if (day <= this.jusquau) this.file.ajouter(day, phase, () => run(day));
    return day;
  }

  private async declarer(s: Suivi): Promise<void> {
    const { liberation } = s.plan;
    const commande = await creerCommande(DeclarerLiberation, {
      logementId: liberation.logementId,
      date: liberation.date,
      motif: liberation.motif,
      kind: liberation.kind,
    });
    const result = await this.deps.liberations.declare(this.acteur, commande);
    s.liberationId = result.liberation.id;
    this.bilan.liberations++;
    // A working day already (the scenario's).
    this.plus(liberation.date, s.plan.decisionApresJours, PHASES.decision, (day) => this.decider(s, day));
  }

  private async decider(s: Suivi, jour: string): Promise<void> {
    const liberationId = s.liberationId!;
    // As the chargé does when the panel says the progress moved since: recalculated on today's state
    // (nothing stored when it is current), so that a weekend's flats are not all decided on Friday's.
    const { recommendation: reco } = await this.deps.liberations.recalculer(this.acteur, liberationId);
    const derogation = s.plan.derogation;
    if (derogation && this.manager && reco.recommandee) {
      const alternatives = reco.options.filter(
        (o) => o.eligible && o.destination.kind === 'CONVENTION' && !sameDestination(o.destination, reco.recommandee!),
      );
      const choix = await this.alternative(
        s,
        alternatives.slice(Math.min(derogation.alternative, alternatives.length) - 1),
        reco.recommandee,
        jour,
        !!derogation.enAttente,
      );
      if (choix) {
        const result = await this.decide({
          liberationId,
          destination: choix.destination,
          motif: derogation.motif,
          commentaire: derogation.commentaire,
        });
        this.bilan.derogations.demandees++;
        if (result.status === 'DECIDEE') {
          this.bilan.derogations.sansApprobation++;
          return this.suite(s, result, jour);
        }
        if (derogation.enAttente) this.attenteLaissee = true;
        const reponse = this.plus(
          jour,
          derogation.reponseApresJours,
          PHASES.reponse,
          (day) => this.repondre(s, result.overrideRequestId!, day),
          OUVRE,
        );
        if (reponse > this.jusquau) this.bilan.derogations.enAttente++;
        return;
      }
    }
    if (!reco.recommandee) {
      // Nothing eligible: the bailleur lets the flat itself (an override, with its reason said).
      const result = await this.decide({
        liberationId,
        destination: { kind: 'BAILLEUR' },
        motif: 'AUTRE',
        commentaire: 'Aucune option éligible : le bailleur propose lui-même le logement.',
      });
      this.bilan.derogations.demandees++;
      if (result.status !== 'DECIDEE') return;
      this.bilan.derogations.sansApprobation++;
      return this.suite(s, result, jour);
    }
    await this.suite(s, await this.decide({ liberationId }), jour);
  }

  /**
   * The planned alternative, or the next one for which the bailleur's policy asks a manager (the
   * demo shows overrides going through an approval; the use case decides on its own anyway). For
   * the override left pending (`approbation`): only one that needs a manager, and only once, else
   * none (the recommendation is accepted).
   */
  private async alternative(
    s: Suivi,
    alternatives: OptionOrientation[],
    recommandee: Destination,
    jour: string,
    approbation: boolean,
  ): Promise<OptionOrientation | undefined> {
    if (approbation && this.attenteLaissee) return undefined;
    if (alternatives.length <= 1 && !approbation) return alternatives[0];
    const { bailleurId, liberation } = s.plan;
    const politique = await this.deps.politiques.get(bailleurId);
    const live = await this.deps.uow.liveState({
      bailleurId,
      departement: this.departement,
      annee: Number(liberation.date.slice(0, 4)),
    });
    const aApprouver = alternatives.find(
      (o) => motifsApprobation(politique, live.state, jour, recommandee, o).length > 0,
    );
    return approbation ? aApprouver : (aApprouver ?? alternatives[0]);
  }

  /** The chargé's decision, its command created as every adapter but HTTP creates it. */
  private async decide(plain: Partial<DeciderOrientation>): Promise<DecisionResult> {
    return this.deps.orientations.decide(this.acteur, await creerCommande(DeciderOrientation, plain));
  }

  private async repondre(s: Suivi, overrideRequestId: string, jour: string): Promise<void> {
    const derogation = s.plan.derogation!;
    const reponse = await creerCommande(TraiterDerogation, { commentaire: derogation.commentaireReponse });
    if (derogation.issue === 'APPROUVEE') {
      this.bilan.derogations.approuvees++;
      return this.suite(s, await this.deps.orientations.approve(this.manager!, overrideRequestId, reponse), jour);
    }
    await this.deps.orientations.reject(this.manager!, overrideRequestId, reponse);
    this.bilan.derogations.rejetees++;
    // Rejected: the chargé accepts the recommendation the same day.
    await this.suite(s, await this.decide({ liberationId: s.liberationId! }), jour);
  }

  /** After a decision: candidates (or nothing, and the délai runs out). */
  private async suite(s: Suivi, result: DecisionResult, jour: string): Promise<void> {
    s.decided = true;
    this.bilan.decisions++;
    if (!result.propositionId || result.destination.kind !== 'CONVENTION') return;
    const propositionId = result.propositionId;
    s.propositionId = propositionId;
    this.bilan.propositions++;
    const convention = this.conventions.get(result.destination.conventionId)!;
    const delai = result.delaiExpireAt ? convention.delegation.delaiJours : null;
    const { suite } = s.plan;
    if (delai === null) {
      // Délégation: the bailleur designates its candidates itself, within a few days.
      this.plus(jour, Math.min(suite.candidatsApresJours ?? 3, 6), PHASES.candidats, (day) =>
        this.candidats(s, day, convention),
      );
      return;
    }
    const avertissement = delai - this.deps.options.avertissementJours;
    const apres = suite.candidatsApresJours === null ? null : Math.min(suite.candidatsApresJours, delai - 1);
    if (avertissement > 0 && (apres === null || apres > avertissement)) {
      this.plus(jour, avertissement, PHASES.avertissement, async () => {
        if (await this.deps.suivi.avertirDelai(propositionId)) this.bilan.delaisAvertis++;
      });
    }
    if (apres === null) {
      this.plus(jour, delai, PHASES.expiration, () => this.expirer(propositionId, Date.parse(result.delaiExpireAt!)));
      return;
    }
    this.plus(jour, apres, PHASES.candidats, (day) => this.candidats(s, day, convention));
  }

  private async expirer(propositionId: string, expireAt: number): Promise<void> {
    // A délai ending after the real clock (a DEMO_DATE in the future) is left to the job queue.
    if (expireAt > Date.now()) return;
    // Recorded when the délai ends, as the job would run.
    const expire = await horloge.aLaDate(new Date(expireAt), () => this.deps.suivi.expirerDelai(propositionId));
    if (expire) this.bilan.delaisExpires++;
  }

  private async candidats(s: Suivi, jour: string, convention: Convention): Promise<void> {
    const candidats = s.plan.suite.candidats.slice(0, convention.delegation.candidatsMax);
    const commande = await creerCommande(ProposerCandidats, { candidats });
    const view = await this.deps.suivi.candidats(this.acteur, s.propositionId!, commande);
    s.candidatIds = view.candidats.map((c) => c.id);
    this.bilan.candidats += candidats.length;
    const cal = s.plan.suite.calApresJours;
    this.plus(jour, cal, PHASES.cal, (day) => this.cal(s, day, 0), OUVRE);
  }

  private async cal(s: Suivi, jour: string, rang: number): Promise<void> {
    const decision = { candidatId: s.candidatIds[rang], decision: 'ATTRIBUTION', rang: 1, dateCal: jour };
    await this.deps.suivi.cal(this.acteur, s.propositionId!, await creerCommande(DeciderCal, decision));
    this.bilan.attributions++;
    const { refusApresJours, bailApresJours } = s.plan.suite;
    if (rang === 0 && refusApresJours !== null && s.candidatIds.length > 1) {
      this.plus(jour, refusApresJours, PHASES.refus, async () => {
        const refus = await creerCommande(RefuserLogement, { candidatId: s.candidatIds[0] });
        await this.deps.suivi.refus(this.acteur, s.propositionId!, refus);
        this.bilan.refus++;
        this.plus(jour, refusApresJours + 7, PHASES.cal, (day) => this.cal(s, day, 1), OUVRE);
      });
      return;
    }
    this.plus(jour, bailApresJours, PHASES.bail, (signedAt) => this.signer(s, rang, signedAt), OUVRE);
  }

  private async signer(s: Suivi, rang: number, signedAt: string): Promise<void> {
    const bail = { candidatId: s.candidatIds[rang], signedAt };
    await this.deps.suivi.bail(this.acteur, s.propositionId!, await creerCommande(SignerBail, bail));
    this.bilan.baux++;
  }
}

function sameDestination(a: Destination, b: Destination): boolean {
  return (
    a.kind === b.kind &&
    (a.kind !== 'CONVENTION' ||
      (b.kind === 'CONVENTION' && a.conventionId === b.conventionId && a.sousQuota === b.sousQuota))
  );
}

import { Injectable } from '@nestjs/common';
import { dateFr, termesEnVigueur } from '@aiguillage/engine';
import { InvalidInputError, PropositionRepository } from '@aiguillage/persistence';
import { ConflitError } from '../errors/domain-errors';
import type { AccessScope } from '../platform/auth/access-scope';
import { horloge } from '../platform/horloge';
import { verifierDecisionCal } from './decision-cal';
import { quartilesDesCandidats, verifierSaisieQuartile } from '../quartiles/quartile-candidat';
import { EngineStateStore } from '../platform/live/engine-state.store';
import { avecConseilCal, conseilApplicable } from './conseil-cal';
import { PropositionSteps } from './proposition-steps.service';
import { propositionView, type PropositionView } from './proposition-view';
import type { DeciderCal, Decliner, ProposerCandidats, RefuserLogement, SignerBail } from './commands';

/**
 * What follows an orientation to a convention: candidates brought by the réservataire (or
 * designated by the bailleur under délégation), the DIRECTE délai (warning, expiry: the flat goes
 * back to the bailleur for one turn), the CAL decision, a candidate's refusal, the signed lease.
 * Each step is one transaction moving the convention's progress through the engine's transitions.
 */
@Injectable()
export class SuiviFlowService {
  constructor(
    private readonly propositions: PropositionRepository,
    private readonly steps: PropositionSteps,
    private readonly store: EngineStateStore,
  ) {}

  async get(scope: AccessScope, propositionId: string): Promise<PropositionView> {
    const p = await this.steps.row(this.propositions, propositionId);
    // Reading is allowed to the convention's réservataire: it posts the candidates of this proposition.
    await this.steps.authorize(scope, p, true);
    const view = await propositionView(this.propositions, p);
    if (!conseilApplicable(scope, p)) return view;
    // The staff's view adds the order advised to the CAL, from the exercice's live state.
    const logement = await this.steps.logement(p);
    const live = await this.store.get(this.steps.keyOf(p, logement));
    return avecConseilCal(view, p, logement, live.state, await this.propositions.candidatsHorsLice(p.id));
  }

  /** Candidates for a proposition: by the convention's réservataire (DIRECTE) or the bailleur (délégation). */
  async candidats(
    scope: AccessScope,
    propositionId: string,
    { candidats }: ProposerCandidats,
  ): Promise<PropositionView> {
    // Typed, or computed from the income (issue 9, finding 14).
    candidats.forEach((c, i) => verifierSaisieQuartile(c, `candidats[${i}]`));
    return this.steps.step(scope, propositionId, true, async (tx, p) => {
      const convention = tx.state.conventions.find((c) => c.id === p.conventionId)!;
      if (p.status === 'EXPIREE')
        throw new ConflitError('Délai expiré : le logement est revenu au bailleur pour ce tour');
      if (p.status === 'ANNULEE') throw new ConflitError('Proposition close : le logement a été décliné ou retiré');
      // After the CAL (or the candidates themselves) refused every candidate, the réservataire brings
      // new ones: the flat is not left stuck.
      const relance =
        p.status === 'CANDIDATS_RECUS' && (await this.propositions.within(tx.manager).candidatsEnLice(p.id)) === 0;
      if (p.status !== 'EN_ATTENTE' && !relance)
        throw new ConflitError(`Les candidats ont déjà été reçus pour cette proposition (statut ${p.status})`);
      if (candidats.length > convention.delegation.candidatsMax) {
        throw new InvalidInputError(
          'candidats',
          `au plus ${convention.delegation.candidatsMax} candidats pour la convention ${convention.reference}`,
        );
      }
      const quartiles = await quartilesDesCandidats(
        tx.manager,
        { logementId: p.logementId, annee: Number(p.date.slice(0, 4)) },
        candidats,
      );
      const propositions = this.propositions.within(tx.manager);
      for (const [i, c] of candidats.entries()) {
        await propositions.insertCandidat(p.id, {
          numeroSne: c.numeroSne.trim(),
          rang: c.rang,
          tailleMenage: c.tailleMenage,
          quartile: quartiles[i],
          prioritaire: c.prioritaire,
        });
      }
      if (relance)
        return this.steps.update(
          tx,
          p,
          p.status,
          `${candidats.length} nouveau${candidats.length > 1 ? 'x' : ''} candidat${candidats.length > 1 ? 's' : ''} après refus`,
        );
      if (p.delaiExpireAt && !p.horsFlux)
        tx.transition({ date: p.date, kind: 'candidatsRecus', conventionId: p.conventionId });
      return this.steps.update(
        tx,
        p,
        'CANDIDATS_RECUS',
        `${candidats.length} candidat${candidats.length > 1 ? 's' : ''} ${p.delaiExpireAt ? 'reçu' : 'désigné'}${candidats.length > 1 ? 's' : ''}`,
      );
    });
  }

  /** The CAL's decision on a candidate; an attribution at rank 1 counts for the convention. */
  async cal(scope: AccessScope, propositionId: string, input: DeciderCal): Promise<PropositionView> {
    return this.steps.step(scope, propositionId, false, async (tx, p, logement) => {
      if (p.status !== 'CANDIDATS_RECUS')
        throw new ConflitError(`Décision de CAL impossible : la proposition est au statut ${p.status}`);
      const propositions = this.propositions.within(tx.manager);
      const candidat = await this.steps.candidat(propositions, p.id, input.candidatId);
      await verifierDecisionCal(propositions, candidat, input);
      await propositions.insertDecisionCal(
        candidat.id,
        input.decision,
        input.decision === 'ATTRIBUTION' ? input.rang! : null,
        input.dateCal,
      );
      if (input.decision === 'ATTRIBUTION' && input.rang === 1) {
        if (!p.horsFlux)
          tx.transition({
            date: p.date,
            kind: 'attribution',
            logement,
            conventionId: p.conventionId,
            candidat: { quartile: candidat.quartile, prioritaire: candidat.prioritaire },
          });
        return this.steps.update(tx, p, 'ATTRIBUEE', `Attribué par la CAL au candidat de rang ${candidat.rang}`);
      }
      return this.steps.update(
        tx,
        p,
        p.status,
        `Décision de CAL (${input.decision.toLowerCase()}) pour le candidat de rang ${candidat.rang}`,
      );
    });
  }

  /** A candidate refuses the flat; when they held the attribution, it is withdrawn. */
  async refus(scope: AccessScope, propositionId: string, { candidatId }: RefuserLogement): Promise<PropositionView> {
    return this.steps.step(scope, propositionId, false, async (tx, p, logement) => {
      const propositions = this.propositions.within(tx.manager);
      const candidat = await this.steps.candidat(propositions, p.id, candidatId);
      if (await propositions.bailSigne(p.id))
        throw new ConflitError(
          `Le bail est signé : le candidat ${candidat.numeroSne} ne peut plus refuser ce logement`,
        );
      const attribution = await propositions.attributionEnAttente(candidat.id);
      if (await propositions.aRefuse(candidat.id))
        throw new ConflitError(`Le candidat ${candidat.numeroSne} a déjà refusé ce logement`);
      await propositions.refuser(candidat.id);
      const tenaitAttribution = p.status === 'ATTRIBUEE' && attribution?.rang === 1;
      if (attribution) await propositions.repondreAttribution(attribution.id, 'REFUSE');
      if (!p.horsFlux)
        tx.transition({
          date: p.date,
          kind: 'refus',
          conventionId: p.conventionId,
          ...(tenaitAttribution
            ? {
                attribution: { logement, candidat: { quartile: candidat.quartile, prioritaire: candidat.prioritaire } },
              }
            : {}),
        });
      return this.steps.update(
        tx,
        p,
        tenaitAttribution ? 'CANDIDATS_RECUS' : p.status,
        `Refus du candidat de rang ${candidat.rang}`,
      );
    });
  }

  /** The lease is signed by the attributed candidate. */
  async bail(
    scope: AccessScope,
    propositionId: string,
    { candidatId, signedAt }: SignerBail,
  ): Promise<PropositionView> {
    return this.steps.step(scope, propositionId, false, async (tx, p, logement) => {
      if (p.status !== 'ATTRIBUEE')
        throw new ConflitError(`Bail impossible : la proposition est au statut ${p.status}`);
      const propositions = this.propositions.within(tx.manager);
      const candidat = await this.steps.candidat(propositions, p.id, candidatId);
      const attribution = await propositions.attributionEnAttente(candidat.id, true);
      if (!attribution)
        throw new ConflitError(`Le candidat ${candidat.numeroSne} n'est pas l'attributaire du logement`);
      await propositions.repondreAttribution(attribution.id, 'ACCEPTE');
      await propositions.insertBail({
        propositionId: p.id,
        candidatId: candidat.id,
        logementId: logement.id,
        bailleurId: p.bailleurId,
        signedAt,
      });
      if (!p.horsFlux) tx.transition({ date: p.date, kind: 'bail', conventionId: p.conventionId });
      return this.steps.update(tx, p, p.status, `Bail signé le ${dateFr(signedAt)}`);
    });
  }

  /**
   * The réservataire declines the flat instead of bringing candidates (recorded with its reason: the
   * guides ask for abusive refusals to be tracked). The flat returns to the bailleur for one turn,
   * as at an expired délai: it still counts for the convention only when `retourCompte` says so.
   */
  async declin(scope: AccessScope, propositionId: string, { motif }: Decliner): Promise<PropositionView> {
    const raison = motif.trim();
    return this.steps.step(scope, propositionId, true, async (tx, p, logement) => {
      if (p.status !== 'EN_ATTENTE' || !p.delaiExpireAt) {
        throw new ConflitError(
          `Le logement ne peut plus être décliné : la proposition est au statut ${p.status}${p.delaiExpireAt ? '' : ' (désignation déléguée au bailleur)'}`,
        );
      }
      await this.propositions.within(tx.manager).decliner(p.id, raison);
      this.steps.rendreAuBailleur(tx, p, logement);
      return this.steps.update(tx, p, 'ANNULEE', `Logement décliné par le réservataire : ${raison}`);
    });
  }

  /** Job `flow.delai-avertissement`: warns once that the délai ends soon, if candidates are still awaited. */
  async avertirDelai(propositionId: string): Promise<boolean> {
    return this.steps.system(propositionId, async (tx, p) => {
      if (p.status !== 'EN_ATTENTE' || !p.delaiExpireAt) return false;
      if (await this.propositions.within(tx.manager).avertissementEnvoye(p.bailleurId, p.id)) return false;
      tx.emit(
        'delai.expiring',
        {
          propositionId: p.id,
          conventionId: p.conventionId,
          logementId: p.logementId,
          delaiExpireAt: p.delaiExpireAt.toISOString(),
        },
        [this.steps.reservataireOf(tx, p)],
      );
      return true;
    });
  }

  /** Job `flow.delai-expiration`: without candidates, the flat returns to the bailleur for one turn. */
  async expirerDelai(propositionId: string): Promise<boolean> {
    return this.steps.system(propositionId, async (tx, p, logement) => {
      if (p.status !== 'EN_ATTENTE' || !p.delaiExpireAt) return false;
      const early = p.delaiExpireAt.getTime() - horloge.maintenant().getTime();
      if (early > 1000)
        throw new Error(`Délai de la proposition ${p.id} pas encore expiré (${early} ms) : tâche rejouée plus tard`);
      const convention = termesEnVigueur(
        tx.state,
        tx.state.conventions.find((c) => c.id === p.conventionId)!,
        p.date,
      );
      this.steps.rendreAuBailleur(tx, p, logement);
      tx.emit(
        'delai.expired',
        {
          propositionId: p.id,
          conventionId: p.conventionId,
          logementId: p.logementId,
          delaiExpireAt: p.delaiExpireAt.toISOString(),
          retourCompte: convention.delegation.retourCompte,
        },
        [convention.reservataireId],
      );
      await this.steps.update(
        tx,
        p,
        'EXPIREE',
        'Délai expiré sans candidat : le logement revient au bailleur pour un tour',
      );
      return true;
    });
  }
}

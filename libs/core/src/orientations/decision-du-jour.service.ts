import { Injectable } from '@nestjs/common';
import { keyOf, type Destination } from '@aiguillage/engine';
import { DataSource } from 'typeorm';
import { ConflitError, IntrouvableError } from '../errors/domain-errors';
import { LiberationFlowService } from '../liberations/liberation-flow.service';
import { libelleDestination } from '../notifications/derogation-message';
import type { AccessScope } from '../platform/auth/access-scope';
import { DejaOrienteError } from '../platform/live/flow.errors';
import { lireDestination, nomsConventions } from '../slack/suggestion-view';
import type { DeciderOrientation } from './commands';
import type { DecisionResult } from './orientation-decision';
import { OrientationFlowService } from './orientation-flow.service';

/** What changed between the recommendation a person read and today's. */
export interface RecommandationDuJour {
  /** The recommendation to judge the click against: today's when it was recomputed, else the one read. */
  recommendationId: string | undefined;
  recalculee: boolean;
  /** Set when today's names another destination: the two, in words. */
  changement: { avant: string; apres: string } | null;
}

/** Deciding on a recommendation whose destination is no longer today's: 409, both named, nothing decided. */
export class RecommandationChangeeError extends ConflitError {
  constructor(readonly changement: { avant: string; apres: string }) {
    super(
      `L’avancement des conventions a bougé depuis le calcul de la recommandation : elle propose maintenant ${changement.apres} (au lieu de ${changement.avant}). Rien n’est décidé : relisez-la, puis acceptez-la ou dérogez.`,
    );
  }
}

/**
 * A decision on today's state, for a person who read a recommendation a while ago (a Slack
 * suggestion, a console panel left open) while other flats were decided: the recommendation is
 * computed again first (nothing stored when still current). The same destination: the decision
 * (acceptance or override) is taken on today's recommendation, whose reasons it keeps. Another one:
 * refused (409), both named, nothing decided.
 */
@Injectable()
export class DecisionDuJourService {
  constructor(
    private readonly liberations: LiberationFlowService,
    private readonly orientations: OrientationFlowService,
    private readonly dataSource: DataSource,
  ) {}

  /**
   * The recommendation read, brought to today's state when it is still the latest (its message or
   * panel is then updated from `recommendation.created`). An older one, a flat decided or with an
   * override pending meanwhile, or out of scope: left as it is, for `decide` to refuse.
   */
  async recommandationDuJour(
    scope: AccessScope,
    liberationId: string,
    recommendationId: string | undefined,
  ): Promise<RecommandationDuJour> {
    const telle = { recommendationId, recalculee: false, changement: null };
    const lue = recommendationId
      ? await this.liberations.recommendationOf(scope, liberationId).catch((error: unknown) => {
          if (error instanceof IntrouvableError) return null;
          throw error;
        })
      : null;
    if (!lue || lue.id !== recommendationId) return telle;
    try {
      const { recommendation } = await this.liberations.recalculer(scope, liberationId);
      if (recommendation.id === lue.id) return telle;
      const jour = { recommendationId: recommendation.id, recalculee: true, changement: null };
      if (memeDestination(lue.recommandee, recommendation.recommandee)) return jour;
      const nom = await this.libelles([lue.recommandee, recommendation.recommandee]);
      return { ...jour, changement: { avant: nom(lue.recommandee), apres: nom(recommendation.recommandee) } };
    } catch (error) {
      if (error instanceof DejaOrienteError) return telle;
      throw error;
    }
  }

  /** Decides on today's state (`recommandationDuJour`); 409 `RecommandationChangeeError` when it names another destination. */
  async decider(scope: AccessScope, input: DeciderOrientation): Promise<DecisionResult & { recalculee: boolean }> {
    const jour = await this.recommandationDuJour(scope, input.liberationId, input.recommendationId);
    if (jour.changement) throw new RecommandationChangeeError(jour.changement);
    const commande = { ...input, recommendationId: jour.recommendationId };
    return { ...(await this.orientations.decide(scope, commande)), recalculee: jour.recalculee };
  }

  /** « Réservataire — convention REF » for each destination (`libelleDestination`), the names read in one query. */
  private async libelles(destinations: Array<Destination | null>) {
    const noms = await nomsConventions(
      this.dataSource,
      destinations.filter((d): d is Destination => !!d),
    );
    return (d: Destination | null) => libelleDestination(d ? lireDestination(d, noms) : null);
  }
}

function memeDestination(a: Destination | null, b: Destination | null): boolean {
  return (a ? keyOf(a) : null) === (b ? keyOf(b) : null);
}

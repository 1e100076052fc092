import { keyOf, type Destination } from '@aiguillage/engine';
import type { Db } from '@aiguillage/persistence';
import type { LiberationFlowService } from '../liberations/liberation-flow.service';
import type { AccessScope } from '../platform/auth/access-scope';
import { IntrouvableError } from '../errors/domain-errors';
import { DejaOrienteError } from '../platform/live/flow.errors';
import { creerCommande } from '../platform/validation/creer-commande';
import { DeciderOrientation } from '../orientations/commands';
import type { DecisionResult } from '../orientations/orientation-decision';
import type { OrientationFlowService } from '../orientations/orientation-flow.service';
import { libelleDestination } from '../notifications/derogation-message';
import { lireDestination, nomsConventions } from './suggestion-view';

export type Acceptation =
  | { decidee: true; resultat: DecisionResult; recalculee: boolean }
  /** The recommendation of today's state names another destination: nothing decided, the message is updated. */
  | { decidee: false; avant: string; apres: string };

/**
 * « Accepter » on a Slack suggestion, decided on today's state: a suggestion may have waited while
 * other flats were decided, and Slack has no « à recalculer » banner. When the button is the latest
 * recommendation, it is computed again first (nothing stored when still current). Same destination:
 * decided on the fresh one (its reasons are today's). Another destination: nothing decided, the
 * person is told what changed (the message itself is updated by the delivery queue from
 * `recommendation.created`). An older button, or a flat decided meanwhile, is refused by `decide`.
 */
export async function accepterSuggestion(
  services: { liberations: LiberationFlowService; orientations: OrientationFlowService; db: Db },
  scope: AccessScope,
  liberationId: string,
  recommendationId: string | undefined,
): Promise<Acceptation> {
  const { liberations, orientations, db } = services;
  let retenue = recommendationId;
  let recalculee = false;
  // Out of scope or unknown: `decide` refuses it as for any click.
  const affichee = recommendationId
    ? await liberations.recommendationOf(scope, liberationId).catch((error: unknown) => {
        if (error instanceof IntrouvableError) return null;
        throw error;
      })
    : null;
  if (affichee && affichee.id === recommendationId) {
    try {
      const { recommendation } = await liberations.recalculer(scope, liberationId);
      if (recommendation.id !== affichee.id) {
        if (!memeDestination(affichee.recommandee, recommendation.recommandee)) {
          const lue = await libelles(db, [affichee.recommandee, recommendation.recommandee]);
          return { decidee: false, avant: lue(affichee.recommandee), apres: lue(recommendation.recommandee) };
        }
        retenue = recommendation.id;
        recalculee = true;
      }
    } catch (error) {
      // Decided, or an override pending, meanwhile: `decide` tells it as for any click.
      if (!(error instanceof DejaOrienteError)) throw error;
    }
  }
  const commande = await creerCommande(DeciderOrientation, { liberationId, recommendationId: retenue });
  return { decidee: true, resultat: await orientations.decide(scope, commande), recalculee };
}

function memeDestination(a: Destination | null, b: Destination | null): boolean {
  return (a ? keyOf(a) : null) === (b ? keyOf(b) : null);
}

/** « Convention REF (Réservataire) » for each destination, the names read in one query. */
async function libelles(db: Db, destinations: Array<Destination | null>) {
  const noms = await nomsConventions(db, destinations.filter((d): d is Destination => !!d));
  return (d: Destination | null) => libelleDestination(d ? lireDestination(d, noms) : null);
}

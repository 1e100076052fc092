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

/** What changed between the recommendation a Slack message showed and today's. */
export interface RecommandationDuJour {
  /** The recommendation to judge the click against: today's when it was recomputed, else the button's. */
  recommendationId: string | undefined;
  recalculee: boolean;
  /** Set when today's names another destination: the two, in words. */
  changement: { avant: string; apres: string } | null;
}

export type Acceptation =
  | { decidee: true; resultat: DecisionResult; recalculee: boolean }
  /** Today's recommendation names another destination: nothing decided, the message is updated. */
  | { decidee: false; avant: string; apres: string };

interface Services {
  liberations: LiberationFlowService;
  orientations: OrientationFlowService;
  db: Db;
}

/**
 * A Slack button's recommendation brought to today's state: a suggestion may have waited while
 * other flats were decided, and Slack has no « à recalculer » banner. When the button is the latest
 * recommendation, it is computed again (nothing stored when still current); the message is then
 * updated by the delivery queue from `recommendation.created`. An older button, a flat decided or
 * with an override pending meanwhile, or out of scope: left as it is, for `decide` to refuse.
 */
export async function recommandationDuJour(
  { liberations, db }: Omit<Services, 'orientations'>,
  scope: AccessScope,
  liberationId: string,
  recommendationId: string | undefined,
): Promise<RecommandationDuJour> {
  const telle = { recommendationId, recalculee: false, changement: null };
  const affichee = recommendationId
    ? await liberations.recommendationOf(scope, liberationId).catch((error: unknown) => {
        if (error instanceof IntrouvableError) return null;
        throw error;
      })
    : null;
  if (!affichee || affichee.id !== recommendationId) return telle;
  try {
    const { recommendation } = await liberations.recalculer(scope, liberationId);
    if (recommendation.id === affichee.id) return telle;
    const jour = { recommendationId: recommendation.id, recalculee: true, changement: null };
    if (memeDestination(affichee.recommandee, recommendation.recommandee)) return jour;
    const lue = await libelles(db, [affichee.recommandee, recommendation.recommandee]);
    return { ...jour, changement: { avant: lue(affichee.recommandee), apres: lue(recommendation.recommandee) } };
  } catch (error) {
    if (error instanceof DejaOrienteError) return telle;
    throw error;
  }
}

/**
 * « Accepter » on a Slack suggestion, decided on today's state (`recommandationDuJour`): the same
 * destination is decided on today's recommendation (its reasons are today's); another one is not
 * decided, the person is told what changed.
 */
export async function accepterSuggestion(
  services: Services,
  scope: AccessScope,
  liberationId: string,
  recommendationId: string | undefined,
): Promise<Acceptation> {
  const jour = await recommandationDuJour(services, scope, liberationId, recommendationId);
  if (jour.changement) return { decidee: false, ...jour.changement };
  const commande = await creerCommande(DeciderOrientation, { liberationId, recommendationId: jour.recommendationId });
  return { decidee: true, resultat: await services.orientations.decide(scope, commande), recalculee: jour.recalculee };
}

function memeDestination(a: Destination | null, b: Destination | null): boolean {
  return (a ? keyOf(a) : null) === (b ? keyOf(b) : null);
}

/** « Convention REF (Réservataire) » for each destination, the names read in one query. */
async function libelles(db: Db, destinations: Array<Destination | null>) {
  const noms = await nomsConventions(
    db,
    destinations.filter((d): d is Destination => !!d),
  );
  return (d: Destination | null) => libelleDestination(d ? lireDestination(d, noms) : null);
}

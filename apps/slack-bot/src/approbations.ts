import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import { AccesInterditError, AiguillageError, scopeOfUser, type AccessScope } from '@aiguillage/core';
import { NonTraitableError, type OrientationFlowService } from '@aiguillage/core/flow';
import {
  ACTION_APPROUVER_DEROGATION,
  ACTION_REJETER_DEROGATION,
  blocsTraites,
  texteIssue,
  type SlackBlock,
} from '@aiguillage/core/notifications';
import { InvalidInputError, type UserRepository } from '@aiguillage/persistence';

/** What the approval buttons need: the same use cases and accounts as the API. */
export interface ApprobationDeps {
  orientations: OrientationFlowService;
  users: UserRepository;
  log: (message: string) => void;
}

/** Roles that may approve or reject an override (as on POST /api/overrides/:id/approve|reject). */
const APPROBATEURS = ['ADMIN', 'MANAGER'] as const;
/** The comment recorded on the override step. */
export const COMMENTAIRE_SLACK = 'Depuis Slack';

/** A refusal told to the clicker only (ephemeral); the message stays as it is. */
class RefusSlack extends Error {}

/**
 * The « Approuver » / « Rejeter » buttons of the approvals channel: ack at once, map the Slack user
 * to an active account by its e-mail (`users.info`), call the same use case as the API with that
 * account's scope, then replace the message by the outcome without buttons. A refusal (unknown
 * e-mail, not a manager of that bailleur, own request, already handled) is answered to the clicker
 * alone, in French, and the message is left as it is.
 */
export function registerApprobations(app: App, deps: ApprobationDeps): void {
  const verdicts = [
    [ACTION_APPROUVER_DEROGATION, 'APPROVED'],
    [ACTION_REJETER_DEROGATION, 'REJECTED'],
  ] as const;
  for (const [actionId, issue] of verdicts) {
    app.action<BlockAction<ButtonAction>>(actionId, async ({ ack, body, action, client }) => {
      await ack();
      const channel = body.channel?.id;
      const ts = body.message?.ts;
      const slackUserId = body.user.id;
      try {
        const { scope, nom } = await accountOf(client, deps.users, slackUserId);
        if (!(APPROBATEURS as readonly string[]).includes(scope.role)) {
          throw new AccesInterditError(`Accès refusé : réservé aux rôles ${APPROBATEURS.join(', ')}`);
        }
        if (issue === 'APPROVED') await deps.orientations.approve(scope, action.value ?? '', COMMENTAIRE_SLACK);
        else await deps.orientations.reject(scope, action.value ?? '', COMMENTAIRE_SLACK);
        deps.log(`${texteIssue(issue, nom)} (${scope.email}, demande ${action.value})`);
        if (channel && ts) {
          await client.chat.update({
            channel,
            ts,
            text: texteIssue(issue, nom),
            blocks: blocsTraites(body.message?.blocks as SlackBlock[] | undefined, issue, nom) as never,
          });
        }
      } catch (error) {
        const raison = refusOf(error);
        if (!raison) deps.log(`Action Slack ${actionId} en échec : ${(error as Error).stack ?? error}`);
        if (!channel) return;
        await client.chat.postEphemeral({
          channel,
          user: slackUserId,
          text: raison ? `Action refusée : ${raison}` : "Erreur inattendue : l'action n'a pas été enregistrée, réessayez ou passez par l'application.",
        });
      }
    });
  }
}

/** The French reason of a refusal the user can act on; null for an unexpected failure. */
function refusOf(error: unknown): string | null {
  if (error instanceof RefusSlack || error instanceof AiguillageError) return error.message;
  if (error instanceof NonTraitableError) return error.raison;
  if (error instanceof InvalidInputError) return `${error.field} : ${error.reason}`;
  return null;
}

/** The active account behind a Slack user (its profile's e-mail), with its scope as the API builds it. */
async function accountOf(client: App['client'], users: UserRepository, slackUserId: string): Promise<{ scope: AccessScope; nom: string }> {
  const info = await client.users.info({ user: slackUserId });
  const email = info.user?.profile?.email;
  if (!email) throw new RefusSlack("votre profil Slack n'a pas d'adresse e-mail visible : impossible de vous associer à un compte Aiguillage");
  const user = await users.findUserByEmail(email);
  if (!user || !user.active) throw new RefusSlack(`aucun compte Aiguillage actif pour l'adresse ${email}`);
  return { scope: scopeOfUser(user), nom: user.nom };
}

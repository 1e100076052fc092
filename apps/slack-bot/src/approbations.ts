import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import { creerCommande } from '@aiguillage/core';
import { TraiterDerogation } from '@aiguillage/core/orientations';
import { ACTION_APPROUVER_DEROGATION, ACTION_REJETER_DEROGATION, texteIssue } from '@aiguillage/core/notifications';
import { compteSlack, refuser, type SlackBotDeps } from './comptes';

/** Roles that may approve or reject an override (as on POST /api/overrides/:id/approve|reject). */
const APPROBATEURS = ['ADMIN', 'MANAGER'] as const;
/** The comment recorded on the override step (the updated message says « depuis Slack » from it). */
export const COMMENTAIRE_SLACK = 'Depuis Slack';

/**
 * The « Approuver » / « Rejeter » buttons of an approval request (in the suggestion's thread, or the
 * approvals channel): ack at once, find the clicker's account, call the same use case as the API
 * with that account's scope. The request message and the suggestion are then updated through the
 * delivery queue (events `override.approved|rejected`, `orientation.decided`), like any change made
 * elsewhere. A refusal (unlinked user, not a manager of that bailleur, own request, already handled)
 * is answered to the clicker alone, in French; nothing is written.
 */
export function registerApprobations(app: App, deps: SlackBotDeps): void {
  const verdicts = [
    [ACTION_APPROUVER_DEROGATION, 'APPROVED'],
    [ACTION_REJETER_DEROGATION, 'REJECTED'],
  ] as const;
  for (const [actionId, issue] of verdicts) {
    app.action<BlockAction<ButtonAction>>(actionId, async ({ ack, body, action, client }) => {
      await ack();
      try {
        const { scope, nom } = await compteSlack(deps, client, body.user.id, APPROBATEURS);
        const reponse = await creerCommande(TraiterDerogation, { commentaire: COMMENTAIRE_SLACK });
        if (issue === 'APPROVED') await deps.orientations.approve(scope, action.value ?? '', reponse);
        else await deps.orientations.reject(scope, action.value ?? '', reponse);
        deps.log(`${texteIssue(issue, nom)} (${scope.email}, demande ${action.value})`);
      } catch (error) {
        await refuser(deps, client, body.channel?.id, body.user.id, error, `Action Slack ${actionId}`);
      }
    });
  }
}

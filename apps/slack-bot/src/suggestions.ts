import type { App, BlockAction, ButtonAction, ViewSubmitAction } from '@slack/bolt';
import { creerCommande, STAFF_ROLES } from '@aiguillage/core';
import { DeciderOrientation, motifsApprobation } from '@aiguillage/core/orientations';
import { OVERRIDE_REASONS, type OverrideReason } from '@aiguillage/core/platform/live';
import { ACTION_ACCEPTER, ACTION_DEROGER, lireValeurBouton, VUE_DEROGATION } from '@aiguillage/core/slack';
import type { Destination, OptionOrientation } from '@aiguillage/engine';
import { SlackSuggestionRepository } from '@aiguillage/persistence';
import { compteSlack, refuser, refusOf, ERREUR_INATTENDUE, type SlackBotDeps } from './comptes';
import { vueDerogation } from './derogation-modal';

/** Remembers that this user decides this flat from Slack (the updated message says « depuis Slack »). */
async function depuisSlack(deps: SlackBotDeps, liberationId: string, userId: string): Promise<() => Promise<void>> {
  const origines = new SlackSuggestionRepository(deps.dataSource);
  await origines.noteOrigin(liberationId, userId);
  return () => origines.forgetOrigin(liberationId, userId);
}

/**
 * The suggestion's buttons: « Accepter » decides the recommended destination with the clicker's
 * scope, on today's state (`DecisionDuJourService`: recomputed first; another destination now is
 * refused and nothing is decided; an older button or a decision taken elsewhere is a conflict
 * told privately); « Déroger… » opens the override modal on today's recommendation, and its
 * submission is decided on today's state too (a change since the modal opened is said in it).
 * The message itself is updated by the delivery queue from `orientation.decided`, whoever decided.
 */
export function registerSuggestions(app: App, deps: SlackBotDeps): void {
  app.action<BlockAction<ButtonAction>>(ACTION_ACCEPTER, async ({ ack, body, action, client }) => {
    await ack();
    const { liberationId, recommendationId } = lireValeurBouton(action.value);
    try {
      const { scope, nom } = await compteSlack(deps, client, body.user.id, STAFF_ROLES);
      const annuler = await depuisSlack(deps, liberationId, scope.userId);
      let resultat;
      try {
        resultat = await deps.duJour.decider(
          scope,
          await creerCommande(DeciderOrientation, { liberationId, recommendationId }),
        );
      } catch (error) {
        await annuler();
        throw error;
      }
      deps.log(
        `Recommandation acceptée depuis Slack par ${nom} (${scope.email}), libération ${liberationId}${resultat.recalculee ? ', recalculée sur l’état du jour (même destination)' : ''}`,
      );
    } catch (error) {
      await refuser(deps, client, body.channel?.id, body.user.id, error, 'Accepter depuis Slack');
    }
  });

  app.action<BlockAction<ButtonAction>>(ACTION_DEROGER, async ({ ack, body, action, client }) => {
    await ack();
    const { liberationId, recommendationId } = lireValeurBouton(action.value);
    try {
      const { scope } = await compteSlack(deps, client, body.user.id, STAFF_ROLES);
      // The override sets aside today's recommendation: the modal is built on it, and says when it changed.
      const jour = await deps.duJour.recommandationDuJour(scope, liberationId, recommendationId);
      const view = await vueDerogation(deps, scope, liberationId, jour, body.channel?.id ?? null);
      await client.views.open({ trigger_id: body.trigger_id, view: view as never });
    } catch (error) {
      await refuser(deps, client, body.channel?.id, body.user.id, error, 'Déroger depuis Slack');
    }
  });

  app.view<ViewSubmitAction>(VUE_DEROGATION, async ({ ack, body, view, client }) => {
    const meta = JSON.parse(view.private_metadata || '{}') as {
      liberationId: string;
      recommendationId?: string;
      canal: string | null;
    };
    const values = view.state.values;
    const choix = values.destination?.choix?.selected_option?.value;
    const motif = values.motif?.choix?.selected_option?.value as OverrideReason | undefined;
    const commentaire = values.commentaire?.texte?.value?.trim() || undefined;
    if (!choix || !motif || !(OVERRIDE_REASONS as readonly string[]).includes(motif)) {
      await ack({
        response_action: 'errors',
        errors: {
          ...(choix ? {} : { destination: 'Choisissez une destination' }),
          ...(motif ? {} : { motif: 'Choisissez un motif' }),
        },
      });
      return;
    }
    try {
      const { scope } = await compteSlack(deps, client, body.user.id, STAFF_ROLES);
      const annuler = await depuisSlack(deps, meta.liberationId, scope.userId);
      let resultat;
      try {
        const commande = await creerCommande(DeciderOrientation, {
          liberationId: meta.liberationId,
          recommendationId: meta.recommendationId,
          destination: JSON.parse(choix) as Destination,
          motif,
          commentaire,
        });
        resultat = await deps.duJour.decider(scope, commande);
      } catch (error) {
        await annuler();
        throw error;
      }
      await ack();
      if (meta.canal) {
        const texte =
          resultat.status === 'EN_ATTENTE_APPROBATION'
            ? `Dérogation enregistrée, en attente de l'approbation d'un responsable : ${resultat.motifsApprobation.join(' ; ')}`
            : 'Dérogation enregistrée : le logement est orienté.';
        await client.chat.postEphemeral({ channel: meta.canal, user: body.user.id, text: texte });
      }
    } catch (error) {
      const raison = refusOf(error);
      if (!raison) deps.log(`Dérogation depuis Slack en échec : ${(error as Error).stack ?? String(error)}`);
      await ack({
        response_action: 'errors',
        errors: { destination: raison ? `Action refusée : ${raison}` : ERREUR_INATTENDUE },
      });
    }
  });
}

/** Why each eligible option would need a manager's approval (empty: decided at once). */
export async function approbationsParOption(
  deps: SlackBotDeps,
  cle: { bailleurId: string; departement: string; annee: number },
  date: string,
  options: readonly OptionOrientation[],
): Promise<string[][]> {
  const politique = await deps.politiques.get(cle.bailleurId);
  const live = await deps.store.get(cle);
  const recommandee = options.find((o) => o.eligible)?.destination ?? null;
  return options.map((o) => motifsApprobation(politique, live.state, date, recommandee, o));
}

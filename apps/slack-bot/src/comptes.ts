import type { App } from '@slack/bolt';
import {
  AccesInterditError,
  AiguillageError,
  RequeteInvalideError,
  type AccessScope,
  type HealthService,
  type UserRole,
} from '@aiguillage/core';
import type { EngineStateStore } from '@aiguillage/core/platform/live';
import type {
  DecisionDuJourService,
  OrientationFlowService,
  PolitiqueDerogationService,
} from '@aiguillage/core/orientations';
import { NonTraitableError } from '@aiguillage/core/platform/live';
import { CompteSlackError, type SlackComptesService } from '@aiguillage/core/slack';
import { InvalidInputError } from '@aiguillage/persistence';
import type { DataSource } from 'typeorm';

/** What the bot's handlers need: the same use cases and accounts as the API. */
export interface SlackBotDeps {
  health: HealthService;
  orientations: OrientationFlowService;
  duJour: DecisionDuJourService;
  comptes: SlackComptesService;
  politiques: PolitiqueDerogationService;
  store: EngineStateStore;
  dataSource: DataSource;
  log: (message: string) => void;
}

/** The account behind a Slack user (stored link, else its profile's e-mail), with a role check. */
export async function compteSlack(
  deps: Pick<SlackBotDeps, 'comptes'>,
  client: App['client'],
  slackUserId: string,
  roles?: readonly UserRole[],
): Promise<{ scope: AccessScope; nom: string }> {
  const { scope, nom } = await deps.comptes.compteDe(slackUserId, async () => {
    const info = await client.users.info({ user: slackUserId });
    return info.user?.profile?.email ?? null;
  });
  if (roles && !roles.includes(scope.role))
    throw new AccesInterditError(`Accès refusé : réservé aux rôles ${roles.join(', ')}`);
  return { scope, nom };
}

/** The French reason of a refusal the user can act on; null for an unexpected failure. */
export function refusOf(error: unknown): string | null {
  if (error instanceof RequeteInvalideError && error.erreurs.length > 0)
    return error.erreurs.map((e) => `${e.champ} : ${e.raison}`).join(' ; ');
  if (error instanceof CompteSlackError || error instanceof AiguillageError) return error.message;
  if (error instanceof NonTraitableError) return error.raison;
  if (error instanceof InvalidInputError) return `${error.field} : ${error.reason}`;
  const slack = error as { code?: string; data?: { error?: string } };
  if (slack?.code === 'slack_webapi_platform_error' && slack.data?.error === 'user_not_found')
    return "utilisateur Slack inconnu : impossible de l'associer à un compte Aiguillage";
  return null;
}

export const ERREUR_INATTENDUE =
  "Erreur inattendue : l'action n'a pas été enregistrée, réessayez ou passez par l'application.";

/** Tells the user alone (ephemeral) why nothing happened. */
export async function refuser(
  deps: Pick<SlackBotDeps, 'log'>,
  client: App['client'],
  channel: string | undefined,
  user: string,
  error: unknown,
  quoi: string,
): Promise<void> {
  const raison = refusOf(error);
  if (!raison) deps.log(`${quoi} en échec : ${(error as Error).stack ?? String(error)}`);
  if (!channel) return;
  await client.chat.postEphemeral({ channel, user, text: raison ? `Action refusée : ${raison}` : ERREUR_INATTENDUE });
}

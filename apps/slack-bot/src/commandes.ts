import { dateFr, dateHeureFr, jourParis } from '@aiguillage/engine';
import type { App, RespondArguments } from '@slack/bolt';
import { STAFF_ROLES, type AccessScope } from '@aiguillage/core';
import {
  blocsSuggestion,
  conventionsSuivies,
  delaisProches,
  lireSuggestion,
  nombre,
  texteSuggestion,
  type ConventionSuivie,
} from '@aiguillage/core/slack';
import { echapper } from '@aiguillage/core/notifications';
import { SlackSuggestionRepository } from '@aiguillage/persistence';
import { compteSlack, refusOf, ERREUR_INATTENDUE, type SlackBotDeps } from './comptes';

/** Délais listed by `/aiguillage delais`: those ending within this many days. */
const JOURS_DELAIS = 7;
const MAX_LIGNES = 10;

export const AIDE = [
  '*Commandes Aiguillage* (réponses visibles de vous seul) :',
  '• `/aiguillage statut [réservataire|convention]` : progression et retard des conventions',
  '• `/aiguillage retards` : les conventions les plus en retard',
  '• `/aiguillage logement <RPLS>` : où en est un logement (avec les boutons s’il attend une décision)',
  '• `/aiguillage delais` : les délais des réservataires qui expirent dans les 7 jours',
  '• `/aiguillage aide` : cette aide',
].join('\n');

const ligneConvention = (c: ConventionSuivie) =>
  `• ${echapper(`${c.reservataireNom} (convention ${c.reference}, ${c.bailleurNom}) : ${nombre(c.realise)} réalisés pour ${nombre(c.attendu)} attendus à date (objectif ${nombre(c.objectif)}), ${c.ecart < 0 ? `retard de ${nombre(-c.ecart)}` : c.ecart > 0 ? `avance de ${nombre(c.ecart)}` : 'dans les temps'}`)}`;

/** `/aiguillage`: private answers, in French, scoped to the caller's role and bailleurs. */
export function registerCommandes(app: App, deps: SlackBotDeps): void {
  app.command('/aiguillage', async ({ ack, command, respond, client }) => {
    await ack();
    const [sous = 'aide', ...reste] = command.text.trim().split(/\s+/).filter(Boolean);
    const argument = reste.join(' ');
    let reponse: RespondArguments;
    try {
      if (sous === 'aide' || sous === 'help') reponse = { text: AIDE };
      else {
        const { scope } = await compteSlack(deps, client, command.user_id);
        reponse = await repondre(deps, scope, sous.toLowerCase(), argument);
      }
    } catch (error) {
      const raison = refusOf(error);
      if (!raison) deps.log(`/aiguillage ${command.text} en échec : ${(error as Error).stack ?? String(error)}`);
      reponse = { text: raison ? `Commande refusée : ${raison}` : ERREUR_INATTENDUE };
    }
    await respond({ response_type: 'ephemeral', ...reponse });
  });
}

async function repondre(
  deps: SlackBotDeps,
  scope: AccessScope,
  sous: string,
  argument: string,
): Promise<RespondArguments> {
  const jour = jourParis(new Date());
  const perimetre = {
    bailleurIds: scope.bailleurIds,
    reservataireId: scope.role === 'RESERVATAIRE' ? scope.reservataireId : null,
  };
  switch (sous) {
    case 'statut': {
      const filtre = argument.toLowerCase();
      const toutes = await conventionsSuivies(deps.dataSource, deps.store, perimetre, jour);
      const lignes = filtre
        ? toutes.filter(
            (c) => c.reservataireNom.toLowerCase().includes(filtre) || c.reference.toLowerCase().includes(filtre),
          )
        : toutes;
      if (lignes.length === 0)
        return {
          text: filtre
            ? `Aucune convention de votre périmètre ne correspond à « ${argument} ».`
            : 'Aucune convention suivie dans votre périmètre cette année.',
        };
      const retard = lignes.filter((c) => c.ecart < 0).length;
      const suite =
        lignes.length > MAX_LIGNES
          ? `\n_… et ${lignes.length - MAX_LIGNES} autre(s) : précisez un réservataire ou une convention_`
          : '';
      return {
        text: `*Statut au ${dateFr(jour)}* : ${lignes.length} convention(s), dont ${retard} en retard\n${lignes.slice(0, MAX_LIGNES).map(ligneConvention).join('\n')}${suite}`,
      };
    }
    case 'retards': {
      const retards = (await conventionsSuivies(deps.dataSource, deps.store, perimetre, jour))
        .filter((c) => c.ecart < 0)
        .slice(0, 5);
      return {
        text:
          retards.length > 0
            ? `*Conventions les plus en retard au ${dateFr(jour)}*\n${retards.map(ligneConvention).join('\n')}`
            : `Aucune convention en retard au ${dateFr(jour)} dans votre périmètre.`,
      };
    }
    case 'delais': {
      const delais = await delaisProches(deps.dataSource, perimetre, new Date(), JOURS_DELAIS, MAX_LIGNES);
      if (delais.length === 0)
        return { text: `Aucun délai n'expire dans les ${JOURS_DELAIS} jours dans votre périmètre.` };
      return {
        text: `*Délais qui expirent dans les ${JOURS_DELAIS} jours*\n${delais
          .map(
            (d) =>
              `• ${echapper(`${d.reservataireNom} (convention ${d.reference}) : RPLS ${d.rplsId} à ${d.communeNom}, le ${dateHeureFr(d.delaiExpireAt)}`)}`,
          )
          .join('\n')}`,
      };
    }
    case 'logement':
      return logement(deps, scope, argument);
    default:
      return { text: `Sous-commande inconnue « ${sous} ».\n${AIDE}` };
  }
}

async function logement(deps: SlackBotDeps, scope: AccessScope, rpls: string): Promise<RespondArguments> {
  if (!rpls) return { text: 'Précisez l’identifiant RPLS : `/aiguillage logement <RPLS>`' };
  if (!STAFF_ROLES.includes(scope.role))
    return { text: 'Commande refusée : Accès refusé : réservé aux rôles ADMIN, MANAGER, CHARGE' };
  const row = await new SlackSuggestionRepository(deps.dataSource).logementParRpls(rpls, scope.bailleurIds);
  if (!row) return { text: `Aucun logement RPLS ${rpls} dans votre périmètre.` };
  const vue = row.liberationId ? await lireSuggestion(deps.dataSource, row.liberationId) : null;
  if (!vue) return { text: `Logement RPLS ${rpls} (${row.typologie} à ${row.commune}) : aucune libération déclarée.` };
  return { text: texteSuggestion(vue), blocks: blocsSuggestion(vue) };
}

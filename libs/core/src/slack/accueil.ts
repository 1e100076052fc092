import { dateFr } from '@aiguillage/engine';
import { SlackSuggestionRepository } from '@aiguillage/persistence';
import type { DataSource } from 'typeorm';
import { echapper, type SlackBlock } from '../notifications/derogation-message';
import { derogationsEnAttente, logementsAOrienter } from './slack-rapports';

const APPROBATEURS = ['ADMIN', 'MANAGER'];
const STAFF = ['ADMIN', 'MANAGER', 'CHARGE'];
const MAX = 10;

/**
 * The App Home of a linked Slack user: its own pending items — the overrides waiting for a manager
 * (ADMIN, MANAGER), the flats to orient (staff) — in its bailleurs. Null when the Slack user is not
 * linked to an active account (the Home then says how to link).
 */
export async function vueAccueil(db: DataSource, slackUserId: string): Promise<{ type: 'home'; blocks: SlackBlock[] }> {
  const user = await new SlackSuggestionRepository(db).compte(slackUserId);
  const blocks: SlackBlock[] = [
    { type: 'header', text: { type: 'plain_text', text: 'Aiguillage : mes actions en attente' } },
  ];
  if (!user) {
    blocks.push({
      type: 'section',
      block_id: 'non-lie',
      text: {
        type: 'mrkdwn',
        text: "Votre compte Slack n'est pas encore associé à un compte Aiguillage : cliquez un bouton d'une suggestion ou tapez `/aiguillage statut` (association par votre e-mail), ou demandez à un administrateur.",
      },
    });
    return { type: 'home', blocks };
  }
  const liste = (lignes: string[], vide: string) =>
    lignes.length > 0 ? lignes.map((l) => `• ${l}`).join('\n') : `_${vide}_`;
  if (APPROBATEURS.includes(user.role)) {
    const attente = await derogationsEnAttente(db, user.bailleurIds, MAX);
    blocks.push({
      type: 'section',
      block_id: 'approbations',
      text: {
        type: 'mrkdwn',
        text: `*Dérogations à approuver (${attente.length})*\n${liste(
          attente.map((a) => echapper(`RPLS ${a.rplsId} à ${a.communeNom} : ${a.motif}, demandée par ${a.demandeur}`)),
          'aucune dérogation en attente',
        )}`,
      },
    });
  }
  if (STAFF.includes(user.role)) {
    const aOrienter = await logementsAOrienter(db, user.bailleurIds, MAX);
    blocks.push({
      type: 'section',
      block_id: 'a-orienter',
      text: {
        type: 'mrkdwn',
        text: `*Logements à orienter (${aOrienter.length}${aOrienter.length === MAX ? ' et plus' : ''})*\n${liste(
          aOrienter.map((l) =>
            echapper(`${l.typologie} à ${l.communeNom}, RPLS ${l.rplsId}, libéré le ${dateFr(l.date)}`),
          ),
          'aucun logement en attente de décision',
        )}`,
      },
    });
  } else {
    blocks.push({
      type: 'section',
      block_id: 'reservataire',
      text: {
        type: 'mrkdwn',
        text: 'Tapez `/aiguillage statut` pour la progression de vos conventions et `/aiguillage delais` pour vos délais.',
      },
    });
  }
  blocks.push({
    type: 'context',
    block_id: 'maj',
    elements: [
      {
        type: 'mrkdwn',
        text: `Mis à jour le ${new Date().toLocaleString('fr-FR', { timeZone: 'Europe/Paris' })} pour ${echapper(user.nom)}`,
      },
    ],
  });
  return { type: 'home', blocks };
}

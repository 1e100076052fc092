import type { AccessScope } from '@aiguillage/core';
import { exerciceKey, NonTraitableError, OVERRIDE_REASONS } from '@aiguillage/core/platform/live';
import { IntrouvableError } from '@aiguillage/core';
import { echapper, libelleDestination, motifFr } from '@aiguillage/core/notifications';
import type { RecommandationDuJour } from '@aiguillage/core/orientations';
import { logementEnMots, lireDestination, nomsConventions, VUE_DEROGATION } from '@aiguillage/core/slack';
import type { OptionOrientation } from '@aiguillage/engine';
import { SlackSuggestionRepository } from '@aiguillage/persistence';
import type { SlackBotDeps } from './comptes';
import { approbationsParOption } from './suggestions';

/**
 * The « Déroger… » modal: the flat, a destination among the eligible options other than the
 * recommended one (each marked when a manager's approval will be needed, with why), the motif and
 * a comment. Built on today's recommendation (`recommandationDuJour`), saying when it changed since
 * the message.
 */
export async function vueDerogation(
  deps: SlackBotDeps,
  scope: AccessScope,
  liberationId: string,
  jour: RecommandationDuJour,
  canal: string | null,
) {
  // The libération, its flat and its latest recommendation.
  const row = await new SlackSuggestionRepository(deps.dataSource).liberation(liberationId);
  if (!row || !scope.bailleurIds.includes(row.bailleurId)) throw new IntrouvableError('Libération', liberationId);
  const eligibles = (row.options ?? []).filter((o) => o.eligible);
  const recommandee = eligibles[0];
  const autres = eligibles.slice(1, 101);
  if (autres.length === 0)
    throw new NonTraitableError('destination', 'aucune autre option éligible que la recommandation : rien à déroger');
  const motifs = await approbationsParOption(deps, exerciceKey(row.bailleurId, row.departement, row.date), row.date, [
    recommandee,
    ...autres,
  ]);
  const noms = await nomsConventions(
    deps.dataSource,
    eligibles.map((o) => o.destination),
  );
  const nom = (o: OptionOrientation) => libelleDestination(lireDestination(o.destination, noms));
  // Slack cuts an option's text at 75 characters: the name is shortened, never the approval notice.
  const options = autres.map((o, i) => {
    const suffixe = motifs[i + 1].length > 0 ? ' — approbation requise' : '';
    const place = 75 - suffixe.length;
    const libelle = nom(o).length > place ? `${nom(o).slice(0, place - 1)}…` : nom(o);
    return { text: { type: 'plain_text', text: libelle + suffixe }, value: JSON.stringify(o.destination) };
  });
  const avertissements = avertissementsApprobation(autres.map(nom), motifs.slice(1));
  return {
    type: 'modal',
    callback_id: VUE_DEROGATION,
    private_metadata: JSON.stringify({
      liberationId,
      recommendationId: jour.recommendationId ?? row.recommendationId,
      canal,
    }),
    title: { type: 'plain_text', text: 'Déroger' },
    submit: { type: 'plain_text', text: 'Envoyer' },
    close: { type: 'plain_text', text: 'Annuler' },
    blocks: [
      {
        type: 'section',
        block_id: 'logement',
        text: {
          type: 'mrkdwn',
          text: `*${echapper(logementEnMots({ rplsId: row.rplsId, commune: row.commune, communeNom: row.communeNom, typologie: row.typologie, qpv: row.qpv, financement: row.financement }))}*\nRecommandé : ${echapper(nom(recommandee))}`,
        },
      },
      ...(jour.changement
        ? [
            {
              type: 'context',
              block_id: 'changement',
              elements: [
                {
                  type: 'mrkdwn',
                  text: `:warning: L’avancement des conventions a changé depuis le message : la recommandation est maintenant ${echapper(jour.changement.apres)} (au lieu de ${echapper(jour.changement.avant)}). Le message est mis à jour.`,
                },
              ],
            },
          ]
        : []),
      {
        type: 'input',
        block_id: 'destination',
        label: { type: 'plain_text', text: 'Destination' },
        element: { type: 'static_select', action_id: 'choix', options },
      },
      { type: 'context', block_id: 'approbation', elements: [{ type: 'mrkdwn', text: avertissements }] },
      {
        type: 'input',
        block_id: 'motif',
        label: { type: 'plain_text', text: 'Motif' },
        element: {
          type: 'static_select',
          action_id: 'choix',
          options: OVERRIDE_REASONS.map((m) => ({ text: { type: 'plain_text', text: motifFr(m) }, value: m })),
        },
      },
      {
        type: 'input',
        block_id: 'commentaire',
        optional: true,
        label: { type: 'plain_text', text: 'Commentaire (obligatoire avec le motif AUTRE)' },
        element: { type: 'plain_text_input', action_id: 'texte', multiline: true, max_length: 2000 },
      },
    ],
  };
}

/**
 * Why each destination would need a manager's approval, a reason shared by every one said once
 * (« Pour toute destination… »), then each destination's own, or « orientée aussitôt ».
 */
export function avertissementsApprobation(noms: string[], motifs: string[][]): string {
  const communs = motifs.length > 1 ? motifs.reduce((acc, m) => acc.filter((x) => m.includes(x))) : [];
  const lignes = communs.length
    ? [`Pour toute destination, approbation d'un responsable requise : ${echapper(communs.join(' ; '))}`]
    : [];
  noms.forEach((nom, i) => {
    const propres = motifs[i].filter((x) => !communs.includes(x));
    if (motifs[i].length === 0) lignes.push(`• *${echapper(nom)}* : orientée aussitôt`);
    else if (propres.length > 0) {
      const texte = echapper(propres.join(' ; '));
      lignes.push(
        communs.length
          ? `• *${echapper(nom)}* : de plus, ${texte[0].toLowerCase()}${texte.slice(1)}`
          : `• *${echapper(nom)}* : approbation d'un responsable requise : ${texte}`,
      );
    }
  });
  return lignes.slice(0, 11).join('\n').slice(0, 3000);
}

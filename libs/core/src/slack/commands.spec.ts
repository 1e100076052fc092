import { creerCommande } from '../platform/validation/creer-commande';
import { refusDeCommande } from '../platform/validation/testing/refus';
import { LierCompteSlack, RemplacerCanauxSlack } from './commands';

describe('the Slack settings commands, validated once when created', () => {
  it('RemplacerCanauxSlack: each channel and territory, its items named canaux[i] as the API always did', async () => {
    const commande = await creerCommande(RemplacerCanauxSlack, {
      canaux: [
        { canal: 'C0123ABCD' },
        { territoire: '69123', canal: 'G0ABC' },
        { territoire: '200046977', canal: 'CX9' },
      ],
    });
    expect(commande.canaux.map((c) => c.territoire ?? '')).toEqual(['', '69123', '200046977']);
    expect(
      await refusDeCommande(RemplacerCanauxSlack, {
        canaux: [{ canal: 'C0123ABCD' }, { territoire: '6912', canal: '#general' }],
      }),
    ).toEqual([
      {
        champ: 'canaux[1].territoire',
        raison: "doit être vide (tout le bailleur), un code INSEE de commune ou un SIREN d'EPCI",
      },
      { champ: 'canaux[1].canal', raison: "doit être l'identifiant d'un canal Slack (C0123ABCD)" },
    ]);
    expect(await refusDeCommande(RemplacerCanauxSlack, {})).toEqual([
      { champ: 'canaux', raison: 'doit être une liste' },
    ]);
    expect(
      await refusDeCommande(RemplacerCanauxSlack, {
        canaux: Array.from({ length: 201 }, () => ({ canal: 'C0123ABCD' })),
      }),
    ).toEqual([{ champ: 'canaux', raison: 'doit contenir au plus 200 élément(s)' }]);
  });

  it('LierCompteSlack: a Slack user id', async () => {
    await expect(creerCommande(LierCompteSlack, { slackUserId: 'U0123ABCD' })).resolves.toBeInstanceOf(LierCompteSlack);
    expect(await refusDeCommande(LierCompteSlack, { slackUserId: 'pas-un-id' })).toEqual([
      { champ: 'slackUserId', raison: "doit être l'identifiant d'un utilisateur Slack (U0123ABCD)" },
    ]);
  });
});

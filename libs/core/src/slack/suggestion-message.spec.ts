import {
  blocsSuggestion,
  lireValeurBouton,
  raisonsPourContre,
  texteDecision,
  valeurBouton,
  type SuggestionVue,
} from './suggestion-message';
import { lireDestination } from './suggestion-view';
import { libelleDestination } from '../notifications/derogation-message';

const vue = (over: Partial<SuggestionVue> = {}): SuggestionVue => ({
  liberationId: '11111111-1111-4111-8111-111111111111',
  recommendationId: '22222222-2222-4222-8222-222222222222',
  bailleurId: 'b',
  bailleurNom: 'Loirette Habitat',
  date: '2026-03-01',
  logement: {
    rplsId: '9609213265',
    commune: '96042',
    communeNom: 'Chantevière',
    typologie: 'T2',
    qpv: true,
    financement: 'PLUS',
  },
  options: [
    {
      destination: { kind: 'CONVENTION', conventionId: 'c1' },
      lue: { kind: 'CONVENTION', conventionReference: 'CONV-ETAT', reservataireNom: 'Préfet <Val>', sousQuota: null },
      score: 3,
      motifs: [
        {
          sens: 'pour',
          texte: "Retard de 2,6 logements sur l'objectif à date",
          terme: 'RYTHME',
          valeur: 2.6,
          unite: 'logement',
        },
        {
          sens: 'contre',
          texte: 'Gestion directe : attente des candidats (≈ 23 jours)',
          terme: 'VACANCE',
          valeur: 23,
          unite: 'jour',
        },
        { sens: 'contre', texte: 'Une raison dont le libellé ne dit pas le sens', terme: 'MIXITE' },
      ],
      reglesEnfreintes: ['Part hors QPV du préfet sous 30 %'],
    },
    {
      destination: { kind: 'CONVENTION', conventionId: 'c1', sousQuota: 'FONCTIONNAIRES' },
      lue: {
        kind: 'CONVENTION',
        conventionReference: 'CONV-ETAT',
        reservataireNom: 'Préfet',
        sousQuota: "Agents civils et militaires de l'État",
      },
      score: 2,
      motifs: [],
      reglesEnfreintes: [],
    },
    {
      destination: { kind: 'BAILLEUR' },
      lue: { kind: 'BAILLEUR' },
      score: 1,
      motifs: [
        {
          sens: 'contre',
          texte: 'Avance de 1 logement sur l’objectif à date',
          terme: 'RYTHME',
          valeur: 1,
          unite: 'logement',
        },
      ],
      reglesEnfreintes: [],
    },
  ],
  pourquoiSecond: null,
  decision: null,
  derogationEnAttente: null,
  ...over,
});

describe('suggestion message', () => {
  it("sorts reasons for and against by the engine's sign (not the wording), broken soft rules against", () => {
    expect(raisonsPourContre(vue().options[0])).toEqual({
      pour: ["Retard de 2,6 logements sur l'objectif à date"],
      contre: [
        'Gestion directe : attente des candidats (≈ 23 jours)',
        'Une raison dont le libellé ne dit pas le sens',
        'Part hors QPV du préfet sous 30 %',
      ],
    });
  });

  it('shows the flat in words, the recommended réservataire, two alternatives and both buttons, escaped', () => {
    const blocks = blocsSuggestion(vue());
    const texte = JSON.stringify(blocks);
    expect(texte).toContain('*T2 à Chantevière (96042), en QPV, financement PLUS — RPLS 9609213265*');
    expect(texte).toContain('*Recommandé : Préfet &lt;Val&gt; (convention CONV-ETAT)*');
    expect(blocks.find((b) => b.block_id === 'alternatives')!.fields).toHaveLength(2);
    expect(texte).toContain(
      "Alternative 1 : Préfet (convention CONV-ETAT, sous-quota Agents civils et militaires de l'État)",
    );
    expect(texte).toContain('Alternative 2 : Part du bailleur');
    const actions = blocks.find((b) => b.type === 'actions') as unknown as {
      elements: Array<{ value: string; text: { text: string } }>;
    };
    expect(actions.elements.map((e) => e.text.text)).toEqual(['Accepter', 'Déroger…']);
    expect(lireValeurBouton(actions.elements[0].value)).toEqual({
      liberationId: vue().liberationId,
      recommendationId: vue().recommendationId,
    });
    expect(valeurBouton({ liberationId: 'x', recommendationId: null })).toBe('x|');
    expect(blocks.find((b) => b.block_id === 'pourquoi-second')).toBeUndefined();
  });

  it('says in one line, under the alternatives, why the first one came second', () => {
    const ligne =
      'Préfet <sous-quota> vient en second : retard de 0,9 logement, contre « retard de 2,6 logements » pour Préfet';
    const bloc = blocsSuggestion(vue({ pourquoiSecond: ligne })).find((b) => b.block_id === 'pourquoi-second');
    expect(bloc).toEqual({
      type: 'context',
      block_id: 'pourquoi-second',
      elements: [
        {
          type: 'mrkdwn',
          text: '_Préfet &lt;sous-quota&gt; vient en second : retard de 0,9 logement, contre « retard de 2,6 logements » pour Préfet_',
        },
      ],
    });
  });

  it('once decided: where, by whom, when and from where; no buttons', () => {
    const decision = {
      destination: { kind: 'BAILLEUR' as const },
      isOverride: true,
      motif: 'URGENCE',
      par: 'Mme Dupont',
      at: '2026-03-02T09:15:00.000Z',
      depuisSlack: false,
    };
    const blocks = blocsSuggestion(vue({ decision }));
    expect(blocks.some((b) => b.type === 'actions')).toBe(false);
    expect(texteDecision(decision)).toBe(
      "Orienté vers Part du bailleur (dérogation : Urgence) par Mme Dupont le 02/03/2026 à 10:15, depuis l'application (console ou API)",
    );
    expect(JSON.stringify(blocsSuggestion(vue({ derogationEnAttente: 'M. Martin' })))).toContain(
      'Dérogation demandée par M. Martin, en attente',
    );
  });

  it('reads a sub-quota by the name its convention gives it, its code when unnamed', () => {
    const noms = new Map([
      ['c1', { reference: 'CONV-ETAT', reservataireNom: 'Préfet', sousQuotas: { FONCTIONNAIRES: 'Agents de l’État' } }],
      ['c2', { reference: 'CONV-X', reservataireNom: 'X', sousQuotas: null }],
    ]);
    expect(lireDestination({ kind: 'CONVENTION', conventionId: 'c1', sousQuota: 'FONCTIONNAIRES' }, noms)).toEqual({
      kind: 'CONVENTION',
      conventionReference: 'CONV-ETAT',
      reservataireNom: 'Préfet',
      sousQuota: 'Agents de l’État',
    });
    expect(lireDestination({ kind: 'CONVENTION', conventionId: 'c2', sousQuota: 'AUTRE' }, noms).sousQuota).toBe(
      'AUTRE',
    );
    // Named as the console names it: the réservataire first, then its convention.
    expect(
      libelleDestination(
        lireDestination({ kind: 'CONVENTION', conventionId: 'c1', sousQuota: 'FONCTIONNAIRES' }, noms),
      ),
    ).toBe('Préfet — convention CONV-ETAT, sous-quota Agents de l’État');
  });
});

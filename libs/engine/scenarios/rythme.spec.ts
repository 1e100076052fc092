/** Pace: lag to the seasonal expected progress, décompte mode, excluded uses, the bailleur's share. */
import { compteProjete, DEFAULT_POLICY, recommend, resolvePolicy } from '@aiguillage/engine';
import { A, choisi, convention, DATE, etat, exercice, logement, option, reservataire } from './fixtures';

const reservataires = [reservataire('als', 'ALS'), reservataire('dep', 'DEPARTEMENT')];

describe('retard sur la progression attendue', () => {
  const conventions = [convention('x', 'als', 0.284), convention('y', 'dep', 0.3)];

  it('la convention en retard à date reçoit le logement, avec le retard chiffré à la française', () => {
    const rec = recommend(
      logement('l', A),
      etat({ conventions, reservataires }, { x: { propositions: 10 }, y: { propositions: 15 } }),
      DEFAULT_POLICY,
      DATE,
    );
    expect(choisi(rec)).toBe('CONVENTION:x');
    expect(rec.options[0].raisons[0]).toBe(
      "Réservataire als — convention CONV-x : retard de 4,2 logements sur l'objectif à date, au-delà de la marge de 1 logement (rythme régulier)",
    );
    expect(option(rec, 'CONVENTION:y').raisons[0]).toBe("Dans les temps sur l'objectif à date");
  });

  it("l'attendu suit la saisonnalité : un printemps chargé met en retard qui a reçu au rythme linéaire", () => {
    // 60 % of the year's flux expected by the end of June: x (14 of 28,4) is behind, y (18 of 30) on pace.
    const saison = [0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.4 / 6, 0.4 / 6, 0.4 / 6, 0.4 / 6, 0.4 / 6, 0.4 / 6];
    const state = etat(
      { conventions, reservataires, exercice: exercice({ saisonnalite: saison }) },
      { x: { propositions: 14 }, y: { propositions: 18 } },
      { bailleurPropositions: 60 },
    );
    const rec = recommend(logement('l', A), state, DEFAULT_POLICY, DATE);
    expect(choisi(rec)).toBe('CONVENTION:x');
    expect(rec.options[0].raisons[0]).toBe(
      "Réservataire als — convention CONV-x : retard de 3 logements sur l'objectif à date, au-delà de la marge de 1 logement (rythme régulier)",
    );
    // Under a flat seasonality the same counts put x 0,2 ahead and y 3 ahead.
    const lineaire = etat({ conventions, reservataires }, { x: { propositions: 14 }, y: { propositions: 18 } });
    expect(option(recommend(logement('l', A), lineaire, DEFAULT_POLICY, DATE), 'CONVENTION:y').raisons[0]).toBe(
      "Réservataire dep — convention CONV-y : avance de 3 logements sur l'objectif à date, 4 logements d'avance avec ce logement, au-delà de la marge de 1 logement (rythme régulier)",
    );
  });
});

describe('mode de décompte', () => {
  const attribution = convention('at', 'als', 0.3, { decompte: { mode: 'ATTRIBUTION' } });
  const proposition = convention('pr', 'dep', 0.3);
  const progress = { at: { propositions: 15, attributions: 9 }, pr: { propositions: 14 } };

  it('les propositions en cours comptent selon la conversion attendue', () => {
    const state = etat({ conventions: [attribution], reservataires }, progress);
    expect(compteProjete(state.progress.at, attribution, 1)).toBe(15);
    expect(compteProjete(state.progress.at, attribution, 0.5)).toBe(12);
    const mixte = convention('m', 'als', 0.3, {
      decompte: { mode: 'MIXTE', poids: { proposition: 0.5, attribution: 0.5, bail: 0 } },
    });
    expect(compteProjete({ ...state.progress.at, conventionId: 'm' }, mixte, 0.5)).toBe(13.5);
  });

  it('sous décompte ATTRIBUTION, une conversion attendue plus faible fait passer la convention devant', () => {
    const state = etat({ conventions: [attribution, proposition], reservataires }, progress);
    expect(choisi(recommend(logement('l', A), state, resolvePolicy({ conversionAttendue: 0.5 }), DATE))).toBe(
      'CONVENTION:at',
    );
    expect(choisi(recommend(logement('l', A), state, resolvePolicy({ conversionAttendue: 1 }), DATE))).toBe(
      'CONVENTION:pr',
    );
  });
});

describe('usages exclus', () => {
  const conventions = [convention('x', 'als', 0.3)];
  const avecMutations = exercice({ assiette: { ...exercice().assiette, mutations: 10 } });

  it('une mutation en retard sur le prévisionnel passe devant les conventions dans les temps', () => {
    const state = etat(
      { conventions, reservataires, exercice: avecMutations },
      { x: { propositions: 15 } },
      { exclusionsRestantes: { MUTATION: 8 } },
    );
    const rec = recommend(logement('l', A), state, DEFAULT_POLICY, DATE);
    expect(choisi(rec)).toBe('EXCLU:MUTATION');
    expect(rec.options[0].raisons).toEqual(['Mutation interne : retard de 3 logements sur le prévisionnel à date']);
  });

  it("sans exclusion restante, l'usage n'est pas proposé ; un logement du stock Défense n'y va jamais", () => {
    const epuise = etat(
      { conventions, reservataires, exercice: avecMutations },
      {},
      { exclusionsRestantes: { MUTATION: 0 } },
    );
    expect(
      recommend(logement('l', A), epuise, DEFAULT_POLICY, DATE).options.some((o) => o.destination.kind === 'EXCLU'),
    ).toBe(false);
    const restant = etat(
      { conventions, reservataires, exercice: avecMutations },
      {},
      { exclusionsRestantes: { MUTATION: 8 } },
    );
    expect(
      option(recommend(logement('l', A, { stockDefense: true }), restant, DEFAULT_POLICY, DATE), 'EXCLU:MUTATION')
        .eligible,
    ).toBe(false);
  });
});

describe('part du bailleur', () => {
  it('quand toutes les conventions sont en avance, le logement reste au bailleur', () => {
    const state = etat(
      { conventions: [convention('x', 'als', 0.3), convention('y', 'dep', 0.2)], reservataires },
      { x: { propositions: 17 }, y: { propositions: 12 } },
      { bailleurPropositions: 20 },
    );
    const rec = recommend(logement('l', A), state, DEFAULT_POLICY, DATE);
    expect(choisi(rec)).toBe('BAILLEUR');
    expect(rec.options[0].raisons[0]).toBe('Toutes les conventions possibles sont en avance');
    expect(rec.options[0].raisons).toContain('Retard de 5 logements sur la part non réservée à date');
  });

  it("une convention qui a atteint son objectif annuel s'efface devant le bailleur, même en fin d'année", () => {
    const state = etat(
      { conventions: [convention('x', 'als', 0.3)], reservataires },
      { x: { propositions: 30 } },
      { bailleurPropositions: 80 },
    );
    const rec = recommend(logement('l', A), state, DEFAULT_POLICY, '2026-12-20');
    expect(choisi(rec)).toBe('BAILLEUR');
    expect(option(rec, 'CONVENTION:x').raisons[0]).toBe('Objectif annuel déjà atteint (30 sur 30)');
  });
});

describe('rythme régulier : au-delà de la marge d’un logement, le retard et l’avance pèsent plus (issue 14)', () => {
  const conventions = [convention('x', 'als', 0.284), convention('y', 'dep', 0.3)];

  it('au-delà de la marge, le retard l’emporte sur l’adéquation ; la raison nomme la convention, chiffre et signe', () => {
    // x: 14,2 expected at date, 11 proposed (3,2 behind); y: 15 expected, 15 proposed.
    const state = etat({ conventions, reservataires }, { x: { propositions: 11 }, y: { propositions: 15 } });
    const rec = recommend(logement('l', A), state, DEFAULT_POLICY, DATE);
    const x = option(rec, 'CONVENTION:x');
    expect(choisi(rec)).toBe('CONVENTION:x');
    // One reason for the pace: beyond the band it names the convention and says so.
    expect(x.motifs!.filter((m) => m.terme === 'RYTHME')).toEqual([
      {
        sens: 'pour',
        terme: 'RYTHME',
        texte:
          "Réservataire als — convention CONV-x : retard de 3,2 logements sur l'objectif à date, au-delà de la marge de 1 logement (rythme régulier)",
        valeur: 3.2,
        unite: 'logement',
      },
    ]);
    // The extra weight is rythmeStrict (5) per flat beyond the band: 5 × 2,2 = 11 more than without it.
    const sansBande = recommend(logement('l', A), state, resolvePolicy({ rythmeStrict: 0 }), DATE);
    expect(x.score - option(sansBande, 'CONVENTION:x').score).toBeCloseTo(11, 5);
    expect(option(sansBande, 'CONVENTION:x').raisons[0]).toBe("Retard de 3,2 logements sur l'objectif à date");
  });

  it('une convention en avance au-delà de la marge est freinée, raison « contre » ; dans la marge, rien', () => {
    const state = etat({ conventions, reservataires }, { x: { propositions: 14 }, y: { propositions: 18 } });
    const rec = recommend(logement('l', A), state, DEFAULT_POLICY, DATE);
    expect(option(rec, 'CONVENTION:y').motifs!.find((m) => m.terme === 'RYTHME')).toMatchObject({
      sens: 'contre',
      texte:
        "Réservataire dep — convention CONV-y : avance de 3 logements sur l'objectif à date, 4 logements d'avance avec ce logement, au-delà de la marge de 1 logement (rythme régulier)",
      valeur: 3,
    });
    expect(option(rec, 'CONVENTION:x').motifs!.some((m) => m.texte.includes('marge'))).toBe(false);
  });

  it('l’avance se lit après le logement : une convention en avance de 0,8 n’en reçoit pas un second sans frein', () => {
    // x: 14,2 expected at date, 15 proposed: 0,8 ahead, 1,8 with this flat, 0,8 beyond the band.
    const state = etat({ conventions, reservataires }, { x: { propositions: 15 }, y: { propositions: 15 } });
    const rec = recommend(logement('l', A), state, DEFAULT_POLICY, DATE);
    const x = option(rec, 'CONVENTION:x');
    expect(x.motifs!.find((m) => m.terme === 'RYTHME')).toMatchObject({
      sens: 'contre',
      texte:
        "Réservataire als — convention CONV-x : avance de 0,8 logement sur l'objectif à date, 1,8 logement d'avance avec ce logement, au-delà de la marge de 1 logement (rythme régulier)",
      valeur: 0.8,
    });
    const sansBande = recommend(logement('l', A), state, resolvePolicy({ rythmeStrict: 0 }), DATE);
    expect(x.score - option(sansBande, 'CONVENTION:x').score).toBeCloseTo(-5 * 0.8, 5);
    // y, on time, would be 1 flat ahead with it: inside the band, no brake.
    expect(option(rec, 'CONVENTION:y').score).toBeCloseTo(option(sansBande, 'CONVENTION:y').score, 5);
  });
});

/** Qualitative commitments of a convention: QPV / hors-QPV shares, typologie mix. */
import { DEFAULT_POLICY, recommend } from '@aiguillage/engine';
import { A, choisi, convention, DATE, etat, logement, option, reservataire } from './fixtures';

const reservataires = [reservataire('r1', 'ALS'), reservataire('r2', 'DEPARTEMENT')];
const qpvFlat = logement('q', A, { qpv: true });
const horsQpvFlat = logement('h', A);

describe('engagement QPV maximum', () => {
  const state = etat(
    {
      conventions: [
        convention('plafond', 'r1', 0.2, { engagements: { qpv: { max: 0.2 } } }),
        convention('autre', 'r2', 0.2),
      ],
      reservataires,
    },
    { plafond: { propositions: 9, qpv: 4, horsQpv: 5 }, autre: { propositions: 10 } },
  );

  it('un logement en QPV qui ferait dépasser le plafond va à une autre convention, même moins en retard', () => {
    const rec = recommend(qpvFlat, state, DEFAULT_POLICY, DATE);
    expect(choisi(rec)).toBe('CONVENTION:autre');
    const plafond = option(rec, 'CONVENTION:plafond');
    expect(plafond.violates).toContainEqual({
      code: 'ENGAGEMENT_QPV',
      hard: false,
      libelle: "Dépasse l'engagement de 20 % maximum en QPV",
    });
    expect(plafond.eligible).toBe(true);
  });

  it('un logement hors QPV lui revient', () => {
    expect(choisi(recommend(horsQpvFlat, state, DEFAULT_POLICY, DATE))).toBe('CONVENTION:plafond');
  });
});

describe('engagement QPV minimum', () => {
  // 50 % of 20 flats in QPV promised, none yet with 10 slots left: every remaining flat must be in QPV.
  const state = etat(
    {
      conventions: [
        convention('min', 'r1', 0.2, { engagements: { qpv: { min: 0.5 } } }),
        convention('autre', 'r2', 0.2),
      ],
      reservataires,
    },
    { min: { propositions: 10, qpv: 0, horsQpv: 10 }, autre: { propositions: 10 } },
  );

  it('un logement en QPV va à la convention qui en attend', () => {
    const rec = recommend(qpvFlat, state, DEFAULT_POLICY, DATE);
    expect(choisi(rec)).toBe('CONVENTION:min');
    expect(rec.options[0].raisons[0]).toBe('Engagement en QPV (min 50 %) : encore 10 logements attendus');
  });

  it("un logement hors QPV la mettrait hors d'atteinte de son engagement", () => {
    const rec = recommend(horsQpvFlat, state, DEFAULT_POLICY, DATE);
    expect(choisi(rec)).toBe('CONVENTION:autre');
    expect(option(rec, 'CONVENTION:min').violates).toContainEqual({
      code: 'ENGAGEMENT_QPV',
      hard: false,
      libelle: "Compromet l'engagement de 50 % minimum en QPV",
    });
  });
});

describe('engagement de typologie', () => {
  const state = etat(
    {
      conventions: [
        convention('grands', 'r1', 0.2, { engagements: { typologies: { T5: { min: 0.2 } } } }),
        convention('autre', 'r2', 0.2),
      ],
      reservataires,
    },
    { grands: { propositions: 10, parTypologie: { T3: 10 } }, autre: { propositions: 10 } },
  );

  it('un T5 va à la convention qui s’est engagée sur des grands logements', () => {
    const rec = recommend(logement('t5', A, { typologie: 'T5' }), state, DEFAULT_POLICY, DATE);
    expect(choisi(rec)).toBe('CONVENTION:grands');
    expect(rec.options[0].raisons[0]).toBe('Engagement en T5 (min 20 %) : encore 4 logements attendus');
  });

  it('un T3 ne lui apporte rien : la convention sans engagement, à égalité de rythme, est aussi bien placée', () => {
    const rec = recommend(logement('t3', A, { typologie: 'T3' }), state, DEFAULT_POLICY, DATE);
    expect(option(rec, 'CONVENTION:grands').score).toBe(option(rec, 'CONVENTION:autre').score);
  });
});

/** Qualitative commitments of a convention: QPV / hors-QPV shares, typologie mix. */
import type { ConventionProgress, Engagements, EngineState } from '@aiguillage/engine';
import { A, choisi, convention, etat, logement, option, recommande, reservataire } from './fixtures';

const reservataires = [reservataire('r1', 'ALS'), reservataire('r2', 'DEPARTEMENT')];
const qpvFlat = logement('q', A, { qpv: true });
const horsQpvFlat = logement('h', A);

/** Convention `id` (20 %) under `engagements` at `progress`, beside one without (20 %, 10 flats proposed). */
function avecEngagement(id: string, engagements: Engagements, progress: Partial<ConventionProgress>): EngineState {
  return etat(
    { conventions: [convention(id, 'r1', 0.2, { engagements }), convention('autre', 'r2', 0.2)], reservataires },
    { [id]: progress, autre: { propositions: 10 } },
  );
}

describe('engagement QPV maximum', () => {
  const state = avecEngagement('plafond', { qpv: { max: 0.2 } }, { propositions: 9, qpv: 4, horsQpv: 5 });

  it('un logement en QPV qui ferait dépasser le plafond va à une autre convention, même moins en retard', () => {
    const rec = recommande(state, qpvFlat);
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
    expect(choisi(recommande(state, horsQpvFlat))).toBe('CONVENTION:plafond');
  });
});

describe('engagement QPV minimum', () => {
  // 50 % of 20 flats in QPV promised, none yet with 10 slots left: every remaining flat must be in QPV.
  const state = avecEngagement('min', { qpv: { min: 0.5 } }, { propositions: 10, qpv: 0, horsQpv: 10 });

  it('un logement en QPV va à la convention qui en attend', () => {
    const rec = recommande(state, qpvFlat);
    expect(choisi(rec)).toBe('CONVENTION:min');
    expect(rec.options[0].raisons[0]).toBe('Engagement en QPV (min 50 %) : encore 10 logements attendus');
  });

  it("un logement hors QPV la mettrait hors d'atteinte de son engagement", () => {
    const rec = recommande(state, horsQpvFlat);
    expect(choisi(rec)).toBe('CONVENTION:autre');
    expect(option(rec, 'CONVENTION:min').violates).toContainEqual({
      code: 'ENGAGEMENT_QPV',
      hard: false,
      libelle: "Compromet l'engagement de 50 % minimum en QPV",
    });
  });
});

describe('engagement de typologie', () => {
  const state = avecEngagement(
    'grands',
    { typologies: { T5: { min: 0.2 } } },
    { propositions: 10, parTypologie: { T3: 10 } },
  );

  it('un T5 va à la convention qui s’est engagée sur des grands logements', () => {
    const rec = recommande(state, logement('t5', A, { typologie: 'T5' }));
    expect(choisi(rec)).toBe('CONVENTION:grands');
    expect(rec.options[0].raisons[0]).toBe('Engagement en T5 (min 20 %) : encore 4 logements attendus');
  });

  it('un T3 ne lui apporte rien : la convention sans engagement, à égalité de rythme, est aussi bien placée', () => {
    const rec = recommande(state, logement('t3', A, { typologie: 'T3' }));
    expect(option(rec, 'CONVENTION:grands').score).toBe(option(rec, 'CONVENTION:autre').score);
  });
});

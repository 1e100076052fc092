/**
 * The préfet's commune floors still to come: in a year shorter than forecast, a flat above its
 * commune's final floor would put the préfet over its objective at 31/12, since the floors of the
 * other communes will bring it up anyway (a count cannot go down).
 */
import { resolvePolicy, type FluxOriente } from '@aiguillage/engine';
import { A, B, choisi, convention, etat, logement, option, recommande, reservataire } from './fixtures';

const reservataires = [reservataire('etat', 'ETAT'), reservataire('als', 'ALS')];
const conventions = [convention('prefet', 'etat', 0.3), convention('als', 'als', 0.3)];
// Forecast: 90 flats in A, 10 in B. On 30 June half the year is expected and 50 flats were oriented (45 in A, 5 in B).
const offrePrevue = [
  { commune: A, qpv: false, typologie: 'T3' as const, nombre: 90 },
  { commune: B, qpv: false, typologie: 'T3' as const, nombre: 10 },
];
const fluxOriente: FluxOriente = { total: 50, qpv: 20, horsQpv: 30, parCommune: { [A]: 45, [B]: 5 }, parCellule: {} };
// The préfet is one flat behind its pace (15 expected of 30), but its floors in A (⌊30 % × 90⌋ = 27 by 31/12)
// and B (its 3 flats, ⌊30 % × 10⌋ = 3, 4 if B gets 9 more flats instead of the 5 expected) already make ≈ 30,1.
const progress = {
  prefet: { propositions: 14, horsQpv: 9, qpv: 5, parCommune: { [A]: 11, [B]: 3 } },
  als: { propositions: 15 },
};
const state = () => etat({ conventions, reservataires, offrePrevue }, progress, { fluxOriente });

describe('planchers du préfet encore à venir', () => {
  it('un logement au-dessus du plancher final de sa commune ne va pas au préfet quand ses planchers font déjà son objectif', () => {
    const rec = recommande(state(), logement('l', B));
    expect(choisi(rec)).not.toBe('CONVENTION:prefet');
    const prefet = option(rec, 'CONVENTION:prefet');
    expect(prefet.raisons).toContain(
      `${prefet.libelle} : ses planchers par commune lui apportent déjà ≈ 30,1 logements d'ici au 31/12 pour un objectif de 30 logements, ce logement au-delà du plancher de sa commune ne lui laisserait pas un logement de marge`,
    );
  });

  it('sans cette réserve (reservePlanchers 0), le préfet en retard prend le logement et finira au-dessus', () => {
    const rec = recommande(state(), logement('l', B), resolvePolicy({ reservePlanchers: 0 }));
    expect(choisi(rec)).toBe('CONVENTION:prefet');
  });

  it('un logement de marge : à 0,5 logement sous son objectif une fois ce logement compté, le préfet est déjà freiné', () => {
    // Objective 31,6: the floors' ≈ 30,1 plus this flat stay under it, but within one flat of it.
    const sous = () =>
      etat(
        { conventions, reservataires, offrePrevue },
        { ...progress, prefet: { ...progress.prefet, objectif: 31.6 } },
        {
          fluxOriente,
        },
      );
    const frein = (policy = resolvePolicy({})) =>
      option(recommande(sous(), logement('l', B), policy), 'CONVENTION:prefet');
    const ecart = frein(resolvePolicy({ reservePlanchers: 0 })).score - frein().score;
    // A brake of reservePlanchers (20) × the flat's part within the margin (≈ 0,5 × its chance to stay above B's floor).
    expect(ecart).toBeGreaterThan(5);
    expect(frein().raisons.some((r) => r.includes('ne lui laisserait pas un logement de marge'))).toBe(true);
  });

  it('sous le plancher final de sa commune, le logement va au préfet : il ne fait que venir plus tôt', () => {
    expect(choisi(recommande(state(), logement('l', A)))).toBe('CONVENTION:prefet');
  });
});

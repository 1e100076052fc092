/** Income quartiles (issue 9, finding 14): consumption units and the quartile against an EPCI's thresholds. */
import fc from 'fast-check';
import { EngineInputError } from '../errors';
import {
  quartileDuMenage,
  quartileDuRevenu,
  revenuAnnuelParUc,
  unitesConsommation,
  verifierSeuils,
  type SeuilsQuartiles,
} from './quartiles';

const euros = (e: number) => e * 100;

describe('unités de consommation (échelle OCDE modifiée)', () => {
  it.each([
    [1, 0, 1],
    [2, 0, 1.5],
    [2, 1, 1.3],
    [3, 1, 1.8],
    [4, 2, 2.1],
    [5, 0, 3],
  ])('%i personne(s) dont %i enfant(s) de moins de 14 ans : %d UC', (personnes, enfantsMoins14, uc) => {
    expect(unitesConsommation({ personnes, enfantsMoins14 })).toBe(uc);
  });

  it('refuse plus d’enfants que de personnes après la première', () => {
    expect(() => unitesConsommation({ personnes: 2, enfantsMoins14: 2 })).toThrow(EngineInputError);
    expect(() => unitesConsommation({ personnes: 0, enfantsMoins14: 0 })).toThrow('personnes');
  });

  it('revenu annuel par UC : ressources mensuelles × 12 ÷ UC, sans arrondi', () => {
    // 1 500 € par mois, couple + 2 enfants de moins de 14 ans : 18 000 € ÷ 2,1 UC
    expect(revenuAnnuelParUc(euros(1500), { personnes: 4, enfantsMoins14: 2 })).toBeCloseTo(euros(18000) / 2.1, 6);
  });
});

describe('quartile d’un revenu par UC', () => {
  const q1Seul: SeuilsQuartiles = { q1: euros(10_440) };
  const complets: SeuilsQuartiles = { q1: euros(10_440), q2: euros(16_000), q3: euros(23_500) };

  it('sous le seuil du 1er quartile (strictement, « inférieur à ») : quartile 1', () => {
    expect(quartileDuRevenu(euros(10_439), q1Seul)).toEqual({ min: 1, max: 1 });
    expect(quartileDuRevenu(euros(10_440), q1Seul)).toEqual({ min: 2, max: 4 });
  });

  it('avec les trois seuils : quartiles 1 à 4', () => {
    expect(quartileDuRevenu(0, complets)).toEqual({ min: 1, max: 1 });
    expect(quartileDuRevenu(euros(12_000), complets)).toEqual({ min: 2, max: 2 });
    expect(quartileDuRevenu(euros(16_000), complets)).toEqual({ min: 3, max: 3 });
    expect(quartileDuRevenu(euros(30_000), complets)).toEqual({ min: 4, max: 4 });
  });

  it('un ménage de 4 (2 enfants) à 1 500 €/mois est au 1er quartile sous 10 440 €/UC, au 2e avec 8 000 €', () => {
    expect(quartileDuMenage(euros(1500), { personnes: 4, enfantsMoins14: 2 }, complets)).toMatchObject({
      min: 1,
      max: 1,
    });
    expect(
      quartileDuMenage(
        euros(1500),
        { personnes: 4, enfantsMoins14: 2 },
        { q1: euros(8000), q2: euros(9000), q3: euros(12000) },
      ),
    ).toMatchObject({ min: 2, max: 2 });
    // Same income, alone: 18 000 €/UC → 3rd quartile.
    expect(quartileDuMenage(euros(1500), { personnes: 1, enfantsMoins14: 0 }, complets)).toMatchObject({
      min: 3,
      max: 3,
    });
  });

  it('refuse des seuils non croissants ou incomplets', () => {
    expect(() => verifierSeuils({ q1: euros(10_000), q2: euros(9_000), q3: euros(20_000) })).toThrow('seuilQ2');
    expect(() => verifierSeuils({ q1: euros(10_000), q2: euros(12_000), q3: euros(12_000) })).toThrow('seuilQ3');
    expect(() => verifierSeuils({ q1: euros(10_000), q2: euros(12_000) })).toThrow('les deux ou aucun');
    expect(() => verifierSeuils({ q1: 0 })).toThrow('seuilQ1');
  });

  const seuils = fc
    .tuple(
      fc.integer({ min: 1, max: 5_000_000 }),
      fc.integer({ min: 1, max: 5_000_000 }),
      fc.integer({ min: 1, max: 5_000_000 }),
      fc.boolean(),
    )
    .map(([a, b, c, complet]): SeuilsQuartiles => {
      const q1 = a;
      return complet ? { q1, q2: q1 + b, q3: q1 + b + c } : { q1 };
    });

  it('est monotone : plus de ressources, jamais un quartile plus bas (propriété)', () => {
    fc.assert(
      fc.property(
        seuils,
        fc.integer({ min: 0, max: 1_000_000 }),
        fc.integer({ min: 0, max: 1_000_000 }),
        fc.integer({ min: 1, max: 8 }),
        fc.nat(7),
        (s, r1, r2, personnes, e) => {
          const menage = { personnes, enfantsMoins14: Math.min(e, personnes - 1) };
          const [bas, haut] = r1 <= r2 ? [r1, r2] : [r2, r1];
          const a = quartileDuMenage(bas, menage, s);
          const b = quartileDuMenage(haut, menage, s);
          expect(b.min).toBeGreaterThanOrEqual(a.min);
          expect(b.max).toBeGreaterThanOrEqual(a.max);
        },
      ),
    );
  });

  it('plus de personnes au même revenu, jamais un quartile plus haut (propriété)', () => {
    fc.assert(
      fc.property(seuils, fc.integer({ min: 0, max: 1_000_000 }), fc.integer({ min: 1, max: 8 }), (s, r, personnes) => {
        const seul = quartileDuMenage(r, { personnes, enfantsMoins14: 0 }, s);
        const plus = quartileDuMenage(r, { personnes: personnes + 1, enfantsMoins14: 0 }, s);
        expect(plus.max).toBeLessThanOrEqual(seul.max);
      }),
    );
  });
});

import { fractionAttendue } from '@aiguillage/engine';
import { bornePrefixe } from './borne-prefixe';
import { avecErreurDePrevision } from './erreur-prevision';
import { simulate } from './simulator';
import { createStrategy, type StrategyName } from './strategies';
import { tinyScenario } from './testing/tiny-scenario';

describe('prefix bound of two years told apart late', () => {
  const s = tinyScenario(60);
  const court = avecErreurDePrevision(s, 0, 3);
  const long = avecErreurDePrevision(s, 0.1, 3);

  it('is half the gap of the real-year objectives × the expected fraction at the last shared date', () => {
    const borne = bornePrefixe(court, long);
    const premierAjout = long.liberations
      .filter((l) => l.id.includes('~'))
      .map((l) => l.date)
      .sort()[0];
    const partagees = court.liberations
      .map((l) => l.date)
      .filter((d) => d < premierAjout)
      .sort();
    const etat = borne.conventions.find((c) => c.reference === 'CONV-C-ETAT')!;
    expect(etat.date).toBe(partagees[partagees.length - 1]);
    expect(etat.objectifA).toBeCloseTo(0.3 * 60, 6);
    expect(etat.objectifB).toBeCloseTo(0.3 * 66, 6);
    expect(etat.borne).toBeCloseTo(((0.3 * 6) / 2) * fractionAttendue(s.exercices[0], etat.date), 6);
    expect(borne.prefixMax).toBe(etat.borne);
    expect(borne.conventions.map((c) => c.reference)).toEqual(['CONV-C-ETAT', 'CONV-C-ALS', 'CONV-C-COMA']);
    expect(borne.prefixMean).toBeCloseTo(((0.6 + 0.4 + 0.2) * (etat.borne / 0.6)) / 3, 6);
  });

  it.each<StrategyName>(['engine', 'greedy', 'sainte-lague'])(
    'no online strategy (%s) is under it in both years',
    async (name) => {
      const borne = bornePrefixe(court, long);
      const [a, b] = [
        simulate(court, await createStrategy(name, court)).metrics,
        simulate(long, await createStrategy(name, long)).metrics,
      ];
      expect(borne.prefixMax).toBeGreaterThan(0);
      expect(Math.max(a.prefixMax, b.prefixMax)).toBeGreaterThanOrEqual(borne.prefixMax - 1e-3);
      expect(Math.max(a.prefixMean, b.prefixMean)).toBeGreaterThanOrEqual(borne.prefixMean - 1e-3);
    },
  );

  it('is 0 for the same year and refuses years with different behaviour seeds', () => {
    expect(bornePrefixe(court, court).prefixMax).toBe(0);
    expect(() => bornePrefixe(court, avecErreurDePrevision(s, 0.1, 4))).toThrow(/graine/);
  });
});

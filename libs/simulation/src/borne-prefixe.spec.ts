import { fractionAttendue } from '@aiguillage/engine';
import { bornePrefixe, ecartAttenduEstimation, ecartEstimationAnnee } from './borne-prefixe';
import { avecErreurDePrevision } from './erreur-prevision';
import { RandomStream } from './prng';
import { simulate } from './simulator';
import { createStrategy, type StrategyName } from './strategies';
import { convention, tinyScenario } from './testing/tiny-scenario';

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
    expect(etat.ecartObjectifs).toBeCloseTo(((0.3 * 6) / 2) * fractionAttendue(s.exercices[0], etat.date), 6);
    // Each convention: the larger of that gap and half a flat (rounding).
    for (const c of borne.conventions) expect(c.borne).toBe(Math.max(c.ecartObjectifs, 0.5));
    expect(borne.prefixMax).toBe(Math.max(...borne.conventions.map((c) => c.borne)));
    expect(borne.prefixMean).toBeCloseTo(borne.conventions.reduce((t, c) => t + c.borne, 0) / 3, 9);
  });

  it.each<StrategyName>(['engine', 'greedy', 'sainte-lague'])(
    'no online strategy (%s) is under it in both years',
    async (name) => {
      // A larger year, so that the objectives' gap, not the rounding, makes the préfet's bound.
      const grand = tinyScenario(1000);
      const [a0, b0] = [avecErreurDePrevision(grand, 0, 3), avecErreurDePrevision(grand, 0.1, 3)];
      const borne = bornePrefixe(a0, b0);
      expect(borne.conventions[0]).toMatchObject({ reference: 'CONV-C-ETAT' });
      expect(borne.conventions[0].ecartObjectifs).toBeGreaterThan(0.5);
      const [ra, rb] = [simulate(a0, await createStrategy(name, a0)), simulate(b0, await createStrategy(name, b0))];
      const [a, b] = [ra.metrics, rb.metrics];
      // Rounding: an integer count is half a flat off where its expected path crosses ½.
      for (const c of [...ra.conventions, ...rb.conventions])
        if (c.objectif >= 0.5) expect(c.prefixMax).toBeGreaterThanOrEqual(0.5);
      expect(Math.max(a.prefixMax, b.prefixMax)).toBeGreaterThanOrEqual(borne.prefixMax - 1e-3);
      expect(Math.max(a.prefixMean, b.prefixMean)).toBeGreaterThanOrEqual(borne.prefixMean - 1e-3);
    },
  );

  it('is only the rounding for the same year, and refuses years with different behaviour seeds', () => {
    expect(bornePrefixe(court, court).conventions.every((c) => c.ecartObjectifs === 0 && c.borne === 0.5)).toBe(true);
    expect(() => bornePrefixe(court, avecErreurDePrevision(s, 0.1, 4))).toThrow(/graine/);
  });
});

describe("expected cost of estimating the year's size", () => {
  const s = tinyScenario(60);

  it('grows with the forecast error, scales with the objective, is half a flat for a count', () => {
    const e = ecartAttenduEstimation(s, 0.1);
    const de = (ref: string) => e.conventions.find((c) => c.reference === ref)!;
    expect(de('CONV-C-ETAT').borne / de('CONV-C-ALS').borne).toBeCloseTo(0.3 / 0.2, 6);
    expect(e.prefixMax).toBe(de('CONV-C-ETAT').borne);
    expect(ecartAttenduEstimation(s, 0.2).prefixMax).toBeGreaterThan(e.prefixMax);
    const compte = {
      ...s,
      conventions: [{ ...s.conventions[0], cible: { type: 'DROITS_UNIQUES' as const, nombre: 10, annees: 2 } }],
    };
    // A count is known: only the rounding is left (an integer path crossing ½).
    expect(ecartAttenduEstimation(compte, 0.1).prefixMax).toBe(0.5);
    const petite = { ...s, conventions: [convention('C-P', 'COMA', 0.001)] };
    expect(ecartAttenduEstimation(petite, 0.1).prefixMax).toBeLessThan(0.01);
  });

  it("is the mean error of the best estimate under the generator's model (Monte Carlo)", () => {
    // A year of n0 × (1 + σZ) flats give or take its Poisson error, n·F ± √(n·F(1 − F)) freed by F:
    // the posterior mean of the year's size given that count, against the year drawn.
    const [n0, sigma, f] = [1000, 0.1, 0.5];
    const rng = new RandomStream(11, 'monte-carlo');
    const normale = () => Math.sqrt(-2 * Math.log(1 - rng.next())) * Math.cos(2 * Math.PI * rng.next());
    const v0 = n0 ** 2 * (sigma ** 2 + 1 / n0);
    let erreur = 0;
    const tirages = 20000;
    for (let k = 0; k < tirages; k++) {
      const n = n0 * (1 + sigma * normale()) + Math.sqrt(n0) * normale();
      const libere = n * f + Math.sqrt(n * f * (1 - f)) * normale();
      const v1 = (n0 * (1 - f)) / f;
      const estime = (n0 / v0 + libere / f / v1) / (1 / v0 + 1 / v1);
      erreur += (Math.abs(estime - n) / n0) * f;
    }
    const ecartType = 1 / Math.sqrt(1 / (sigma ** 2 + 1 / n0) + (n0 * f) / (1 - f));
    // Within 3 % (the Monte Carlo mean itself is within ≈ 0,5 %).
    expect(Math.abs(erreur / tirages / (Math.sqrt(2 / Math.PI) * f * ecartType) - 1)).toBeLessThan(0.03);
  });
});

describe("cost of following the best estimate of this year's size", () => {
  const jour = (d: number) => new Date(Date.UTC(2026, 0, 1 + d)).toISOString().slice(0, 10);

  it('is only the rounding on a year freed as forecast, evenly along its calendar', () => {
    const e = ecartEstimationAnnee(tinyScenario(60), 0.1);
    expect(e.conventions.map((c) => c.borne)).toEqual([0.5, 0.5, 0.5]);
    expect(e.prefixMean).toBe(0.5);
  });

  it('is the overshoot of an early rush the year then pays back, for every share alike', () => {
    // The forecast 100 flats, all freed, half of them in the first quarter: the pace reads a year
    // of 200 flats at the end of March, and the estimate leans toward it (σ = 10 %).
    const s = tinyScenario(100);
    const rush = {
      ...s,
      liberations: s.liberations.map((l, i) => ({
        ...l,
        date: i < 50 ? jour(Math.floor((i * 90) / 50)) : jour(90 + Math.floor(((i - 50) * 275) / 50)),
      })),
    };
    const e = ecartEstimationAnnee(rush, 0.1);
    const f = fractionAttendue(s.exercices[0], rush.liberations[49].date);
    const [precisionPrevision, precisionRythme] = [1 / (0.1 ** 2 + 1 / 100), (100 * f) / (1 - f)];
    const ratio = (precisionPrevision + precisionRythme * (50 / (100 * f))) / (precisionPrevision + precisionRythme);
    const finDuRush = 0.3 * (ratio - 1) * 100 * f;
    expect(finDuRush).toBeGreaterThan(2.5);
    const de = (ref: string) => e.conventions.find((c) => c.reference === ref)!;
    // The largest gap is at the end of the rush or later (the estimate comes down slower than the pace).
    expect(de('CONV-C-ETAT').borne).toBeGreaterThanOrEqual(finDuRush - 1e-9);
    expect(de('CONV-C-ETAT').fraction).toBeGreaterThanOrEqual(Math.round(f * 1000) / 1000);
    expect(de('CONV-C-ETAT').borne / de('CONV-C-ALS').borne).toBeCloseTo(0.3 / 0.2, 6);
    // A wider forecast error trusts the rush more.
    expect(ecartEstimationAnnee(rush, 0.3).prefixMax).toBeGreaterThan(e.prefixMax);
    const compte = {
      ...rush,
      conventions: [{ ...s.conventions[0], cible: { type: 'DROITS_UNIQUES' as const, nombre: 10, annees: 2 } }],
    };
    expect(ecartEstimationAnnee(compte, 0.1).prefixMax).toBe(0.5);
  });
});

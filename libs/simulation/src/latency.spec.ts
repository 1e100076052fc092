import { median, medianeDesTours, type Latency } from './latency';

const mesure = (p50Ms: number, p99Ms: number, kbPerCall = 100): Latency => ({
  p50Ms,
  p99Ms,
  meanMs: p50Ms,
  calls: 100,
  options: 10,
  usPerOption: (p50Ms * 1000) / 10,
  kbPerCall,
});

describe('latency rounds', () => {
  it('median: the middle value, or the mean of the two middle ones', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(() => median([])).toThrow('aucune valeur');
  });

  it('each figure is the median over the rounds, per size; one busy round does not set it', () => {
    const { parTaille } = medianeDesTours([
      [mesure(0.04, 0.2), mesure(2.5, 6, 1500)],
      [mesure(0.05, 0.9), mesure(5.5, 14, 1600)], // a busy moment
      [mesure(0.04, 0.3), mesure(2.4, 7, 1590)],
    ]);
    expect(parTaille.map((l) => [l.p50Ms, l.p99Ms, l.kbPerCall])).toEqual([
      [0.04, 0.3, 100],
      [2.5, 7, 1590],
    ]);
    expect(parTaille[1].usPerOption).toBe(250);
  });

  it('the growth is the median of each round’s ratio, not the ratio of the medians', () => {
    // Ratios 50, 100, 60: median 60; the ratio of the medians would be 3 / 0.04 = 75.
    const { growth } = medianeDesTours([
      [mesure(0.04, 0), mesure(2, 0)],
      [mesure(0.03, 0), mesure(3, 0)],
      [mesure(0.05, 0), mesure(3, 0)],
    ]);
    expect(growth).toBeCloseTo(60, 6);
  });

  it('rounds that did not measure the same sizes are refused', () => {
    expect(() => medianeDesTours([])).toThrow('tours');
    expect(() => medianeDesTours([[mesure(1, 1)], [mesure(1, 1), mesure(2, 2)]])).toThrow('mêmes tailles');
  });
});

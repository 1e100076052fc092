import { Rng } from './random';

describe('Rng (sfc32)', () => {
  it('gives the same sequence for the same seed and another one for another seed', () => {
    const a = new Rng(42);
    const b = new Rng(42);
    const c = new Rng(43);
    const sa = Array.from({ length: 50 }, () => a.nextUint32());
    expect(Array.from({ length: 50 }, () => b.nextUint32())).toEqual(sa);
    expect(Array.from({ length: 50 }, () => c.nextUint32())).not.toEqual(sa);
  });

  it('derives independent named streams without advancing the parent', () => {
    const root = new Rng(7);
    const x1 = root.fork('x').next();
    const x2 = new Rng(7).fork('x').next();
    expect(x1).toBe(x2);
    expect(root.fork('y').next()).not.toBe(x1);
    expect(root.next()).toBe(new Rng(7).next());
  });

  it('draws uniform floats in [0, 1) with mean ≈ 0.5 and integers within bounds', () => {
    const r = new Rng(1);
    let sum = 0;
    const seen = new Set<number>();
    for (let i = 0; i < 20_000; i++) {
      const u = r.next();
      expect(u).toBeGreaterThanOrEqual(0);
      expect(u).toBeLessThan(1);
      sum += u;
      const k = r.int(3, 7);
      expect(k).toBeGreaterThanOrEqual(3);
      expect(k).toBeLessThanOrEqual(7);
      seen.add(k);
    }
    expect(sum / 20_000).toBeCloseTo(0.5, 1);
    expect([...seen].sort()).toEqual([3, 4, 5, 6, 7]);
  });

  it('picks by weight in proportion and never a zero-weight item', () => {
    const r = new Rng(2);
    const counts = [0, 0, 0];
    for (let i = 0; i < 30_000; i++) counts[r.weightedIndex([1, 0, 3])]++;
    expect(counts[1]).toBe(0);
    expect(counts[2] / counts[0]).toBeGreaterThan(2.8);
    expect(counts[2] / counts[0]).toBeLessThan(3.2);
  });

  it('draws normal and Poisson variables with the right moments', () => {
    const r = new Rng(3);
    const n = 20_000;
    const xs = Array.from({ length: n }, () => r.normal(10, 2));
    const mean = xs.reduce((a, b) => a + b, 0) / n;
    const sd = Math.sqrt(xs.reduce((a, b) => a + (b - mean) ** 2, 0) / n);
    expect(mean).toBeCloseTo(10, 1);
    expect(sd).toBeGreaterThan(1.95);
    expect(sd).toBeLessThan(2.05);
    for (const lambda of [0.3, 4, 120]) {
      const ps = Array.from({ length: n }, () => r.poisson(lambda));
      expect(ps.every((p) => Number.isInteger(p) && p >= 0)).toBe(true);
      expect(ps.reduce((a, b) => a + b, 0) / n).toBeCloseTo(lambda, lambda > 50 ? 0 : 1);
    }
  });

  it('shuffles into a permutation and makes version-4 UUIDs', () => {
    const r = new Rng(4);
    const items = Array.from({ length: 100 }, (_, i) => i);
    const shuffled = r.shuffle(items);
    expect(shuffled).not.toEqual(items);
    expect([...shuffled].sort((a, b) => a - b)).toEqual(items);
    const ids = Array.from({ length: 1000 }, () => r.uuid());
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('rejects bad arguments with a French message naming the problem', () => {
    const r = new Rng(5);
    expect(() => new Rng(Number.NaN)).toThrow(/seed/);
    expect(() => r.int(5, 2)).toThrow(/bornes invalides/);
    expect(() => r.pick([])).toThrow(/liste vide/);
    expect(() => r.weightedIndex([0, 0])).toThrow(/somme des poids nulle/);
    expect(() => r.weightedIndex([1, -1])).toThrow(/poids invalide/);
    expect(() => r.poisson(-1)).toThrow(/moyenne invalide/);
  });
});

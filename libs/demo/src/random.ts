/**
 * A small seeded pseudo-random generator (sfc32, seeded through splitmix32) and the draws the demo
 * generator and the simulator need. Deterministic: the same seed gives the same sequence on every
 * platform (32-bit integer arithmetic only, no Math.random).
 */

/** splitmix32: spreads a 32-bit seed into well-mixed words (used to seed sfc32 and to derive streams). */
function splitmix32(state: number): () => number {
  let s = state >>> 0;
  return () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
}

/** FNV-1a hash of a label, used to derive independent named streams from one seed. */
function hashLabel(label: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < label.length; i++) {
    h ^= label.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;
  private spareNormal: number | null = null;

  constructor(readonly seed: number) {
    if (!Number.isFinite(seed)) throw new Error(`seed : « ${seed} » n'est pas un nombre fini`);
    const mix = splitmix32(Math.floor(seed) >>> 0);
    this.a = mix();
    this.b = mix();
    this.c = mix();
    this.d = mix();
    for (let i = 0; i < 12; i++) this.nextUint32();
  }

  /** An independent stream derived from this generator's seed and a label (does not advance this one). */
  fork(label: string): Rng {
    return new Rng((Math.imul(this.seed >>> 0, 0x9e3779b1) ^ hashLabel(label)) >>> 0);
  }

  /** sfc32 step: a uniform 32-bit unsigned integer. */
  nextUint32(): number {
    const t = (((this.a + this.b) >>> 0) + this.d) >>> 0;
    this.d = (this.d + 1) >>> 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) >>> 0;
    this.c = ((this.c << 21) | (this.c >>> 11)) >>> 0;
    this.c = (this.c + t) >>> 0;
    return t;
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.nextUint32() / 4294967296;
  }

  /** Uniform in [min, max). */
  float(min: number, max: number): number {
    return min + (max - min) * this.next();
  }

  /** Uniform integer in [min, max] (both included). */
  int(min: number, max: number): number {
    if (!Number.isInteger(min) || !Number.isInteger(max) || max < min) {
      throw new Error(`int : bornes invalides [${min}, ${max}]`);
    }
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /** True with probability p. */
  bernoulli(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('pick : liste vide');
    return items[Math.floor(this.next() * items.length)];
  }

  /** Index drawn with probability proportional to its (non-negative) weight. */
  weightedIndex(weights: readonly number[]): number {
    let total = 0;
    for (const w of weights) {
      if (!(w >= 0)) throw new Error(`weightedIndex : poids invalide ${w}`);
      total += w;
    }
    if (total <= 0) throw new Error('weightedIndex : somme des poids nulle');
    let r = this.next() * total;
    for (let i = 0; i < weights.length; i++) {
      r -= weights[i];
      if (r < 0) return i;
    }
    let last = weights.length - 1;
    while (weights[last] === 0) last--;
    return last;
  }

  weighted<T>(items: readonly T[], weights: readonly number[]): T {
    if (items.length !== weights.length) throw new Error('weighted : autant de poids que d’éléments attendus');
    return items[this.weightedIndex(weights)];
  }

  /** Standard normal draw (Box–Muller, the second value is kept for the next call), scaled. */
  normal(mean = 0, sd = 1): number {
    if (this.spareNormal !== null) {
      const z = this.spareNormal;
      this.spareNormal = null;
      return mean + sd * z;
    }
    let u = 0;
    while (u === 0) u = this.next();
    const v = this.next();
    const r = Math.sqrt(-2 * Math.log(u));
    this.spareNormal = r * Math.sin(2 * Math.PI * v);
    return mean + sd * r * Math.cos(2 * Math.PI * v);
  }

  /** Poisson draw (Knuth for small means, rounded normal approximation above 50). */
  poisson(mean: number): number {
    if (!(mean >= 0)) throw new Error(`poisson : moyenne invalide ${mean}`);
    if (mean > 50) return Math.max(0, Math.round(this.normal(mean, Math.sqrt(mean))));
    const limit = Math.exp(-mean);
    let k = 0;
    let p = this.next();
    while (p > limit) {
      k++;
      p *= this.next();
    }
    return k;
  }

  /** Fisher–Yates shuffle of a copy. */
  shuffle<T>(items: readonly T[]): T[] {
    const out = items.slice();
    for (let i = out.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [out[i], out[j]] = [out[j], out[i]];
    }
    return out;
  }

  /** A random (version 4 layout) UUID drawn from this stream: deterministic for a given seed. */
  uuid(): string {
    const w1 = this.nextUint32();
    const w2 = ((this.nextUint32() & 0xffff0fff) | 0x00004000) >>> 0;
    const w3 = ((this.nextUint32() & 0x3fffffff) | 0x80000000) >>> 0;
    const w4 = this.nextUint32();
    return (
      hex32(w1) +
      '-' +
      hex16(w2 >>> 16) +
      '-' +
      hex16(w2 & 0xffff) +
      '-' +
      hex16(w3 >>> 16) +
      '-' +
      hex16(w3 & 0xffff) +
      hex32(w4)
    );
  }
}

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));
const hex16 = (n: number) => HEX[(n >>> 8) & 0xff] + HEX[n & 0xff];
const hex32 = (n: number) => hex16(n >>> 16) + hex16(n & 0xffff);

export function createRng(seed: number): Rng {
  return new Rng(seed);
}

/** Weighted sampling without replacement (Efraimidis–Spirakis exponential keys): `k` items, in draw order. */
export function echantillonPondere<T>(rng: Rng, items: readonly T[], poids: (item: T) => number, k: number): T[] {
  if (k <= 0 || items.length === 0) return [];
  const keys = new Float64Array(items.length);
  const order: number[] = [];
  for (let i = 0; i < items.length; i++) {
    const w = poids(items[i]);
    const u = rng.next();
    if (w > 0) {
      keys[i] = -Math.log(1 - u) / w;
      order.push(i);
    }
  }
  order.sort((a, b) => keys[a] - keys[b] || a - b);
  return order.slice(0, k).map((i) => items[i]);
}

/**
 * The latency section of `npm run bench`: one `recommend` call against 100, 1 000 and 10 000
 * conventions, each size in a fresh child process (scripts/bench-latency.ts), the sizes in turn
 * for several rounds; the medians over the rounds.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import type { Latency } from '@aiguillage/simulation/latency';

export const SIZES = [100, 1000, 10000] as const;
/** Untimed calls before measuring (JIT, caches of the state). */
export const WARMUP = 1000;
/** Measured calls per size: enough for a p99 (≥ 20 samples above it at 1 000), within the time budget. */
const CALLS: Record<(typeof SIZES)[number], number> = { 100: 3000, 1000: 2000, 10000: 300 };

/**
 * One size's latency, measured in a fresh process (one core, a heap holding only the synthetic
 * state): the allocation simulation's heap and JIT state would otherwise weigh on the figure.
 */
function measureLatency(size: (typeof SIZES)[number], seed: number | undefined, scale: number | undefined): Latency {
  const args = [
    '--expose-gc',
    join(__dirname, 'run.js'),
    join(__dirname, 'bench-latency.ts'),
    '--size',
    String(size),
    '--warmup',
    String(WARMUP),
    '--calls',
    String(CALLS[size]),
  ];
  if (seed !== undefined) args.push('--seed', String(seed));
  if (scale !== undefined) args.push('--scale', String(scale));
  const stdout = execFileSync(process.execPath, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  return JSON.parse(stdout.trim().split('\n').pop()!) as Latency;
}

const median = (xs: number[]) => {
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

/**
 * `tours` rounds of every size in turn, each in a fresh process; per size the median of each
 * figure over the rounds, and the growth 100 → 10 000 as the median of each round's ratio (the two
 * sizes of one round measured moments apart).
 */
export function latencyRounds(tours: number, seed: number | undefined, scale: number | undefined) {
  const rounds = Array.from({ length: tours }, () => SIZES.map((size) => measureLatency(size, seed, scale)));
  const latency = {} as Record<string, Latency>;
  SIZES.forEach((size, i) => {
    const runs = rounds.map((round) => round[i]);
    const m = (key: keyof Latency) => Math.round(median(runs.map((l) => l[key])) * 1000) / 1000;
    latency[`conventions${size}`] = {
      p50Ms: m('p50Ms'),
      p99Ms: m('p99Ms'),
      meanMs: m('meanMs'),
      calls: runs[0].calls,
      options: runs[0].options,
      usPerOption: m('usPerOption'),
      kbPerCall: Math.round(m('kbPerCall')),
    };
  });
  const growth = median(rounds.map((round) => round[SIZES.length - 1].p50Ms / Math.max(1e-6, round[0].p50Ms)));
  return { latency, growth };
}

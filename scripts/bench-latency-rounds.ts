/**
 * The latency section of `npm run bench`: one `recommend` call against 100, 1 000 and 10 000
 * conventions, each size in a fresh child process (scripts/bench-latency.ts), the sizes in turn
 * for several rounds; the medians over the rounds.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { medianeDesTours, type Latency } from '@aiguillage/simulation/latency';

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

/**
 * `tours` rounds of every size in turn, each in a fresh process; per size the median of each
 * figure over the rounds, and the growth 100 → 10 000 (`medianeDesTours`).
 */
export function latencyRounds(tours: number, seed: number | undefined, scale: number | undefined) {
  const rounds = Array.from({ length: tours }, () => SIZES.map((size) => measureLatency(size, seed, scale)));
  const { parTaille, growth } = medianeDesTours(rounds);
  const latency = Object.fromEntries(SIZES.map((size, i) => [`conventions${size}`, parTaille[i]]));
  return { latency, growth };
}

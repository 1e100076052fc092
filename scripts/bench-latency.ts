/**
 * node scripts/run.js scripts/bench-latency.ts --size N [--seed S] [--scale X] [--warmup W] [--calls C]
 *
 * Latency of one `recommend` call against N conventions, alone in its process: the synthetic state
 * of the demo département (see libs/simulation/src/latency.ts), W untimed warm-up calls,
 * then C timed calls. `npm run bench` runs it once per size in a fresh child process, so that the
 * heap of its allocation simulation does not weigh on the figure. Prints one JSON line (Latency).
 */
import { parseArgs } from 'node:util';
import { generateDepartement, offrePrevue } from '@aiguillage/demo';
import { largestBailleur, measureLatency, syntheticState } from '@aiguillage/simulation/latency';

function fail(message: string): never {
  console.error(
    `Erreur : ${message}\nUsage : node scripts/run.js scripts/bench-latency.ts --size N [--seed S] [--scale X] [--warmup W] [--calls C]`,
  );
  process.exit(2);
}

function main(): void {
  let values: Record<string, string | undefined>;
  try {
    ({ values } = parseArgs({
      args: process.argv.slice(2),
      options: {
        size: { type: 'string' },
        seed: { type: 'string' },
        scale: { type: 'string' },
        warmup: { type: 'string' },
        calls: { type: 'string' },
      },
      strict: true,
    }));
  } catch (e) {
    fail((e as Error).message.replace(/^Unknown option '([^']+)'.*$/s, 'option inconnue $1'));
  }
  const num = (name: string, fallback?: number, integer = true): number | undefined => {
    const v = values[name];
    if (v === undefined) return fallback;
    const n = Number(v);
    if (v.trim() === '' || !Number.isFinite(n) || (integer && (!Number.isInteger(n) || n < 0)))
      fail(`--${name} : « ${v} » n'est pas un ${integer ? 'entier positif' : 'nombre'}`);
    return n;
  };
  const size = num('size');
  if (!size) fail('--size : nombre de conventions obligatoire (entier ≥ 1)');
  let demo;
  try {
    demo = generateDepartement({ seed: num('seed'), scale: num('scale', undefined, false) });
  } catch (e) {
    fail((e as Error).message);
  }
  const { state, flats } = syntheticState(demo, size, offrePrevue(demo, largestBailleur(demo)));
  // eslint-disable-next-line no-useless-assignment -- drops the generated département so the GC can reclaim it before the measured calls
  demo = undefined;
  const latency = measureLatency(state, flats, { warmup: num('warmup', 1000)!, calls: num('calls', 2000)! });
  console.log(JSON.stringify({ size, ...latency }));
}

main();

/**
 * Prints the summary of a generated demo département.
 *   node scripts/run.js libs/demo/bin/summary.ts [--seed N] [--scale X] [--annee YYYY] [--json]
 */
import { generateDepartement, summarize, formatSummary, type GenerateOptions } from '@aiguillage/demo';

function parseArgs(argv: string[]): GenerateOptions & { json: boolean } {
  const out: GenerateOptions & { json: boolean } = { json: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--json') {
      out.json = true;
      continue;
    }
    const name = ({ '--seed': 'seed', '--scale': 'scale', '--annee': 'annee' } as const)[arg as '--seed'];
    if (!name) throw new Error(`argument inconnu « ${arg} » (attendus : --seed N, --scale X, --annee AAAA, --json)`);
    const value = argv[++i];
    if (value === undefined || value.trim() === '' || Number.isNaN(Number(value))) {
      throw new Error(`${arg} : « ${value ?? ''} » n'est pas un nombre`);
    }
    out[name] = Number(value);
  }
  return out;
}

try {
  const { json, ...options } = parseArgs(process.argv.slice(2));
  const start = process.hrtime.bigint();
  const demo = generateDepartement(options);
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  const summary = summarize(demo);
  if (json) console.log(JSON.stringify({ ...summary, generationMs: Math.round(ms) }));
  else console.log(`${formatSummary(summary)}\nGénéré en ${Math.round(ms)} ms`);
} catch (error) {
  console.error((error as Error).message);
  process.exit(2);
}

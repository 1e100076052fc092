/**
 * npm run simulate -- --scenario FILE --strategy engine|rotation|greedy|stock|sainte-lague|largest-deficit|dual-mirror-descent|optimum [--json]
 * npm run simulate -- --demo [--seed N] [--scale X] [--prudence P] --strategy ... [--json]
 * npm run simulate -- --export-demo FILE [--seed N] [--scale X] [--prudence P] [--bailleur ID]...
 * npm run simulate -- --write-schema FILE
 *
 * Simulates one year of a scenario under one strategy and prints the metrics and, per convention,
 * its objective and what it got. Bad arguments or an invalid scenario: a French message, exit 2.
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import {
  createStrategy,
  isStrategyName,
  loadScenario,
  SCENARIO_SCHEMA,
  ScenarioError,
  scenarioFromDepartement,
  simulate,
  STRATEGY_NAMES,
  type Scenario,
  type SimulationResult,
} from '@aiguillage/simulation';

const USAGE = `Usage :
  npm run simulate -- --scenario FICHIER --strategy ${STRATEGY_NAMES.join('|')} [--json]
  npm run simulate -- --demo [--seed N] [--scale X] [--prudence P] --strategy ... [--json]
  npm run simulate -- --export-demo FICHIER [--seed N] [--scale X] [--prudence P] [--bailleur ID]...
  npm run simulate -- --write-schema FICHIER`;

class UsageError extends Error {}

function numberOption(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n)) throw new UsageError(`--${name} : « ${value} » n'est pas un nombre`);
  return n;
}

/** The demo département as a scenario (the generator is loaded only when asked for). */
async function demoScenario(options: {
  seed?: number;
  scale?: number;
  prudence?: number;
  bailleurIds?: string[];
}): Promise<Scenario> {
  const { generateDepartement, offrePrevue } = await import('@aiguillage/demo');
  let demo: ReturnType<typeof generateDepartement>;
  try {
    demo = generateDepartement({ seed: options.seed, scale: options.scale, prudence: options.prudence });
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  try {
    return scenarioFromDepartement(demo, {
      bailleurIds: options.bailleurIds,
      offrePrevue: (id) => offrePrevue(demo, id),
    });
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
}

const fmt = (x: number | null, digits = 2) => (x === null ? '–' : Number.isInteger(x) ? String(x) : x.toFixed(digits));

function printReadable(result: SimulationResult): void {
  const m = result.metrics;
  console.log(`Scénario « ${result.scenario} », stratégie ${result.strategy}, graine ${result.seed}`);
  for (const [k, v] of Object.entries(m)) console.log(`  ${k.padEnd(22)} ${fmt(v as number | null, 4)}`);
  console.log(
    `  décision (ms)          moyenne ${result.decisionMs.mean.toFixed(3)}, max ${result.decisionMs.max.toFixed(3)}`,
  );
  console.log('\nConventions (par écart absolu décroissant) :');
  console.log(
    `  ${'référence'.padEnd(36)} ${'délég.'.padEnd(9)} ${'objectif'.padStart(8)} ${'obtenu'.padStart(7)} ${'écart'.padStart(7)} ${'réalisé'.padStart(8)} ${'retours'.padStart(7)}`,
  );
  for (const c of [...result.conventions].sort((a, b) => Math.abs(b.ecart) - Math.abs(a.ecart))) {
    console.log(
      `  ${c.reference.slice(0, 36).padEnd(36)} ${c.delegation.padEnd(9)} ${fmt(c.objectif).padStart(8)} ${String(c.propositions).padStart(7)} ${fmt(c.ecart).padStart(7)} ${fmt(c.realise).padStart(8)} ${String(c.retours).padStart(7)}`,
    );
  }
  if (result.violations.length > 0) {
    console.log(`\nRègles dures enfreintes (${result.violations.length}) :`);
    for (const v of result.violations.slice(0, 20)) console.log(`  [${v.code}] ${v.libelle}`);
  }
}

async function main(argv: string[]): Promise<void> {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        scenario: { type: 'string' },
        strategy: { type: 'string' },
        json: { type: 'boolean', default: false },
        demo: { type: 'boolean', default: false },
        'export-demo': { type: 'string' },
        'write-schema': { type: 'string' },
        seed: { type: 'string' },
        scale: { type: 'string' },
        prudence: { type: 'string' },
        bailleur: { type: 'string', multiple: true },
        help: { type: 'boolean', default: false },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (e) {
    const message = (e as Error).message
      .replace(/^Unknown option '([^']+)'.*$/s, 'option inconnue $1')
      .replace(/^Option '([^']+)' argument missing.*$/s, "l'option $1 attend une valeur");
    throw new UsageError(message);
  }
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const seed = numberOption('seed', values.seed);
  const scale = numberOption('scale', values.scale);
  const prudence = numberOption('prudence', values.prudence);

  if (values['write-schema']) {
    writeFileSync(values['write-schema'], `${JSON.stringify(SCENARIO_SCHEMA, null, 2)}\n`);
    console.error(`Schéma écrit dans ${values['write-schema']}`);
    return;
  }
  if (values['export-demo']) {
    const scenario = await demoScenario({ seed, scale, prudence, bailleurIds: values.bailleur });
    writeFileSync(values['export-demo'], JSON.stringify(scenario));
    console.error(
      `Scénario écrit dans ${values['export-demo']} : ${scenario.bailleurs.length} bailleur(s), ${scenario.logements.length} logements, ${scenario.conventions.length} conventions, ${scenario.liberations.length} libérations`,
    );
    return;
  }
  if (!values.strategy) throw new UsageError(`--strategy est obligatoire (${STRATEGY_NAMES.join(', ')})`);
  if (!isStrategyName(values.strategy))
    throw new UsageError(`--strategy : « ${values.strategy} » inconnue, attendu l'une de ${STRATEGY_NAMES.join(', ')}`);
  if (!values.scenario === !values.demo) throw new UsageError('indiquer soit --scenario FICHIER, soit --demo');
  if (values.bailleur && !values.demo) throw new UsageError("--bailleur ne s'emploie qu'avec --demo ou --export-demo");
  if (values.prudence && !values.demo) throw new UsageError("--prudence ne s'emploie qu'avec --demo ou --export-demo");
  const scenario = values.scenario
    ? loadScenario(values.scenario)
    : await demoScenario({ seed, scale, prudence, bailleurIds: values.bailleur });
  if (values.scenario && seed !== undefined) scenario.seed = seed;

  const result = simulate(scenario, await createStrategy(values.strategy, scenario));
  if (values.json) {
    const { violations, ...rest } = result;
    console.log(JSON.stringify({ ...rest, violations: violations.slice(0, 100), violationsTotal: violations.length }));
  } else {
    printReadable(result);
  }
}

main(process.argv.slice(2)).catch((e: unknown) => {
  if (e instanceof UsageError || e instanceof ScenarioError) {
    console.error(e instanceof UsageError ? `Erreur : ${e.message}\n\n${USAGE}` : e.message);
    process.exit(2);
  }
  console.error(e);
  process.exit(1);
});

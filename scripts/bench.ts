/**
 * npm run bench [-- --json] [--seed N] [--scale X] [--prudence P] [--sans-familles] [--graines N] [--tours N]
 *
 * 1. Allocation: every strategy (the engine, the six online baselines, the optimum) simulates the demo
 *    département's year; metrics side by side, the engine's worst conventions, broken rules.
 * 2. Latency: one `recommend` call against 100, 1 000 and 10 000 conventions (synthetic states
 *    built from the generator: the largest bailleur's conventions cloned, oriented up to 30 June),
 *    each size measured in a fresh child process (scripts/bench-latency.ts) after a warm-up, the
 *    sizes in turn for --tours rounds (3 by default): the medians over the rounds (a shared machine
 *    makes one run of the largest size land on a busy moment).
 * 3. The targets the engine must meet, checked.
 * 4. The forecast-error families (real flux −10 %, −5 %, +0 %, +10 % from the forecast, --graines
 *    seeds each, 3 by default), every strategy, mean and worst run (by l1); --sans-familles skips
 *    them (the demo alone, a minute shorter).
 * The last line of stdout is one JSON object {"allocation": {"strategies", "familles", ...}, "latency": {...}}.
 * With --json the table goes to stderr, so stdout holds only that line.
 */
import { parseArgs } from 'node:util';
import { generateDepartement, offrePrevue, type DemoDepartement } from '@aiguillage/demo';
import {
  avecErreurDePrevision,
  bornePrefixe,
  type BornePrefixe,
  type EcartEstimation,
  ecartAttenduEstimation,
  ecartEstimationAnnee,
  CIBLES_LEGALES,
  createStrategy,
  ECARTS_PREVISION,
  type Scenario,
  OptimumStrategy,
  scenarioFromDepartement,
  simulate,
  STRATEGY_NAMES,
  type Metrics,
  type OptimumPlan,
  type SimulationResult,
  type StrategyName,
} from '@aiguillage/simulation';
import { latencyRounds, SIZES, WARMUP } from './bench-latency-rounds';
import { afficherCibles, cell, ciblesFamille, devantEnLigne, type Cible } from './bench-cibles';

function fail(message: string): never {
  console.error(
    `Erreur : ${message}\nUsage : npm run bench -- [--json] [--seed N] [--scale X] [--prudence P] [--sans-familles] [--graines N] [--tours N]`,
  );
  process.exit(2);
}

function options() {
  try {
    const { values } = parseArgs({
      args: process.argv.slice(2),
      options: {
        json: { type: 'boolean', default: false },
        seed: { type: 'string' },
        scale: { type: 'string' },
        prudence: { type: 'string' },
        // The families are run by default; --familles, which asked for them before, is still accepted.
        familles: { type: 'boolean', default: true },
        'sans-familles': { type: 'boolean', default: false },
        graines: { type: 'string' },
        tours: { type: 'string' },
      },
      strict: true,
    });
    const num = (name: string, v?: string) => {
      if (v === undefined) return undefined;
      const n = Number(v);
      if (v.trim() === '' || !Number.isFinite(n)) fail(`--${name} : « ${v} » n'est pas un nombre`);
      return n;
    };
    const graines = num('graines', values.graines) ?? 3;
    if (!Number.isInteger(graines) || graines < 1) fail(`--graines : « ${values.graines} » doit être un entier ≥ 1`);
    const tours = num('tours', values.tours) ?? 3;
    if (!Number.isInteger(tours) || tours < 1) fail(`--tours : « ${values.tours} » doit être un entier ≥ 1`);
    return {
      json: !!values.json,
      seed: num('seed', values.seed),
      scale: num('scale', values.scale),
      prudence: num('prudence', values.prudence),
      familles: !values['sans-familles'],
      graines,
      tours,
    };
  } catch (e) {
    return fail((e as Error).message.replace(/^Unknown option '([^']+)'.*$/s, 'option inconnue $1'));
  }
}

/** The spread (standard deviation) of the families' forecast errors. */
function ecartTypeFamilles(): number {
  const e: number[] = [...ECARTS_PREVISION];
  const m = e.reduce((t, x) => t + x, 0) / e.length;
  return Math.sqrt(e.reduce((t, x) => t + (x - m) ** 2, 0) / e.length);
}

async function main(): Promise<void> {
  const opts = options();
  const out = opts.json ? console.error : console.log;
  const started = Date.now();
  let demo: DemoDepartement;
  try {
    demo = generateDepartement({ seed: opts.seed, scale: opts.scale, prudence: opts.prudence });
  } catch (e) {
    fail((e as Error).message);
  }
  const scenario = scenarioFromDepartement(demo, { offrePrevue: (id) => offrePrevue(demo, id) });
  const inFlux = scenario.liberations.filter((l) => l.kind !== 'NEUF').length;
  out(
    `Département de démonstration ${demo.departement.nom} (${demo.departement.code}), ${demo.annee}, graine ${scenario.seed} : ${scenario.bailleurs.length} bailleurs, ${scenario.logements.length} logements, ${scenario.conventions.length} conventions, ${inFlux} libérations orientées (${scenario.liberations.length - inFlux} premières mises en location hors flux)\n`,
  );

  const results = {} as Record<StrategyName, SimulationResult>;
  const seconds = {} as Record<StrategyName, number>;
  let plan: OptimumPlan | undefined;
  for (const name of STRATEGY_NAMES) {
    const t = Date.now();
    const strategy = await createStrategy(name, scenario);
    if (strategy instanceof OptimumStrategy) plan = strategy.plan;
    results[name] = simulate(scenario, strategy);
    seconds[name] = (Date.now() - t) / 1000;
  }

  const columns: Array<[keyof Metrics, string]> = [
    ['l1', 'l1'],
    ['l1Prevision', 'l1 prévu'],
    ['prefixMax', 'préfixeMax'],
    ['prefixMean', 'préfixeMoy'],
    ['prefixFluxMax', 'préf.fluxMax'],
    ['prefixFluxMean', 'préf.fluxMoy'],
    ['prefixDuJourMax', 'préf.jourMax'],
    ['prefixDuJourMean', 'préf.jourMoy'],
    ['maxAbsDeviation', 'écartMax'],
    ['withinOne', 'à±1'],
    ['hardViolations', 'règlesKO'],
    ['prefetHorsQpvMet', 'préfetHQ'],
    ['prefetCommuneSpread', 'disp.com'],
    ['q1HorsQpvShare', 'Q1 HQ'],
    ['q234QpvShare', 'Q2-4 QPV'],
    ['prioritairesMinShare', 'prioMin'],
    ['prioritairesMinAttributions', 'prioMin n'],
    ['prioritairesManquants', 'prio manq.'],
    ['vacancyDaysMean', 'vacance'],
    ['refusalRate', 'refus'],
    ['maxMidYearLag', 'retard30/6'],
    ['l1Realise', 'l1 réalisé'],
    ['expiryRate', 'expir.'],
  ];
  out(`${'stratégie'.padEnd(20)}${columns.map(([, h]) => h.padStart(13)).join('')}${'durée s'.padStart(9)}`);
  for (const name of STRATEGY_NAMES) {
    const m = results[name].metrics;
    out(
      `${name.padEnd(20)}${columns.map(([k]) => cell(m[k], k === 'vacancyDaysMean' ? 1 : 3).padStart(13)).join('')}${seconds[name].toFixed(1).padStart(9)}`,
    );
  }

  out(`\nMoteur : conventions du flux les plus éloignées de leur objectif (obtenu = propositions au 31/12) :`);
  const worst = results.engine.conventions
    .filter((c) => c.kind !== 'DEFENSE')
    .sort((a, b) => Math.abs(b.ecart) - Math.abs(a.ecart))
    .slice(0, 10);
  for (const c of worst) {
    const opt = results.optimum.conventions.find((o) => o.conventionId === c.conventionId)!;
    out(
      `  ${c.reference.padEnd(34)} ${c.delegation.padEnd(9)} objectif ${cell(c.objectif).padStart(7)}  moteur ${String(c.propositions).padStart(5)} (${c.ecart >= 0 ? '+' : ''}${cell(c.ecart)})  optimum ${String(opt.propositions).padStart(5)}  retours ${c.retours}`,
    );
  }
  out(
    `\nObjectifs légaux (CCH L.441-1) : part de ménages prioritaires par réservataire (cible ${cell(100 * CIBLES_LEGALES.prioritaires, 0)} %), Q1 hors QPV (cible ${cell(100 * CIBLES_LEGALES.q1HorsQpv, 0)} %), Q2-4 en QPV (cible ${cell(100 * CIBLES_LEGALES.q234Qpv, 0)} %) :`,
  );
  for (const name of STRATEGY_NAMES) {
    const o = results[name].objectifsLegaux;
    const atteints = o.prioritaires.filter((r) => r.atteint).length;
    out(
      `  ${name.padEnd(20)} Q1 HQ ${cell(o.q1HorsQpv.part, 3)}  Q2-4 QPV ${cell(o.q234Qpv.part, 3)}  prioritaires ≥ 25 % : ${atteints}/${o.prioritaires.length} réservataires (${o.prioritaires.map((r) => `${r.reservataire} ${cell(r.part, 2)}`).join(', ')})`,
    );
  }
  out(`\nRègles dures enfreintes :`);
  for (const name of STRATEGY_NAMES) {
    const byCode = new Map<string, number>();
    for (const v of results[name].violations) byCode.set(v.code, (byCode.get(v.code) ?? 0) + 1);
    out(`  ${name.padEnd(9)} ${byCode.size === 0 ? 'aucune' : [...byCode].map(([k, n]) => `${k} ×${n}`).join(', ')}`);
  }

  out(
    `\nLatence d'un appel à recommend, chaque taille dans un processus neuf après ${WARMUP} appels de chauffe, médiane de ${opts.tours} tour(s) :`,
  );
  const { latency, growth } = latencyRounds(opts.tours, opts.seed, opts.scale);
  out(
    `  ${'conventions'.padStart(17)} ${'p50 ms'.padStart(8)} ${'p99 ms'.padStart(8)} ${'moy. ms'.padStart(8)} ${'options'.padStart(8)} ${'µs/option'.padStart(10)} ${'ko/appel'.padStart(9)}`,
  );
  for (const size of SIZES) {
    const l = latency[`conventions${size}`];
    out(
      `  ${String(size).padStart(17)} ${cell(l.p50Ms, 3).padStart(8)} ${cell(l.p99Ms, 3).padStart(8)} ${cell(l.meanMs, 3).padStart(8)} ${String(l.options).padStart(8)} ${cell(l.usPerOption, 3).padStart(10)} ${String(l.kbPerCall).padStart(9)}  (${l.calls} appels)`,
    );
  }

  const m = (s: StrategyName) => results[s].metrics;
  const gain = (m('rotation').l1 - m('engine').l1) / Math.max(1e-9, m('rotation').l1 - m('optimum').l1);
  const targets: Cible[] = [
    [
      'l1 moteur ≤ 0,25 × l1 rotation',
      m('engine').l1 <= 0.25 * m('rotation').l1,
      `${m('engine').l1} ≤ ${cell(0.25 * m('rotation').l1)}`,
    ],
    ['(rotation − moteur)/(rotation − optimum) ≥ 0,9', gain >= 0.9, cell(gain, 3)],
    ['règles dures enfreintes = 0', m('engine').hardViolations === 0, String(m('engine').hardViolations)],
    ['conventions à ±1 logement ≥ 0,95', m('engine').withinOne >= 0.95, cell(m('engine').withinOne, 3)],
    ['écart de préfixe max ≤ 3 logements', m('engine').prefixMax <= 3, cell(m('engine').prefixMax)],
    ['écart de préfixe moyen ≤ 1 logement', m('engine').prefixMean <= 1, cell(m('engine').prefixMean)],
    ['p99 < 2 ms à 1 000 conventions', latency.conventions1000.p99Ms < 2, `${latency.conventions1000.p99Ms} ms`],
    ['croissance 100 → 10 000 au plus linéaire (p50 × ≤ 100)', growth <= 100, `× ${cell(growth, 1)}`],
    ...devantEnLigne((s, key) => m(s)[key]),
  ];
  out(`\nCibles :`);
  afficherCibles(targets, out);
  // What estimating the year's size costs any online strategy, on average (σ: the families' spread).
  const sigma = ecartTypeFamilles();
  const estimation = ecartAttenduEstimation(scenario, sigma);
  out(
    `  écart de préfixe attendu de toute stratégie en ligne (taille de l'année estimée en cours d'année, σ ${cell(100 * sigma, 1)} %) : max ${cell(estimation.prefixMax)} (${estimation.conventions[0]?.reference}), moyen ${cell(estimation.prefixMean)}`,
  );
  // The same on this year: the best estimate of its size followed exactly, judged on the size it turned out to have.
  const estimationAnnee = ecartEstimationAnnee(scenario, sigma);
  out(
    `  sur cette année, suivre exactement la meilleure estimation de sa taille : max ${cell(estimationAnnee.prefixMax)} (${estimationAnnee.conventions[0]?.reference}), moyen ${cell(estimationAnnee.prefixMean)} ; moteur ${cell(m('engine').prefixMax)} / ${cell(m('engine').prefixMean)} ; sur l'objectif estimé chaque jour (l'écart à date de la page de progression), moteur ${cell(m('engine').prefixDuJourMax)} / ${cell(m('engine').prefixDuJourMean)}`,
  );
  if (plan) {
    out(
      `\nOptimum (HiGHS) : ${plan.classes} classes, ${plan.variables} variables entières, résolu en ${(plan.solveMs / 1000).toFixed(1)} s ; l1 du plan ${cell(plan.l1)} (sans retours), ${cell(m('optimum').l1)} une fois simulé ; planchers relâchés : ${plan.relaxedFloors}`,
    );
  }
  out(`Durée totale ${((Date.now() - started) / 1000).toFixed(1)} s\n`);

  const familles = opts.familles ? await runFamilles(scenario, opts.graines, out) : undefined;
  const strategies = Object.fromEntries(STRATEGY_NAMES.map((s) => [s, results[s].metrics]));
  const objectifsLegaux = Object.fromEntries(STRATEGY_NAMES.map((s) => [s, results[s].objectifsLegaux]));
  const latencyOut = Object.fromEntries(
    Object.entries(latency).map(([k, l]) => [
      k,
      { p50Ms: l.p50Ms, p99Ms: l.p99Ms, usPerOption: l.usPerOption, kbPerCall: l.kbPerCall },
    ]),
  );
  console.log(
    JSON.stringify({
      allocation: {
        strategies,
        objectifsLegaux,
        ecartEstimation: { ...estimation, conventions: estimation.conventions.slice(0, 5) },
        ecartEstimationAnnee: { ...estimationAnnee, conventions: estimationAnnee.conventions.slice(0, 5) },
        ...(familles ? familles : {}),
      },
      latency: { ...latencyOut, growth: Math.round(growth * 10) / 10, tours: opts.tours },
    }),
  );
}

type Estimation = Pick<EcartEstimation, 'prefixMax' | 'prefixMean'>;
type Famille = Record<StrategyName, { moyenne: Metrics; pire: Metrics; maximum: Metrics; minimum: Metrics }>;

/**
 * The forecast-error families: each strategy on every seed, the mean of its metrics, its worst run
 * (largest l1) and the largest value of each metric over the runs (`maximum`: the worst run of the
 * prefix deviations, which need not be the run with the largest l1) and the smallest (`minimum`:
 * the worst run of the legal-objective shares, where more is better).
 */
async function runFamilles(
  scenario: Scenario,
  graines: number,
  out: (line: string) => void,
): Promise<{
  familles: Record<string, Famille>;
  bornePrefixe: BornePrefixe;
  estimationAnnee: Record<string, Estimation>;
}> {
  const familles: Record<string, Famille> = {};
  const estimationAnnee: Record<string, Estimation> = {};
  const sigma = ecartTypeFamilles();
  const variantes = new Map<number, Scenario[]>();
  out(
    `\nFamilles d'erreur de prévision (${graines} graines chacune) : l1 moyen / pire, prefixMax et prefixMean maximaux sur les graines`,
  );
  for (const ecart of ECARTS_PREVISION) {
    const runs = {} as Record<StrategyName, Metrics[]>;
    for (let g = 0; g < graines; g++) {
      const variante = avecErreurDePrevision(scenario, ecart, scenario.seed + 1000 * (g + 1));
      variantes.set(ecart, [...(variantes.get(ecart) ?? []), variante]);
      for (const name of STRATEGY_NAMES)
        (runs[name] ??= []).push(simulate(variante, await createStrategy(name, variante)).metrics);
    }
    const label = `${ecart >= 0 ? '+' : ''}${Math.round(ecart * 100)}%`;
    familles[label] = Object.fromEntries(
      STRATEGY_NAMES.map((name) => [
        name,
        {
          moyenne: moyenne(runs[name]),
          pire: runs[name].reduce((a, b) => (b.l1 > a.l1 ? b : a)),
          maximum: maximum(runs[name]),
          minimum: extreme(runs[name], Math.min),
        },
      ]),
    ) as Famille;
    out(
      `  flux réel ${label.padStart(5)} : ${STRATEGY_NAMES.map((n) => `${n} ${cell(familles[label][n].moyenne.l1, 1)}/${cell(familles[label][n].pire.l1, 1)} ${cell(familles[label][n].maximum.prefixMax, 1)} ${cell(familles[label][n].maximum.prefixMean, 2)}`).join(' · ')}`,
    );
    // The smallest priority share, with the attributions of the réservataire it rests on (in that run).
    const prioMin = (n: StrategyName) => {
      const r = runs[n].reduce((a, b) => ((b.prioritairesMinShare ?? 1) < (a.prioritairesMinShare ?? 1) ? b : a));
      return `${cell(r.prioritairesMinShare, 2)} (${r.prioritairesMinAttributions ?? 0})`;
    };
    out(
      `    objectifs légaux, pire graine (Q1 HQ / Q2-4 QPV / prioMin (attributions) / prioritaires manquants) : ${STRATEGY_NAMES.map((n) => `${n} ${cell(familles[label][n].minimum.q1HorsQpvShare, 3)}/${cell(familles[label][n].minimum.q234QpvShare, 3)}/${prioMin(n)}/${cell(familles[label][n].maximum.prioritairesManquants, 1)}`).join(' · ')}`,
    );
    // The best estimate of each year's size followed exactly, on the seed where it is furthest.
    const references = variantes.get(ecart)!.map((v) => ecartEstimationAnnee(v, sigma));
    estimationAnnee[label] = {
      prefixMax: Math.max(...references.map((r) => r.prefixMax)),
      prefixMean: Math.max(...references.map((r) => r.prefixMean)),
    };
    out(
      `    suivre exactement la meilleure estimation de la taille de chaque année, pire graine : max ${cell(estimationAnnee[label].prefixMax, 1)} / moyen ${cell(estimationAnnee[label].prefixMean, 2)} ; moteur ${cell(familles[label].engine.maximum.prefixMax, 1)} / ${cell(familles[label].engine.maximum.prefixMean, 2)} ; sur l'objectif estimé chaque jour ${cell(familles[label].engine.maximum.prefixDuJourMax, 1)} / ${cell(familles[label].engine.maximum.prefixDuJourMean, 2)}`,
    );
    afficherCibles(ciblesFamille(familles[label]), out, '    ');
  }
  // +0 % and +10 % of one seed share their libérations for the first weeks: what no online strategy can beat.
  const bornes = (variantes.get(0) ?? []).map((a, g) => bornePrefixe(a, variantes.get(0.1)![g]));
  const plusLarge = bornes.reduce((a, b) => (b.prefixMax > a.prefixMax ? b : a));
  const borne = {
    prefixMax: plusLarge.prefixMax,
    prefixMean: Math.max(...bornes.map((b) => b.prefixMean)),
    conventions: plusLarge.conventions.slice(0, 5),
  };
  const moteur = (key: 'prefixMax' | 'prefixMean') =>
    Math.max(familles['+0%'].engine.maximum[key], familles['+10%'].engine.maximum[key]);
  const c = borne.conventions[0];
  out(
    `  borne en ligne (+0 % / +10 %, mêmes libérations jusqu'au ${c.date} pour ${c.reference}, objectif ${cell(c.objectifA, 1)} ou ${cell(c.objectifB, 1)}) : aucune stratégie en ligne n'a dans les deux familles prefixMax < ${cell(borne.prefixMax, 2)} ni prefixMean < ${cell(borne.prefixMean, 2)} ; moteur ${cell(moteur('prefixMax'), 1)} / ${cell(moteur('prefixMean'), 2)}`,
  );
  return { familles, bornePrefixe: borne, estimationAnnee };
}

/** The largest value of each numeric metric over runs (null when a run has none). */
function maximum(runs: Metrics[]): Metrics {
  return extreme(runs, Math.max);
}

/** `pick` (Math.max or Math.min) of each numeric metric over runs (null when a run has none). */
function extreme(runs: Metrics[], pick: (...values: number[]) => number): Metrics {
  const m = {} as Record<string, number | null>;
  for (const key of Object.keys(runs[0]) as Array<keyof Metrics>) {
    const values = runs.map((r) => r[key]);
    m[key] = values.some((v) => v === null) ? null : pick(...(values as number[]));
  }
  return m as unknown as Metrics;
}

/** The mean of each numeric metric over runs (null when a run has none). */
function moyenne(runs: Metrics[]): Metrics {
  const m = {} as Record<string, number | null>;
  for (const key of Object.keys(runs[0]) as Array<keyof Metrics>) {
    const values = runs.map((r) => r[key]);
    m[key] = values.some((v) => v === null)
      ? null
      : Math.round((values.reduce((a, b) => a! + b!, 0)! / values.length) * 1e4) / 1e4;
  }
  return m as unknown as Metrics;
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});

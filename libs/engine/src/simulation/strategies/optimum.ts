/**
 * The hindsight optimum: knowing every libération of the year in advance (not the households'
 * behaviour), the orientation that minimises Σ |year-end count − objective| over conventions,
 * subject to the hard rules, solved exactly as a MIP with HiGHS.
 *
 * Flats are aggregated into classes that the rules cannot tell apart (commune × QPV × set of
 * conventions eligible at the libération date); the MIP decides integer counts per class and
 * destination; the counts are then spread back over the class's flats in date order (each
 * destination's flats evenly through the year) preferring, among destinations that still have
 * flats due, the one whose demand fits the typologie best.
 *
 * Hard rules in the model: eligibility (territory, validity, DEFENSE stock), each flat to exactly one
 * destination, excluded uses exactly as planned (or all flats when fewer are freed), the préfet's
 * floors hors QPV and per commune (count ≥ ⌊rate × flux⌋). A floor that no orientation can meet is
 * relaxed with a large penalty, so that the solver still answers; the simulator then reports it.
 */
import loadHighs from 'highs';
import type { Convention, Logement, UsageExclu } from '../../domain';
import { USAGES_EXCLUS } from '../../domain';
import type { Destination, EngineState, Strategy } from '../../orientation';
import { typologieFit } from '../fit';
import { FLOOR_EPS, isEligible, objectiveOf, plannedExclusions, prefetRules } from '../rules';
import { comportementOf, type Scenario } from '../scenario';
import { BAILLEUR, toConvention } from './baseline';

const FLOOR_PENALTY = 1000;

interface FlatDecision {
  key: string;
  logement: Logement;
}

interface FlatClass {
  commune: string;
  qpv: boolean;
  eligible: string[];
  flats: FlatDecision[];
}

export interface OptimumPlan {
  /** Destination per libération, keyed `logementId|date`. */
  destinations: Map<string, Destination>;
  /** Σ |count − objective| of the plan, in flats. */
  l1: number;
  classes: number;
  variables: number;
  solveMs: number;
  /** Préfet floors the solver had to relax (none when the rules can all be met). */
  relaxedFloors: number;
}

export const liberationKey = (logementId: string, date: string) => `${logementId}|${date}`;

function forcedDestination(logement: Logement, defenseConventions: Convention[], scenario: Scenario, date: string): Destination | null {
  if (logement.horsAssiette) return BAILLEUR;
  if (!logement.stockDefense) return null;
  const reservataires = new Map(scenario.reservataires.map((r) => [r.id, r]));
  const defense = defenseConventions.find((c) => isEligible(c, reservataires.get(c.reservataireId), logement, date));
  return defense ? toConvention(defense.id) : BAILLEUR;
}

/** A linear expression as LP text terms. */
class Expr {
  private readonly terms: string[] = [];
  add(coefficient: number, variable: string): this {
    if (coefficient !== 0) this.terms.push(`${coefficient >= 0 ? '+' : '-'} ${Math.abs(coefficient)} ${variable}`);
    return this;
  }
  get empty(): boolean {
    return this.terms.length === 0;
  }
  toString(): string {
    return this.terms.join(' ');
  }
}

export async function solveOptimum(scenario: Scenario): Promise<OptimumPlan> {
  const started = process.hrtime.bigint();
  const { exercice } = scenario;
  const reservataires = new Map(scenario.reservataires.map((r) => [r.id, r]));
  const logements = new Map(scenario.logements.map((l) => [l.id, l]));
  const defenseConventions = scenario.conventions.filter((c) => reservataires.get(c.reservataireId)?.kind === 'DEFENSE');
  const destinations = new Map<string, Destination>();
  const forcedCount = new Map<string, number>();

  // 1. Classes of flats the rules cannot tell apart.
  const classes = new Map<string, FlatClass>();
  const liberations = [...scenario.liberations].sort((a, b) => a.date.localeCompare(b.date) || a.id.localeCompare(b.id));
  for (const liberation of liberations) {
    const logement = logements.get(liberation.logementId)!;
    const key = liberationKey(logement.id, liberation.date);
    const forced = forcedDestination(logement, defenseConventions, scenario, liberation.date);
    if (forced) {
      destinations.set(key, forced);
      if (forced.kind === 'CONVENTION') forcedCount.set(forced.conventionId, (forcedCount.get(forced.conventionId) ?? 0) + 1);
      continue;
    }
    const eligible = scenario.conventions
      .filter((c) => isEligible(c, reservataires.get(c.reservataireId), logement, liberation.date))
      .map((c) => c.id);
    const classKey = `${logement.commune}|${logement.qpv}|${eligible.join(',')}`;
    let flatClass = classes.get(classKey);
    if (!flatClass) classes.set(classKey, (flatClass = { commune: logement.commune, qpv: logement.qpv, eligible, flats: [] }));
    flatClass.flats.push({ key, logement });
  }
  const classList = [...classes.values()];

  // 2. The MIP.
  const planned = plannedExclusions(exercice.assiette);
  const usages = USAGES_EXCLUS.filter((u) => planned[u] > 0);
  const choosable = classList.reduce((s, k) => s + k.flats.length, 0);
  const exclusionsExact = usages.reduce((s, u) => s + planned[u], 0) <= choosable;
  const x = (k: number, d: string) => `x_${k}_${d}`;
  const destinationsOf = (k: FlatClass) => [...k.eligible.map((_, i) => `c${i}`), 'b', ...usages.map((u) => `u${u}`)];
  const varOfConvention = (k: number, conventionId: string) => x(k, `c${classList[k].eligible.indexOf(conventionId)}`);

  const objective = new Expr();
  const rows: string[] = [];
  const generals: string[] = [];
  classList.forEach((k, i) => {
    const sum = new Expr();
    for (const d of destinationsOf(k)) {
      sum.add(1, x(i, d));
      generals.push(x(i, d));
    }
    rows.push(`n${i}: ${sum} = ${k.flats.length}`);
  });
  scenario.conventions.forEach((c, ci) => {
    const count = new Expr();
    classList.forEach((k, i) => {
      if (k.eligible.includes(c.id)) count.add(1, varOfConvention(i, c.id));
    });
    const target = objectiveOf(exercice, c) - (forcedCount.get(c.id) ?? 0);
    count.add(-1, `p${ci}`).add(1, `m${ci}`);
    rows.push(`dev${ci}: ${count} = ${target}`);
    objective.add(1, `p${ci}`).add(1, `m${ci}`);
  });
  for (const u of usages) {
    const used = new Expr();
    classList.forEach((_, i) => used.add(1, x(i, `u${u}`)));
    rows.push(`excl_${u}: ${used} ${exclusionsExact ? '=' : '<='} ${planned[u]}`);
  }
  // Préfet floors: count_e(S) ≥ t × flux(S) − 1 + ε with flux(S) = flats of S − exclusions in S.
  let floorCount = 0;
  const floor = (conventionId: string, taux: number, members: number[]) => {
    const f = floorCount++;
    const row = new Expr();
    let flats = 0;
    for (const i of members) {
      const k = classList[i];
      flats += k.flats.length;
      if (k.eligible.includes(conventionId)) row.add(1, varOfConvention(i, conventionId));
      for (const u of usages) row.add(taux, x(i, `u${u}`));
    }
    row.add(1, `s${f}`);
    objective.add(FLOOR_PENALTY, `s${f}`);
    rows.push(`floor${f}: ${row} >= ${taux * flats - 1 + FLOOR_EPS}`);
  };
  for (const rule of prefetRules(scenario.conventions, scenario.reservataires)) {
    const horsQpv = classList.flatMap((k, i) => (k.qpv ? [] : [i]));
    if (horsQpv.length > 0) floor(rule.conventionId, rule.taux, horsQpv);
    if (!rule.parCommune) continue;
    const communes = new Set(classList.map((k) => k.commune));
    for (const commune of communes) floor(rule.conventionId, rule.taux, classList.flatMap((k, i) => (k.commune === commune ? [i] : [])));
  }

  const lp = [
    'Minimize',
    ` obj: ${objective.empty ? '0 b0' : objective}`,
    'Subject To',
    ...rows.map((r) => ` ${r}`),
    'Bounds',
    ...generals.map((g) => ` ${g} >= 0`),
    'Generals',
    ` ${generals.join(' ')}`,
    'End',
  ].join('\n');

  const highs = await loadHighs();
  const solution = highs.solve(lp, { output_flag: false, mip_rel_gap: 0, time_limit: 120 });
  if (solution.Status !== 'Optimal') {
    throw new Error(`Optimum : le solveur HiGHS n'a pas trouvé de solution optimale (statut : ${solution.Status})`);
  }
  const value = (name: string) => Math.round((solution.Columns[name] as { Primal?: number } | undefined)?.Primal ?? 0);

  // 3. Back to flats.
  const comportement = comportementOf(scenario);
  const profils = new Map(scenario.profils.map((p) => [p.reservataireId, p]));
  const conventions = new Map(scenario.conventions.map((c) => [c.id, c]));
  classList.forEach((k, i) => {
    const options: Array<{ destination: Destination; quota: number; given: number; conventionId?: string }> = destinationsOf(k).map((d) => {
      const destination: Destination = d === 'b' ? BAILLEUR : d.startsWith('u') ? { kind: 'EXCLU', usage: d.slice(1) as UsageExclu } : toConvention(k.eligible[Number(d.slice(1))]);
      return { destination, quota: value(x(i, d)), given: 0, conventionId: destination.kind === 'CONVENTION' ? destination.conventionId : undefined };
    });
    const n = k.flats.length;
    k.flats.forEach((flat, position) => {
      let best = -1;
      let bestScore = -Infinity;
      options.forEach((o, j) => {
        if (o.given >= o.quota) return;
        const lag = (o.quota * (position + 1)) / n - o.given;
        const reservataireId = o.conventionId ? conventions.get(o.conventionId)!.reservataireId : undefined;
        const fit = reservataireId ? typologieFit(profils.get(reservataireId), flat.logement, comportement.adequationParDefaut) : 1;
        const score = lag + 0.5 * fit;
        if (score > bestScore) {
          best = j;
          bestScore = score;
        }
      });
      options[best].given++;
      destinations.set(flat.key, options[best].destination);
    });
  });

  const counts = new Map<string, number>();
  for (const d of destinations.values()) if (d.kind === 'CONVENTION') counts.set(d.conventionId, (counts.get(d.conventionId) ?? 0) + 1);
  const l1 = scenario.conventions.reduce((s, c) => s + Math.abs((counts.get(c.id) ?? 0) - objectiveOf(exercice, c)), 0);
  let relaxedFloors = 0;
  for (let f = 0; f < floorCount; f++) if (value(`s${f}`) > 0) relaxedFloors++;
  return {
    destinations,
    l1,
    classes: classList.length,
    variables: generals.length,
    solveMs: Number(process.hrtime.bigint() - started) / 1e6,
    relaxedFloors,
  };
}

/** The plan as a Strategy: it only looks the flat up. */
export class OptimumStrategy implements Strategy {
  readonly name = 'optimum';

  constructor(readonly plan: OptimumPlan) {}

  choose(logement: Logement, _state: EngineState, date: string): Destination {
    const destination = this.plan.destinations.get(liberationKey(logement.id, date));
    if (!destination) throw new Error(`Optimum : libération imprévue du logement ${logement.id} le ${date}`);
    return destination;
  }
}

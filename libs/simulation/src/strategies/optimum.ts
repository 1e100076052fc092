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
import loadHighs, { type Highs } from 'highs';
import type { Convention, Exercice, Logement, Reservataire, UsageExclu } from '@aiguillage/engine';
import { USAGES_EXCLUS } from '@aiguillage/engine';
import type { Destination, EngineState, Strategy } from '@aiguillage/engine';
import { profilsOfYear, typologieFit } from '../fit';
import {
  FLOOR_EPS,
  fluxLiberations,
  isEligible,
  objectifReel,
  objectiveOf,
  plannedExclusions,
  prefetRules,
} from '../rules';
import { comportementOf, type Scenario } from '../scenario';
import { BAILLEUR, toConvention } from './baseline';

const FLOOR_PENALTY = 1000;
/** Per bailleur; the demo's largest bailleur takes a few seconds. */
const SOLVE_SECONDS = 60;
/** Placeholder for an excluded flat until the usages are handed out. */
const EXCLUSION: Destination = { kind: 'EXCLU', usage: 'MUTATION' };
/** A mutation placed by the MIP itself (when a convention counts mutations). */
const MUTATION: Destination = Object.freeze({ kind: 'EXCLU', usage: 'MUTATION' });

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
  /** Σ |count − objective| of the plan over the flux conventions (DEFENSE aside, as in the metrics), in flats. */
  l1: number;
  classes: number;
  variables: number;
  solveMs: number;
  /** Préfet floors the solver had to relax (none when the rules can all be met). */
  relaxedFloors: number;
}

export const liberationKey = (logementId: string, date: string) => `${logementId}|${date}`;

function forcedDestination(
  logement: Logement,
  defenseConventions: Convention[],
  reservataires: Map<string, Reservataire>,
  date: string,
): Destination | null {
  if (logement.horsAssiette) return BAILLEUR;
  if (!logement.stockDefense) return null;
  const defense = defenseConventions.find((c) => isEligible(c, reservataires.get(c.reservataireId), logement, date));
  return defense ? toConvention(defense.id) : BAILLEUR;
}

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** A linear expression, written as CPLEX LP text. */
class Expr {
  readonly terms: Array<{ coefficient: number; variable: string }> = [];
  add(coefficient: number, variable: string): this {
    if (coefficient !== 0) this.terms.push({ coefficient, variable });
    return this;
  }
  get empty(): boolean {
    return this.terms.length === 0;
  }
  toString(): string {
    return this.terms
      .map(({ coefficient: c, variable }) => `${c >= 0 ? '+' : '-'} ${Math.abs(c)} ${variable}`)
      .join(' ');
  }
}

export async function solveOptimum(scenario: Scenario): Promise<OptimumPlan> {
  const started = process.hrtime.bigint();
  const highs = await loadHighs();
  const plan: OptimumPlan = { destinations: new Map(), l1: 0, classes: 0, variables: 0, solveMs: 0, relaxedFloors: 0 };
  // Bailleurs share nothing in the rules: one independent MIP each.
  for (const exercice of scenario.exercices) solveBailleur(scenario, exercice, highs, plan);
  const counts = new Map<string, number>();
  for (const d of plan.destinations.values())
    if (d.kind === 'CONVENTION') counts.set(d.conventionId, (counts.get(d.conventionId) ?? 0) + 1);
  const exercices = new Map(scenario.exercices.map((e) => [e.bailleurId, e]));
  const defense = new Set(scenario.reservataires.filter((r) => r.kind === 'DEFENSE').map((r) => r.id));
  plan.l1 = scenario.conventions
    .filter((c) => !defense.has(c.reservataireId))
    .reduce((s, c) => s + Math.abs((counts.get(c.id) ?? 0) - objectiveOf(exercices.get(c.bailleurId)!, c)), 0);
  plan.solveMs = Number(process.hrtime.bigint() - started) / 1e6;
  return plan;
}

function solveBailleur(scenario: Scenario, exercice: Exercice, highs: Highs, plan: OptimumPlan): void {
  const reservataires = new Map(scenario.reservataires.map((r) => [r.id, r]));
  const logements = new Map(scenario.logements.map((l) => [l.id, l]));
  const ownConventions = scenario.conventions.filter((c) => c.bailleurId === exercice.bailleurId);
  const defenseConventions = ownConventions.filter((c) => reservataires.get(c.reservataireId)?.kind === 'DEFENSE');
  const destinations = plan.destinations;
  const forcedCount = new Map<string, number>();

  // 1. Classes of flats the rules cannot tell apart.
  const classes = new Map<string, FlatClass>();
  const liberations = fluxLiberations(scenario).filter(
    (l) => logements.get(l.logementId)!.bailleurId === exercice.bailleurId,
  );
  for (const liberation of liberations) {
    const logement = logements.get(liberation.logementId)!;
    const key = liberationKey(logement.id, liberation.date);
    const forced = forcedDestination(logement, defenseConventions, reservataires, liberation.date);
    if (forced) {
      destinations.set(key, forced);
      if (forced.kind === 'CONVENTION')
        forcedCount.set(forced.conventionId, (forcedCount.get(forced.conventionId) ?? 0) + 1);
      continue;
    }
    const eligible = ownConventions
      .filter((c) => isEligible(c, reservataires.get(c.reservataireId), logement, liberation.date))
      .map((c) => c.id);
    const classKey = `${logement.commune}|${logement.qpv}|${eligible.join(',')}`;
    let flatClass = classes.get(classKey);
    if (!flatClass)
      classes.set(classKey, (flatClass = { commune: logement.commune, qpv: logement.qpv, eligible, flats: [] }));
    flatClass.flats.push({ key, logement });
  }
  const classList = [...classes.values()];

  // 2. The MIP.
  const planned = plannedExclusions(exercice.assiette);
  // Any flat of the flux can serve any excluded use: one exclusion variable per class, the usages are
  // handed out afterwards (this removes a symmetry the solver would otherwise have to explore).
  const choosable = classList.reduce((s, k) => s + k.flats.length, 0);
  const plannedTotal = USAGES_EXCLUS.reduce((s, u) => s + planned[u], 0);
  const exclusions = Math.min(plannedTotal, choosable);
  // Mutations apart when a convention counts them (compteMutations): where they land matters.
  const comptent = ownConventions.some((c) => c.compteMutations);
  const mutations = comptent ? Math.min(planned.MUTATION, exclusions) : 0;
  const autres = exclusions - mutations;
  const x = (k: number, d: string) => `x_${k}_${d}`;
  const destinationsOf = (k: FlatClass) => [
    ...k.eligible.map((_, i) => `c${i}`),
    'b',
    ...(autres > 0 ? ['e'] : []),
    ...(mutations > 0 ? ['mu'] : []),
  ];
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
    rows.push(`n${i}: ${sum.toString()} = ${k.flats.length}`);
  });
  ownConventions.forEach((c, ci) => {
    const count = new Expr();
    classList.forEach((k, i) => {
      if (k.eligible.includes(c.id)) count.add(1, varOfConvention(i, c.id));
      if (mutations > 0 && c.compteMutations && k.eligible.includes(c.id)) count.add(1, x(i, 'mu'));
    });
    // Hindsight: the real year's flux to share is known (the flats of the flux less the exclusions served).
    const target = objectifReel(exercice, c, choosable - exclusions) - (forcedCount.get(c.id) ?? 0);
    rows.push(`dev${ci}: ${count.toString()} - 1 p${ci} + 1 m${ci} = ${target}`);
    // The count is an integer: |count − target| lies above the chord joining ⌊target⌋ and ⌈target⌉.
    // This cut makes each convention's term exact in the LP relaxation, so the bound is tight.
    const below = Math.floor(target);
    const f = target - below;
    if (f > 1e-9 && !count.empty) {
      const cut = new Expr().add(1, `p${ci}`).add(1, `m${ci}`);
      for (const term of count.terms) cut.add(-(1 - 2 * f) * term.coefficient, term.variable);
      rows.push(`chord${ci}: ${cut.toString()} >= ${f - below * (1 - 2 * f)}`);
    }
    objective.add(1, `p${ci}`).add(1, `m${ci}`);
  });
  if (autres > 0) {
    const used = new Expr();
    classList.forEach((_, i) => used.add(1, x(i, 'e')));
    rows.push(`exclusions: ${used.toString()} = ${autres}`);
  }
  if (mutations > 0) {
    const used = new Expr();
    classList.forEach((_, i) => used.add(1, x(i, 'mu')));
    rows.push(`mutations: ${used.toString()} = ${mutations}`);
  }
  // Préfet floors: count_e(S) ≥ F_S with the integer F_S ≥ t × flux(S) − 1 + ε, flux(S) = flats of S −
  // exclusions in S; i.e. count ≥ ⌊t × flux⌋. Branching on F_S is what keeps the MIP fast.
  let floorCount = 0;
  const floor = (conventionId: string, taux: number, members: number[]) => {
    const f = floorCount++;
    const count = new Expr();
    const level = new Expr().add(1, `f${f}`);
    let flats = 0;
    for (const i of members) {
      const k = classList[i];
      flats += k.flats.length;
      if (k.eligible.includes(conventionId)) count.add(1, varOfConvention(i, conventionId));
      if (autres > 0) level.add(taux, x(i, 'e'));
      if (mutations > 0) level.add(taux, x(i, 'mu'));
    }
    generals.push(`f${f}`);
    rows.push(`floor${f}: ${count.toString()} - 1 f${f} + 1 s${f} >= 0`);
    rows.push(`level${f}: ${level.toString()} >= ${taux * flats - 1 + FLOOR_EPS}`);
    objective.add(FLOOR_PENALTY, `s${f}`);
  };
  for (const rule of prefetRules(ownConventions, scenario.reservataires)) {
    const horsQpv = classList.flatMap((k, i) => (k.qpv ? [] : [i]));
    if (horsQpv.length > 0) floor(rule.conventionId, rule.taux, horsQpv);
    if (!rule.parCommune) continue;
    const communes = new Set(classList.map((k) => k.commune));
    for (const commune of communes)
      floor(
        rule.conventionId,
        rule.taux,
        classList.flatMap((k, i) => (k.commune === commune ? [i] : [])),
      );
  }

  const lp = [
    'Minimize',
    ` obj: ${objective.empty ? '0 b0' : objective.toString()}`,
    'Subject To',
    ...rows.map((r) => ` ${r}`),
    'Bounds',
    ...generals.map((g) => ` ${g} >= 0`),
    'Generals',
    ...chunks(generals, 20).map((names) => ` ${names.join(' ')}`),
    'End',
  ].join('\n');

  const solution = highs.solve(lp, { output_flag: false, mip_rel_gap: 0, time_limit: SOLVE_SECONDS });
  if (solution.Status !== 'Optimal') {
    throw new Error(
      `Optimum : le solveur HiGHS n'a pas trouvé de solution optimale pour le bailleur ${exercice.bailleurId} (statut : ${solution.Status})`,
    );
  }
  const value = (name: string) => Math.round((solution.Columns[name] as { Primal?: number } | undefined)?.Primal ?? 0);

  // 3. Back to flats.
  const comportement = comportementOf(scenario);
  const profils = profilsOfYear(scenario.profils, exercice.annee);
  const conventions = new Map(scenario.conventions.map((c) => [c.id, c]));
  classList.forEach((k, i) => {
    const options: Array<{ destination: Destination; quota: number; given: number; conventionId?: string }> =
      destinationsOf(k).map((d) => {
        const destination: Destination =
          d === 'b'
            ? BAILLEUR
            : d === 'e'
              ? EXCLUSION
              : d === 'mu'
                ? MUTATION
                : toConvention(k.eligible[Number(d.slice(1))]);
        return {
          destination,
          quota: value(x(i, d)),
          given: 0,
          conventionId: destination.kind === 'CONVENTION' ? destination.conventionId : undefined,
        };
      });
    const n = k.flats.length;
    k.flats.forEach((flat, position) => {
      let best = -1;
      let bestScore = -Infinity;
      options.forEach((o, j) => {
        if (o.given >= o.quota) return;
        const lag = (o.quota * (position + 1)) / n - o.given;
        const reservataireId = o.conventionId ? conventions.get(o.conventionId)!.reservataireId : undefined;
        const fit = reservataireId
          ? typologieFit(profils.get(reservataireId), flat.logement, comportement.adequationParDefaut)
          : 1;
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

  // The excluded flats, in date order, serve each usage at its planned pace.
  const excluded = liberations
    .map((l) => liberationKey(l.logementId, l.date))
    .filter((key) => destinations.get(key) === EXCLUSION);
  const served = Object.fromEntries(USAGES_EXCLUS.map((u) => [u, 0])) as Record<UsageExclu, number>;
  // Mutations placed by the MIP are served already.
  if (mutations > 0) served.MUTATION = planned.MUTATION;
  excluded.forEach((key, j) => {
    const usage = USAGES_EXCLUS.reduce((best, u) => {
      const lag = (u: UsageExclu) => (planned[u] * (j + 1)) / excluded.length - served[u];
      return served[u] < planned[u] && (served[best] >= planned[best] || lag(u) > lag(best)) ? u : best;
    });
    served[usage]++;
    destinations.set(key, { kind: 'EXCLU', usage });
  });

  for (let f = 0; f < floorCount; f++) if (value(`s${f}`) > 0) plan.relaxedFloors++;
  plan.classes += classList.length;
  plan.variables += generals.length;
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

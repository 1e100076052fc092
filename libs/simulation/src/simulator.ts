/**
 * The year simulator: replays a scenario's libérations in date order; for each flat asks the
 * strategy for a destination, judges it against the hard rules, applies it with the engine's state
 * transitions, then lets the households and réservataires behave (behaviour.ts), feeding the
 * resulting events (candidates, expiries, refusals, attributions, leases) back into the state in
 * date order, so that the next decision sees them. The state the year ends with is the bilan at
 * 31 December; behaviour metrics follow each flat until its lease, even into next year.
 */
import type { Convention, Exercice, Liberation, Logement, Reservataire } from '@aiguillage/engine';
import type { Destination, EngineState, Strategy, Transition } from '@aiguillage/engine';
import { ajouterOffre, appliquer, createState, realise, type CelluleOffre } from '@aiguillage/engine';
import { resolveFlat, type FlatEvent, type FlatTimeline } from './behaviour';
import { profilsOfYear } from './fit';
import { computeMetrics, groupBy, type ConventionOutcome, type Metrics } from './metrics';
import {
  floorOf,
  fluxLiberations,
  horsFlux,
  inFlux,
  isEligible,
  objectifReel,
  plannedExclusions,
  prefetRules,
} from './rules';
import { comportementOf, type Scenario } from './scenario';
import { PrefixTracker } from './prefix';
import { objectifsLegaux, type ObjectifsLegaux } from './objectifs-legaux';

const round3 = (x: number) => Math.round(x * 1000) / 1000;

/** The engine transition a behaviour event of a flat oriented to a convention makes (none for a return). */
function transitionOf(
  flat: FlatRecord,
  d: Extract<Destination, { kind: 'CONVENTION' }>,
  event: FlatEvent,
): Transition | null {
  switch (event.type) {
    case 'CANDIDATS':
      return { kind: 'candidatsRecus', conventionId: d.conventionId };
    case 'EXPIRATION':
      return { kind: 'expiration', logement: flat.logement, conventionId: d.conventionId, sousQuota: d.sousQuota };
    case 'REFUS':
      return { kind: 'refus', conventionId: d.conventionId };
    case 'ATTRIBUTION':
      return {
        kind: 'attribution',
        logement: flat.logement,
        conventionId: d.conventionId,
        candidat: { quartile: event.quartile, prioritaire: event.prioritaire },
      };
    case 'BAIL':
      return { kind: 'bail', conventionId: d.conventionId };
    default:
      return null;
  }
}

export interface Violation {
  code: 'INELIGIBLE' | 'DEFENSE' | 'EXCLU_QUOTA' | 'PREFET_HORS_QPV' | 'PREFET_COMMUNE';
  libelle: string;
  liberationId?: string;
  conventionId?: string;
}

/** One flat's year, as the metrics need it. */
export interface FlatRecord {
  liberation: Liberation;
  logement: Logement;
  destination: Destination;
  timeline: FlatTimeline;
}

export interface SimulationResult {
  scenario: string;
  strategy: string;
  seed: number;
  metrics: Metrics;
  /** The legal allocation objectives (CCH L.441-1), each réservataire's share of priority households included. */
  objectifsLegaux: ObjectifsLegaux;
  conventions: ConventionOutcome[];
  violations: Violation[];
  /** Wall time of the strategy's decisions (ms). */
  decisionMs: { mean: number; max: number };
}

interface PendingEvent {
  date: string;
  order: number;
  flat: FlatRecord;
  event: FlatEvent;
}

const MID_YEAR = (annee: number) => `${annee}-06-30`;

export function simulate(scenario: Scenario, strategy: Strategy): SimulationResult {
  const annee = scenario.exercices[0].annee;
  const comportement = comportementOf(scenario);
  const logements = new Map(scenario.logements.map((l) => [l.id, l]));
  const conventions = new Map(scenario.conventions.map((c) => [c.id, c]));
  const reservataires = new Map<string, Reservataire>(scenario.reservataires.map((r) => [r.id, r]));
  const profils = profilsOfYear(scenario.profils, annee);
  const yearEnd = `${annee}-12-31`;

  // One engine state per bailleur: its exercice and its conventions.
  const states = new Map<string, EngineState>(
    scenario.exercices.map((exercice) => [
      exercice.bailleurId,
      createState({
        exercice,
        conventions: scenario.conventions.filter((c) => c.bailleurId === exercice.bailleurId),
        reservataires: scenario.reservataires,
        profils: [...profils.values()],
        offrePrevue: offrePrevueOf(scenario, exercice),
      }),
    ]),
  );

  const violations: Violation[] = [];
  const flats: FlatRecord[] = [];
  const prefix = new PrefixTracker(scenario.conventions, new Map(scenario.exercices.map((e) => [e.bailleurId, e])));
  const queue: PendingEvent[] = [];
  let order = 0;
  let midYear: Record<string, number> | null = null;
  const decisionTimes: number[] = [];

  /** Applies one behaviour event of a flat oriented to a convention to its bailleur's state. */
  const applyEvent = (flat: FlatRecord, event: FlatEvent) => {
    const d = flat.destination;
    if (d.kind !== 'CONVENTION' || !event.reservataire) return;
    const bailleurId = flat.logement.bailleurId;
    const transition = transitionOf(flat, d, event);
    if (transition) states.set(bailleurId, appliquer(states.get(bailleurId)!, transition));
  };

  const flushUntil = (date: string) => {
    queue.sort((a, b) => a.date.localeCompare(b.date) || a.order - b.order);
    let i = 0;
    for (; i < queue.length && queue[i].date <= date; i++) applyEvent(queue[i].flat, queue[i].event);
    queue.splice(0, i);
  };

  const progressOf = (c: Convention) => states.get(c.bailleurId)!.progress[c.id];
  const snapshotMidYear = () => {
    midYear = Object.fromEntries(scenario.conventions.map((c) => [c.id, progressOf(c).propositions]));
  };

  const liberations = fluxLiberations(scenario);
  for (const liberation of liberations) {
    if (!midYear && liberation.date > MID_YEAR(annee)) {
      flushUntil(MID_YEAR(annee));
      snapshotMidYear();
    }
    // Events of the same day happen before the new flat is oriented.
    flushUntil(liberation.date);
    const logement = logements.get(liberation.logementId)!;
    const state = states.get(logement.bailleurId)!;

    const started = process.hrtime.bigint();
    const destination = strategy.choose(logement, state, liberation.date);
    decisionTimes.push(Number(process.hrtime.bigint() - started) / 1e6);

    const convention = destination.kind === 'CONVENTION' ? conventions.get(destination.conventionId) : undefined;
    if (destination.kind === 'CONVENTION' && convention?.bailleurId !== logement.bailleurId) {
      // Not a rule broken but a broken strategy: the flat's bailleur has no such convention to count it.
      throw new Error(
        `La stratégie ${strategy.name} a orienté le logement ${logement.id} vers une convention ${convention ? "d'un autre bailleur" : 'inconnue'} (${destination.conventionId})`,
      );
    }
    violations.push(...judgeDestination(scenario, state, reservataires, liberation, logement, destination, convention));

    const timeline = resolveFlat({
      seed: scenario.seed,
      liberationId: liberation.id,
      logement,
      date: liberation.date,
      destination,
      convention,
      profil: convention ? profils.get(convention.reservataireId) : undefined,
      comportement,
      classer:
        convention && strategy.classer ? (pool) => strategy.classer!(pool, logement, convention, state) : undefined,
    });
    const next = appliquer(state, {
      kind: 'orientation',
      logement,
      destination,
      attenteCandidats: !!convention && !timeline.delegue,
    });
    states.set(logement.bailleurId, next);
    prefix.sample(next, liberation.date);
    const flat: FlatRecord = { liberation, logement, destination, timeline };
    flats.push(flat);
    for (const event of timeline.events) queue.push({ date: event.date, order: order++, flat, event });
  }
  if (!midYear) {
    flushUntil(MID_YEAR(annee));
    snapshotMidYear();
  }
  flushUntil(yearEnd);
  for (const state of states.values()) prefix.sample(state, yearEnd);

  violations.push(...judgeYear(scenario, flats));
  // The real year's flux to share, per bailleur: the flats actually let and shared (the bilan's base).
  const fluxReel = new Map<string, number>();
  for (const f of flats)
    if (inFlux(f.logement, f.destination))
      fluxReel.set(f.logement.bailleurId, (fluxReel.get(f.logement.bailleurId) ?? 0) + 1);

  const outcomes: ConventionOutcome[] = scenario.conventions.map((c) => {
    const p = progressOf(c);
    const reservataire = reservataires.get(c.reservataireId);
    const oriente = flats.filter(
      (f) => f.destination.kind === 'CONVENTION' && f.destination.conventionId === c.id,
    ).length;
    // DEFENSE conventions take their identified stock, outside the flux: their objective does not follow it.
    const objectif =
      reservataire?.kind === 'DEFENSE'
        ? p.objectif
        : objectifReel(states.get(c.bailleurId)!.exercice, c, fluxReel.get(c.bailleurId) ?? 0);
    return {
      conventionId: c.id,
      reference: c.reference,
      bailleurId: c.bailleurId,
      reservataire: reservataire?.code ?? c.reservataireId,
      kind: reservataire?.kind ?? 'ORGANISME',
      delegation: c.delegation.mode,
      objectif,
      objectifPrevision: p.objectif,
      oriente,
      propositions: p.propositions,
      ecart: p.propositions - objectif,
      ecartPrevision: p.propositions - p.objectif,
      prefixMax: round3(prefix.deviation(c.id, objectif)),
      prefixMaxPrevision: round3(prefix.deviation(c.id, p.objectif)),
      prefixMaxFlux: round3(
        c.cible.type === 'TAUX' ? prefix.deviationFlux(c.id, objectif) : prefix.deviation(c.id, objectif),
      ),
      prefixMaxDuJour: round3(prefix.deviationDuJour(c.id)),
      realise: realise(p, c),
      attributions: p.attributions,
      baux: p.baux,
      retours: p.retours,
      qpv: p.qpv,
      horsQpv: p.horsQpv,
      attributionsPrioritaires: p.attributionsPrioritaires,
      propositions30Juin: midYear![c.id] ?? 0,
    };
  });

  const totalDecision = decisionTimes.reduce((a, b) => a + b, 0);
  return {
    scenario: scenario.nom,
    strategy: strategy.name,
    seed: scenario.seed,
    metrics: computeMetrics(scenario, flats, outcomes, violations),
    objectifsLegaux: objectifsLegaux(
      flats.filter((f) => inFlux(f.logement, f.destination)),
      new Map(scenario.conventions.map((c) => [c.id, c.reservataireId])),
      reservataires,
    ),
    conventions: outcomes,
    violations,
    decisionMs: {
      mean: decisionTimes.length ? totalDecision / decisionTimes.length : 0,
      max: Math.max(0, ...decisionTimes),
    },
  };
}

/** Rules a single decision can break. */
function judgeDestination(
  scenario: Scenario,
  state: EngineState,
  reservataires: Map<string, Reservataire>,
  liberation: Liberation,
  logement: Logement,
  destination: Destination,
  convention: Convention | undefined,
): Violation[] {
  const out: Violation[] = [];
  const eligibleDefense = () =>
    scenario.conventions.some(
      (c) =>
        reservataires.get(c.reservataireId)?.kind === 'DEFENSE' &&
        isEligible(c, reservataires.get(c.reservataireId), logement, liberation.date),
    );
  if (convention) {
    const reservataire = reservataires.get(convention.reservataireId);
    if (!isEligible(convention, reservataire, logement, liberation.date)) {
      const defense = !!logement.stockDefense || reservataire?.kind === 'DEFENSE';
      out.push({
        code: defense ? 'DEFENSE' : 'INELIGIBLE',
        libelle: defense
          ? `Logement ${logement.id} : le stock DEFENSE ne va qu'aux conventions DEFENSE`
          : `Logement ${logement.id} non éligible pour la convention ${convention.reference} le ${liberation.date}`,
        liberationId: liberation.id,
        conventionId: convention.id,
      });
    }
  } else if (logement.stockDefense && eligibleDefense()) {
    out.push({
      code: 'DEFENSE',
      libelle: `Logement ${logement.id} du stock DEFENSE non orienté vers sa convention DEFENSE`,
      liberationId: liberation.id,
    });
  }
  if (destination.kind === 'EXCLU') {
    if ((state.exclusionsRestantes[destination.usage] ?? 0) <= 0) {
      out.push({
        code: 'EXCLU_QUOTA',
        libelle: `Usage exclu ${destination.usage} au-delà du prévisionnel (${plannedExclusions(state.exercice.assiette)[destination.usage]})`,
        liberationId: liberation.id,
      });
    }
    if (logement.stockDefense || logement.horsAssiette) {
      out.push({
        code: 'DEFENSE',
        libelle: `Logement ${logement.id} hors flux utilisé pour un usage exclu`,
        liberationId: liberation.id,
      });
    }
  }
  return out;
}

/** Year-end rules: the préfet's floors hors QPV and in each commune, on the flux actually shared. */
function judgeYear(scenario: Scenario, flats: FlatRecord[]): Violation[] {
  const out: Violation[] = [];
  const fluxByBailleur = groupBy(
    flats.filter((f) => inFlux(f.logement, f.destination)),
    (f) => f.logement.bailleurId,
  );
  for (const rule of prefetRules(scenario.conventions, scenario.reservataires)) {
    const inFluxFlats = fluxByBailleur.get(rule.bailleurId) ?? [];
    const toPrefet = (f: FlatRecord) =>
      f.destination.kind === 'CONVENTION' && f.destination.conventionId === rule.conventionId;
    const horsQpv = inFluxFlats.filter((f) => !f.logement.qpv);
    const got = horsQpv.filter(toPrefet).length;
    const floor = floorOf(rule.taux, horsQpv.length);
    if (got < floor) {
      out.push({
        code: 'PREFET_HORS_QPV',
        libelle: `Préfet : ${got} logements hors QPV sur ${horsQpv.length}, plancher ${floor} (${(rule.taux * 100).toFixed(1)} %)`,
        conventionId: rule.conventionId,
      });
    }
    if (!rule.parCommune) continue;
    for (const [commune, group] of groupBy(inFluxFlats, (f) => f.logement.commune)) {
      const n = group.filter(toPrefet).length;
      const min = floorOf(rule.taux, group.length);
      if (n < min) {
        out.push({
          code: 'PREFET_COMMUNE',
          libelle: `Préfet : ${n} logements sur ${group.length} à ${commune}, plancher ${min}`,
          conventionId: rule.conventionId,
        });
      }
    }
  }
  return out;
}

/**
 * The year's forecast libérations by commune × QPV × typologie for one bailleur: the scenario's own
 * forecast when it has one, else the flats in the flux times the exercice's turnover rate.
 */
export function offrePrevueOf(scenario: Scenario, exercice: Exercice): NonNullable<EngineState['offrePrevue']> {
  const given = scenario.offresPrevues?.filter((o) => o.bailleurId === exercice.bailleurId);
  if (given && given.length > 0) return given.map(({ bailleurId: _, ...cell }) => cell);
  const cells = new Map<string, CelluleOffre>();
  for (const l of scenario.logements) {
    if (l.bailleurId !== exercice.bailleurId || horsFlux(l)) continue;
    ajouterOffre(cells, l, exercice.assiette.tauxRotation);
  }
  return [...cells.values()];
}

/**
 * The metrics M of one simulated year (defined precisely in docs/simulation.md). Counting metrics
 * read the engine state at 31 December; behaviour metrics follow every flat to its lease.
 */
import type { DelegationMode, ReservataireKind } from '@aiguillage/engine';
import { expectedFraction, floorOf, inFlux, plannedExclusions, prefetRules } from './rules';
import type { Scenario } from './scenario';
import type { FlatRecord, Violation } from './simulator';
import { CIBLES_LEGALES } from './objectifs-legaux';

export interface ConventionOutcome {
  conventionId: string;
  reference: string;
  bailleurId: string;
  /** Code of the réservataire. */
  reservataire: string;
  kind: ReservataireKind;
  delegation: DelegationMode;
  /** The real year's objective: a share of the flux actually shared (TAUX), or the count (see `objectifReel`). */
  objectif: number;
  /** The objective set on the forecast flux (the exercice's). */
  objectifPrevision: number;
  /** Flats the strategy oriented to the convention. */
  oriente: number;
  /** Propositions counted at 31 December (orientations minus returns that do not count). */
  propositions: number;
  /** propositions − objectif. */
  ecart: number;
  /** propositions − objectifPrevision. */
  ecartPrevision: number;
  /** Largest gap over the year to the expected progress, against the real-year objective, and against the forecast one. */
  prefixMax: number;
  prefixMaxPrevision: number;
  /** Prefix deviation on the flux actually freed so far (percentage conventions; counts: as prefixMax). */
  prefixMaxFlux: number;
  /** Prefix deviation against the objective estimated each day (what its progress page showed), see `PrefixTracker.deviationDuJour`. */
  prefixMaxDuJour: number;
  /** What counts under the convention's décompte mode at 31 December. */
  realise: number;
  attributions: number;
  baux: number;
  retours: number;
  qpv: number;
  horsQpv: number;
  attributionsPrioritaires: number;
  propositions30Juin: number;
}

export interface Metrics {
  /** Σ |propositions − objective| at 31/12, against the real-year objective (the bilan's). */
  l1: number;
  /** The same against the forecast-based objective. */
  l1Prevision: number;
  withinOnePrevision: number;
  /** Prefix deviation: the largest gap to the expected progress at any date, over conventions (max), and its mean over conventions. */
  prefixMax: number;
  prefixMean: number;
  /** The same on the flux actually freed so far (Tijdeman's sense), see `PrefixTracker.deviationFlux`. */
  prefixFluxMax: number;
  prefixFluxMean: number;
  /** The same against the objective of the real year as estimated each day: the engine's tracking, the year's size aside. */
  prefixDuJourMax: number;
  prefixDuJourMean: number;
  maxAbsDeviation: number;
  withinOne: number;
  hardViolations: number;
  prefetHorsQpvMet: number | null;
  prefetCommuneSpread: number | null;
  q1HorsQpvShare: number | null;
  /** Among flats of the flux in QPV, share attributed to households of quartiles 2–4. CCH target ≥ 0.5. */
  q234QpvShare: number | null;
  prioritairesMinShare: number | null;
  /** Attributions of the réservataire holding that smallest share (ties: the fewest): 1–3 make the min noise. */
  prioritairesMinAttributions: number | null;
  /**
   * Priority households missing to the 25 % target, summed over réservataires (Σ max(0, 25 % ×
   * attributions − priority ones)): each réservataire's share weighed by its size, so one with a
   * single attribution weighs a quarter of a household, not a share of 0.
   */
  prioritairesManquants: number;
  vacancyDaysMean: number;
  refusalRate: number;
  maxMidYearLag: number;
  /** Σ |realised under the décompte mode − objective|: depends on behaviour, not only on decisions. */
  l1Realise: number;
  /** Share of flats oriented to a DIRECTE convention whose délai expired without candidates. */
  expiryRate: number;
  exclusionsPrevues: number;
  exclusionsServies: number;
}

const round = (x: number, digits = 4) => Math.round(x * 10 ** digits) / 10 ** digits;
const share = (part: number, whole: number) => (whole > 0 ? round(part / whole) : null);
/** The largest of per-convention figures (0 without any), and their mean, to the thousandth. */
const plusGrand = (xs: number[]) => round(Math.max(0, ...xs), 3);
const moyenne = (xs: number[]) => round(xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length), 3);

export function computeMetrics(
  scenario: Scenario,
  flats: FlatRecord[],
  outcomes: ConventionOutcome[],
  violations: Violation[],
): Metrics {
  // DEFENSE conventions keep identified stock flats that no strategy chooses: reported per
  // convention, left out of the counting metrics.
  const counted = outcomes.filter((o) => o.kind !== 'DEFENSE');
  const deviations = counted.map((o) => Math.abs(o.propositions - o.objectif));
  const deviationsPrevision = counted.map((o) => Math.abs(o.propositions - o.objectifPrevision));
  const prefixes = counted.map((o) => o.prefixMax);
  const prefixesFlux = counted.map((o) => o.prefixMaxFlux);
  const prefixesDuJour = counted.map((o) => o.prefixMaxDuJour);
  const exercices = new Map(scenario.exercices.map((e) => [e.bailleurId, e]));
  const midYearLag = (o: ConventionOutcome) => {
    const exercice = exercices.get(o.bailleurId)!;
    return o.objectif * expectedFraction(exercice, `${exercice.annee}-06-30`) - o.propositions30Juin;
  };

  // Préfet: hors-QPV floor met, and how unevenly its rate spreads over communes.
  const fluxFlats = flats.filter((f) => inFlux(f.logement, f.destination));
  const fluxByBailleur = groupBy(fluxFlats, (f) => f.logement.bailleurId);
  const prefet = prefetRules(scenario.conventions, scenario.reservataires).map((rule) => {
    const fluxFlats = fluxByBailleur.get(rule.bailleurId) ?? [];
    const isPrefet = (f: FlatRecord) =>
      f.destination.kind === 'CONVENTION' && f.destination.conventionId === rule.conventionId;
    const horsQpv = fluxFlats.filter((f) => !f.logement.qpv);
    const met = horsQpv.filter(isPrefet).length >= floorOf(rule.taux, horsQpv.length);
    const overall = fluxFlats.length > 0 ? fluxFlats.filter(isPrefet).length / fluxFlats.length : 0;
    let spread = 0;
    for (const group of groupBy(fluxFlats, (f) => f.logement.commune).values()) {
      spread += Math.abs(group.filter(isPrefet).length - overall * group.length);
    }
    return { met, spread: fluxFlats.length > 0 ? spread / fluxFlats.length : 0 };
  });

  // Households, followed to their lease.
  const attributed = fluxFlats.map((f) => ({ flat: f, a: f.timeline.attribution }));
  const horsQpv = attributed.filter((x) => !x.flat.logement.qpv);
  const reservataireOf = new Map(scenario.conventions.map((c) => [c.id, c.reservataireId]));
  const byReservataire = groupBy(
    attributed.filter((x) => x.a.reservataire && x.flat.destination.kind === 'CONVENTION'),
    (x) => reservataireOf.get((x.flat.destination as { conventionId: string }).conventionId)!,
  );
  const parReservataire = [...byReservataire.values()].map((group) => ({
    p: group.filter((x) => x.a.prioritaire).length,
    n: group.length,
  }));
  const prioritaireMin = parReservataire
    .map(({ p, n }) => ({ part: p / n, n }))
    .reduce<{ part: number; n: number } | null>(
      (min, r) => (!min || r.part < min.part || (r.part === min.part && r.n < min.n) ? r : min),
      null,
    );
  const candidats = flats.reduce((s, f) => s + f.timeline.candidats, 0);
  const directe = flats.filter((f) => f.destination.kind === 'CONVENTION' && !f.timeline.delegue);
  const planned = scenario.exercices.reduce(
    (s, e) => s + Object.values(plannedExclusions(e.assiette)).reduce((a, b) => a + b, 0),
    0,
  );

  return {
    l1: round(deviations.reduce((a, b) => a + b, 0)),
    l1Prevision: round(deviationsPrevision.reduce((a, b) => a + b, 0)),
    withinOnePrevision: share(deviationsPrevision.filter((d) => d <= 1 + 1e-9).length, deviationsPrevision.length) ?? 1,
    prefixMax: plusGrand(prefixes),
    prefixMean: moyenne(prefixes),
    prefixFluxMax: plusGrand(prefixesFlux),
    prefixFluxMean: moyenne(prefixesFlux),
    prefixDuJourMax: plusGrand(prefixesDuJour),
    prefixDuJourMean: moyenne(prefixesDuJour),
    maxAbsDeviation: round(Math.max(0, ...deviations)),
    withinOne: share(deviations.filter((d) => d <= 1 + 1e-9).length, deviations.length) ?? 1,
    hardViolations: violations.length,
    prefetHorsQpvMet: share(prefet.filter((p) => p.met).length, prefet.length),
    prefetCommuneSpread: prefet.length > 0 ? round(Math.max(...prefet.map((p) => p.spread))) : null,
    q1HorsQpvShare: share(horsQpv.filter((x) => x.a.quartile === 1).length, horsQpv.length),
    q234QpvShare: share(
      attributed.filter((x) => x.flat.logement.qpv && x.a.quartile >= 2).length,
      attributed.filter((x) => x.flat.logement.qpv).length,
    ),
    prioritairesMinShare: prioritaireMin ? round(prioritaireMin.part) : null,
    prioritairesMinAttributions: prioritaireMin?.n ?? null,
    prioritairesManquants: round(
      parReservataire.reduce((s, { p, n }) => s + Math.max(0, CIBLES_LEGALES.prioritaires * n - p), 0),
      2,
    ),
    vacancyDaysMean: round(flats.reduce((s, f) => s + f.timeline.vacanceJours, 0) / Math.max(1, flats.length), 2),
    refusalRate:
      share(
        flats.reduce((s, f) => s + f.timeline.refus, 0),
        candidats,
      ) ?? 0,
    maxMidYearLag: round(Math.max(0, ...counted.map(midYearLag))),
    l1Realise: round(counted.reduce((s, o) => s + Math.abs(o.realise - o.objectif), 0)),
    expiryRate: share(directe.filter((f) => f.timeline.expire).length, directe.length) ?? 0,
    exclusionsPrevues: planned,
    exclusionsServies: flats.filter((f) => f.destination.kind === 'EXCLU').length,
  };
}

export function groupBy<T>(items: T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const g = groups.get(k);
    if (g) g.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

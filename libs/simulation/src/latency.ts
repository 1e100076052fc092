/**
 * Synthetic engine states for latency measurements: a generated département's largest bailleur,
 * its conventions (DEFENSE aside) cloned with their réservataires and demand profiles up to the
 * wanted count, the first half-year oriented by a plain turn among eligible conventions; and the
 * timing of `recommend` on them.
 */
import { GCProfiler, getHeapStatistics } from 'node:v8';
import type { Convention, Logement, ProfilDemande, Reservataire } from '@aiguillage/engine';
import type { Destination, EngineState } from '@aiguillage/engine';
import { applyOrientation, createState } from '@aiguillage/engine';
import { DEFAULT_POLICY, type Policy } from '@aiguillage/engine';
import { recommend } from '@aiguillage/engine';
import type { DepartementData } from './demo-export';
import { isEligible } from './rules';

/** The bailleur with the most libérations. */
export function largestBailleur(data: Pick<DepartementData, 'logements' | 'liberations'>): string {
  const bailleurOf = new Map(data.logements.map((l) => [l.id, l.bailleurId]));
  const counts = new Map<string, number>();
  for (const l of data.liberations) {
    const b = bailleurOf.get(l.logementId)!;
    counts.set(b, (counts.get(b) ?? 0) + 1);
  }
  return [...counts].sort((a, b) => b[1] - a[1])[0][0];
}

/**
 * A 30 June state with `size` conventions, and the second half-year's flats to recommend on.
 * Clones divide the template's rate so that the total reserved share stays the same; clones of
 * the préfet become employers (one préfet per bailleur).
 */
export function syntheticState(
  data: DepartementData,
  size: number,
  offrePrevue?: EngineState['offrePrevue'],
): { state: EngineState; flats: Array<{ logement: Logement; date: string }> } {
  const bailleurId = largestBailleur(data);
  const exercice = data.exercices.find((e) => e.bailleurId === bailleurId)!;
  const logements = new Map(data.logements.map((l) => [l.id, l]));
  const reservatairesById = new Map(data.reservataires.map((r) => [r.id, r]));
  const templates = data.conventions.filter(
    (c) => c.bailleurId === bailleurId && reservatairesById.get(c.reservataireId)!.kind !== 'DEFENSE',
  );
  const profilOf = new Map(data.profils.map((p) => [p.reservataireId, p]));
  const conventions: Convention[] = [];
  const reservataires: Reservataire[] = [];
  const profils: ProfilDemande[] = [];
  for (let i = 0; i < size; i++) {
    const t = templates[i % templates.length];
    const r = reservatairesById.get(t.reservataireId)!;
    const original = i < templates.length;
    const reservataire: Reservataire = original
      ? r
      : { ...r, id: `${r.id}~${i}`, code: `${r.code}~${i}`, kind: r.kind === 'ETAT' ? 'EMPLOYEUR' : r.kind };
    const share = Math.min(1, templates.length / size);
    conventions.push({
      ...t,
      id: original ? t.id : `${t.id}~${i}`,
      reservataireId: reservataire.id,
      reference: original ? t.reference : `${t.reference}~${i}`,
      cible: t.cible.type === 'TAUX' ? { type: 'TAUX', taux: t.cible.taux * share } : t.cible,
    });
    reservataires.push(reservataire);
    const profil = profilOf.get(r.id);
    if (profil) profils.push(original ? profil : { ...profil, reservataireId: reservataire.id });
  }
  let state = createState({
    exercice: { ...exercice, objectifs: [] },
    conventions,
    reservataires,
    profils,
    offrePrevue,
  });

  const own = data.liberations.filter(
    (l) => l.kind === 'ROTATION' && logements.get(l.logementId)!.bailleurId === bailleurId,
  );
  const midYear = `${exercice.annee}-06-30`;
  const byId = new Map(reservataires.map((r) => [r.id, r]));
  let turn = 0;
  for (const l of own.filter((x) => x.date <= midYear)) {
    const logement = logements.get(l.logementId)!;
    let destination: Destination = { kind: 'BAILLEUR' };
    for (let k = 0; k < conventions.length; k++) {
      const c = conventions[(turn + k) % conventions.length];
      if (isEligible(c, byId.get(c.reservataireId), logement, l.date)) {
        destination = { kind: 'CONVENTION', conventionId: c.id };
        turn = (turn + k + 1) % conventions.length;
        break;
      }
    }
    state = applyOrientation(state, logement, destination, { attenteCandidats: false });
  }
  const flats = own
    .filter((x) => x.date > midYear)
    .map((l) => ({ logement: logements.get(l.logementId)!, date: l.date }));
  return { state, flats };
}

export interface Latency {
  p50Ms: number;
  p99Ms: number;
  meanMs: number;
  /** Measured calls (after the warm-up). */
  calls: number;
  /** Options returned by one call (every convention and sub-quota, excluded uses, the bailleur). */
  options: number;
  /** p50 per returned option, in microseconds: a flat figure means linear growth. */
  usPerOption: number;
  /** Memory one call allocates, in kB (the young collections it causes set the tail of the latency). */
  kbPerCall: number;
}

/** The value at quantile `q` (0..1) of ascending samples. */
export function percentile(sorted: ArrayLike<number>, q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

const r3 = (x: number) => Math.round(x * 1000) / 1000;

/** The median of `xs` (the mean of the two middle values for an even count). */
export function median(xs: readonly number[]): number {
  if (xs.length === 0) throw new Error('median : aucune valeur');
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/**
 * Rounds of measurements, each round every size in the same order (smallest first, largest last):
 * per size the median of each figure over the rounds, and the growth from the smallest to the
 * largest size as the median of each round's ratio of their p50 (the two measured moments apart,
 * under the same load).
 */
export function medianeDesTours(tours: ReadonlyArray<readonly Latency[]>): { parTaille: Latency[]; growth: number } {
  if (tours.length === 0 || tours.some((t) => t.length !== tours[0].length || t.length === 0))
    throw new Error('tours : chaque tour mesure les mêmes tailles, au moins une');
  const parTaille = tours[0].map((premier, i) => {
    const m = (key: keyof Latency) => r3(median(tours.map((t) => t[i][key])));
    // The calls and options are the same in every round.
    return {
      ...premier,
      p50Ms: m('p50Ms'),
      p99Ms: m('p99Ms'),
      meanMs: m('meanMs'),
      usPerOption: m('usPerOption'),
      kbPerCall: Math.round(m('kbPerCall')),
    };
  });
  const growth = median(tours.map((t) => t[t.length - 1].p50Ms / Math.max(1e-6, t[0].p50Ms)));
  return { parTaille, growth };
}

/**
 * Times `calls` sequential `recommend` calls on the flats in turn, after `warmup` untimed calls
 * (JIT, caches of the state) and a full GC when the process exposes it (`node --expose-gc`):
 * the garbage of the measured calls themselves is still collected, and counted, during the run.
 */
export function measureLatency(
  state: EngineState,
  flats: ReadonlyArray<{ logement: Logement; date: string }>,
  { warmup, calls, policy = DEFAULT_POLICY }: { warmup: number; calls: number; policy?: Policy },
): Latency {
  if (flats.length === 0) throw new Error('flats : aucun logement à orienter');
  if (!Number.isInteger(calls) || calls < 1)
    throw new Error(`calls : ${calls} n'est pas un nombre d'appels (entier ≥ 1)`);
  if (!Number.isInteger(warmup) || warmup < 0)
    throw new Error(`warmup : ${warmup} n'est pas un nombre d'appels (entier ≥ 0)`);
  const call = (i: number) => {
    const f = flats[i % flats.length];
    return recommend(f.logement, state, policy, f.date);
  };
  for (let i = 0; i < warmup; i++) call(i);
  (globalThis as { gc?: () => void }).gc?.();
  const samples = new Float64Array(calls);
  for (let i = 0; i < calls; i++) {
    const started = process.hrtime.bigint();
    call(warmup + i);
    samples[i] = Number(process.hrtime.bigint() - started) / 1e6;
  }
  samples.sort();
  const kbPerCall = allocatedKb(call, warmup + calls, Math.min(calls, ALLOCATION_CALLS));
  const p50 = percentile(samples, 0.5);
  const options = call(0).options.length;
  return {
    p50Ms: r3(p50),
    p99Ms: r3(percentile(samples, 0.99)),
    meanMs: r3(samples.reduce((a, b) => a + b, 0) / calls),
    calls,
    options,
    usPerOption: r3((p50 * 1000) / options),
    kbPerCall,
  };
}

/** Calls over which the allocation is measured, after the timed ones (not during: the profiler has a cost). */
const ALLOCATION_CALLS = 200;

/**
 * Memory allocated per call over `n` calls from `first`: what the heap gained, plus what each
 * collection during them freed (`GCProfiler` reports the heap before and after each).
 */
function allocatedKb(call: (i: number) => unknown, first: number, n: number): number {
  const profiler = new GCProfiler();
  profiler.start();
  const before = getHeapStatistics().used_heap_size;
  for (let i = 0; i < n; i++) call(first + i);
  const after = getHeapStatistics().used_heap_size;
  let freed = 0;
  for (const gc of profiler.stop()?.statistics ?? [])
    freed += gc.beforeGC.heapStatistics.usedHeapSize - gc.afterGC.heapStatistics.usedHeapSize;
  return Math.round((after - before + freed) / n / 1024);
}

/**
 * A lower bound on the prefix deviation that no online strategy can beat, computed from two real
 * years of the same département that nobody can tell apart for a while: same forecast, same
 * behaviour seed, the same libérations up to some date, different flux afterwards (the +0 % and the
 * +10 % families of one seed: the added re-lettings come 30 days or more after a first libération).
 *
 * An online strategy decides on what happened so far, so up to the last common date d its counts
 * are the same in both years, while a percentage convention's real-year objective differs by
 * objectif prévu × (n_B − n_A) / flux prévu (n: the bailleur's libérations in the flux). At d one of
 * the two years is at least half that gap × the expected fraction at d away from its expected
 * progress: max(prefixMax_A, prefixMax_B) ≥ max over conventions of the bound, and the same for the
 * mean (the mean of the larger of two is at least the mean of the bounds). Assumed: both years serve
 * the same excluded uses (the flux shared is the flux freed minus them; reported here: the plan).
 */
import { fenetreConvention, fractionAttendue, partAttendue, type Liberation } from '@aiguillage/engine';
import { fluxLiberations, horsFlux, objectiveOf } from './rules';
import type { Scenario } from './scenario';

export interface BorneConvention {
  reference: string;
  /** The last date both years share (every decision of the bailleur up to it identical). */
  date: string;
  /** Real-year objective in each year, the planned excluded uses served (only their gap matters). */
  objectifA: number;
  objectifB: number;
  /** |objectifB − objectifA| / 2 × the expected fraction of the convention at `date`. */
  borne: number;
}

export interface BornePrefixe {
  /** No online strategy has both prefixMax_A and prefixMax_B below this. */
  prefixMax: number;
  /** No online strategy has both prefixMean_A and prefixMean_B below this. */
  prefixMean: number;
  conventions: BorneConvention[];
}

/** The last date before the two years' libérations of one bailleur first differ (null: none shared). */
function derniereDateCommune(a: Liberation[], b: Liberation[]): string | null {
  let i = 0;
  while (i < a.length && i < b.length && a[i].id === b[i].id && a[i].date === b[i].date) i++;
  if (i === a.length && i === b.length) return a.length ? a[a.length - 1].date : null;
  const divergence = [a[i]?.date, b[i]?.date].filter((d): d is string => !!d).sort()[0];
  for (let k = i - 1; k >= 0; k--) if (a[k].date < divergence) return a[k].date;
  return null;
}

export function bornePrefixe(a: Scenario, b: Scenario): BornePrefixe {
  if (a.seed !== b.seed)
    throw new Error('borne de préfixe : les deux années doivent partager la graine du comportement');
  const logements = new Map(a.logements.map((l) => [l.id, l]));
  const parBailleur = (s: Scenario) => {
    const m = new Map<string, Liberation[]>();
    for (const l of fluxLiberations(s)) {
      const bailleurId = logements.get(l.logementId)?.bailleurId;
      if (bailleurId) m.set(bailleurId, [...(m.get(bailleurId) ?? []), l]);
    }
    return m;
  };
  const liberationsA = parBailleur(a);
  const liberationsB = parBailleur(b);
  const dansLeFlux = (ls: Liberation[]) => ls.filter((l) => !horsFlux(logements.get(l.logementId)!)).length;
  const reservataires = new Map(a.reservataires.map((r) => [r.id, r]));
  const conventions: BorneConvention[] = [];
  for (const c of a.conventions) {
    if (reservataires.get(c.reservataireId)?.kind === 'DEFENSE') continue;
    const exercice = a.exercices.find((e) => e.bailleurId === c.bailleurId);
    if (!exercice) continue;
    const la = liberationsA.get(c.bailleurId) ?? [];
    const lb = liberationsB.get(c.bailleurId) ?? [];
    const date = derniereDateCommune(la, lb);
    const prevu = objectiveOf(exercice, c);
    const taux = c.cible.type === 'TAUX' && exercice.fluxARepartir > 0;
    const { mutations, relogements } = exercice.assiette;
    const exclusions = mutations + relogements.npnru + relogements.orcod + relogements.lhi;
    const reel = (ls: Liberation[]) =>
      taux ? (prevu * (dansLeFlux(ls) - exclusions)) / exercice.fluxARepartir : prevu;
    const objectifA = reel(la);
    const objectifB = reel(lb);
    const part = date ? partAttendue(fractionAttendue(exercice, date), fenetreConvention(c, exercice)) : 0;
    const borne = (Math.abs(objectifB - objectifA) / 2) * part;
    conventions.push({ reference: c.reference, date: date ?? '', objectifA, objectifB, borne });
  }
  const bornes = conventions.map((c) => c.borne);
  return {
    prefixMax: Math.max(0, ...bornes),
    prefixMean: bornes.length ? bornes.reduce((s, x) => s + x, 0) / bornes.length : 0,
    conventions: conventions.sort((x, y) => y.borne - x.borne),
  };
}

/**
 * Versioned conventions (issue 9, finding 11): a change of a convention's terms (délai, décompte,
 * return rule, rate, sub-quotas…) takes effect from its date; what was counted before stays
 * counted. A vacancy is counted under the terms in force on its libération date: its proposition
 * and every later step of that flat (candidates, expiry, CAL, lease, refusal) follow the terms the
 * flat was proposed under, so that no step is counted twice nor lost across a change.
 */
import type { Convention, Decompte } from './domain';
import type { EngineState } from './orientation';

/** The terms of a convention in force from `dateEffet` (until the next version's date). */
export interface VersionConvention {
  dateEffet: string;
  convention: Convention;
}

/** The versions of each versioned convention, by id, in ascending `dateEffet`. */
export type VersionsConventions = Readonly<Record<string, readonly VersionConvention[]>>;

/**
 * The terms of `convention` in force on `date`: the last version dated on or before it (the first
 * one before every version). Without versions: the convention as it is now. Without a date (a step
 * journaled before versions existed): the first version, the terms it was counted under then.
 */
export function termesAuJour(
  convention: Convention,
  versions: readonly VersionConvention[] | undefined,
  date: string | undefined,
): Convention {
  if (!versions || versions.length === 0) return convention;
  if (!date) return versions[0].convention;
  let found = versions[0].convention;
  for (const v of versions) {
    if (v.dateEffet <= date) found = v.convention;
    else break;
  }
  return found;
}

/** `termesAuJour` for a convention of the state. */
export function termesEnVigueur(
  state: Pick<EngineState, 'versions'>,
  convention: Convention,
  date: string | undefined,
): Convention {
  return termesAuJour(convention, state.versions?.[convention.id], date);
}

/** What each step weighs toward the objective under a décompte mode (MIXTE: its weights, equal thirds without). */
export function poidsDecompte(decompte: Decompte | undefined): {
  proposition: number;
  attribution: number;
  bail: number;
} {
  switch (decompte?.mode) {
    case 'ATTRIBUTION':
      return { proposition: 0, attribution: 1, bail: 0 };
    case 'BAIL':
      return { proposition: 0, attribution: 0, bail: 1 };
    case 'MIXTE':
      return decompte.poids ?? { proposition: 1 / 3, attribution: 1 / 3, bail: 1 / 3 };
    default:
      return { proposition: 1, attribution: 0, bail: 0 };
  }
}

const jourAvant = (iso: string) => new Date(Date.parse(`${iso}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);

/**
 * The periods of the convention's versions, each version's validity clipped to the days it is in
 * force (from its `dateEffet` to the day before the next one): the objective of a versioned
 * convention is the sum of each period's share.
 */
export function periodesVersions(versions: readonly VersionConvention[]): Convention[] {
  const out: Convention[] = [];
  versions.forEach((v, i) => {
    const suivante = versions[i + 1]?.dateEffet;
    const debut = v.dateEffet > v.convention.dateDebut ? v.dateEffet : v.convention.dateDebut;
    const finVersion = suivante ? jourAvant(suivante) : null;
    const fin = [finVersion, v.convention.dateFin ?? null].filter((d): d is string => !!d).sort()[0] ?? null;
    if (fin && fin < debut) return;
    out.push({ ...v.convention, dateDebut: debut, dateFin: fin });
  });
  return out;
}

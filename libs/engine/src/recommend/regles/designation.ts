/**
 * The households a convention's attribution is expected to bring, for the legal allocation targets
 * (CCH L.441-1). Under DIRECTE the réservataire sends its own candidate: a household of the group
 * with the share of its demand profile. Under DELEGUEE the bailleur designates from the
 * réservataire's applicants, examining several demandes per flat (CCH R.441-3: three per flat
 * before the CAL), and picks the one that serves the legal targets most: the flat's own criterion
 * (first quartile hors QPV, quartiles 2–4 in QPV) and a priority household count one each. With
 * `g` the profile's share of the flat's criterion and `p` its priority share (drawn independently),
 * the chosen household is in both when one of the three is (1 − (1 − gp)³); else, when one meets
 * exactly one criterion, it meets each in proportion to its frequency; else neither.
 */
import type { Convention } from '../../domain';

/** Demandes examined per flat when the bailleur designates (CCH R.441-3). */
export const DEMANDES_PAR_LOGEMENT = 3;

export interface PartsAttendues {
  /** Share of the flat's criterion (Q1 hors QPV, Q2–4 in QPV) among the households attributed. */
  critere: number;
  /** Share of priority households among them. */
  prioritaires: number;
}

/** The designated household's chances, the bailleur choosing among `n` demandes. */
export function partsDesignees(g: number, p: number, n = DEMANDES_PAR_LOGEMENT): PartsAttendues {
  const deux = g * p;
  const un = g * (1 - p) + (1 - g) * p;
  const zero = (1 - g) * (1 - p);
  const auMoinsDeux = 1 - (1 - deux) ** n;
  const exactementUn = (1 - deux) ** n - zero ** n;
  return {
    critere: auMoinsDeux + (un > 0 ? (exactementUn * g * (1 - p)) / un : 0),
    prioritaires: auMoinsDeux + (un > 0 ? (exactementUn * p * (1 - g)) / un : 0),
  };
}

/** The expected shares for one attribution through the convention: its delegated part designated, the rest direct. */
export function partsAttendues(convention: Convention, g: number, p: number): PartsAttendues {
  const d = convention.delegation;
  const delegue = d.mode === 'DELEGUEE' ? 1 : d.mode === 'PARTIELLE' ? (d.partDeleguee ?? 0) : 0;
  if (delegue === 0) return { critere: g, prioritaires: p };
  const des = partsDesignees(g, p);
  return {
    critere: delegue * des.critere + (1 - delegue) * g,
    prioritaires: delegue * des.prioritaires + (1 - delegue) * p,
  };
}

/**
 * The shares one attribution of this flat through the convention is expected to bring, as the rule
 * compares them: the profile's own shares, plus what the designation adds on this kind of flat
 * (QPV or not) beyond what it adds on average over both kinds. The designation's average gain
 * goes to the convention whatever flat it is given, so only its difference between flats steers
 * them; without délégation the shares are the profile's.
 */
export function partsDuLogement(convention: Convention, q1: number, p: number, qpv: boolean): PartsAttendues {
  const g = qpv ? 1 - q1 : q1;
  if (convention.delegation.mode === 'DIRECTE') return { critere: g, prioritaires: p };
  const ici = partsAttendues(convention, g, p);
  const ailleurs = partsAttendues(convention, 1 - g, p);
  const gainIci = ici.critere - g;
  const gainAilleurs = ailleurs.critere - (1 - g);
  const clamp = (x: number) => Math.min(1, Math.max(0, x));
  return {
    critere: clamp(g + (gainIci - gainAilleurs) / 2),
    prioritaires: clamp(p + (ici.prioritaires - ailleurs.prioritaires) / 2),
  };
}

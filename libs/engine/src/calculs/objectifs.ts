/**
 * Each convention's yearly objective (CCH R.441-5; guide of seed 000, "L'assiette"):
 *   base      = its rate × the flux *of its territory* (TAUX), or its year's draw on a pool of droits
 *               uniques (DROITS_UNIQUES, see `deficits.ts` for the pool across years);
 *   prorated  = base × the share of the year the convention is valid in;
 *   objective = prorated + the carried deficit due this year under its corrective action.
 */
import type { Convention, Exercice, ObjectifConvention, Reservataire, Territoire } from '../domain';
import type { EngineState } from '../orientation';
import { EngineInputError, requireFinite, round6 } from '../errors';
import { parseDate } from './saisonnalite';
import { periodesVersions, termesAuJour, type VersionsConventions } from '../versions';

/** The yearly target of the whole convention before prorating and any carried-in deficit. */
export function objectifBase(convention: Convention, fluxARepartir: number): number {
  const cible = convention.cible;
  if (cible.type === 'TAUX') {
    requireFinite(`conventions[${convention.id}].cible.taux`, cible.taux, { min: 0, max: 1 });
    return round6(cible.taux * fluxARepartir);
  }
  if (cible.type === 'DROITS_UNIQUES') {
    requireFinite(`conventions[${convention.id}].cible.nombre`, cible.nombre, { min: 0 });
    requireFinite(`conventions[${convention.id}].cible.annees`, cible.annees, { min: 1 });
    return round6(cible.nombre / cible.annees);
  }
  throw new EngineInputError(`conventions[${convention.id}].cible.type`, 'doit être TAUX ou DROITS_UNIQUES');
}

const isLeap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
const jourDeLAnnee = (iso: string): number => {
  const [y, m, d] = parseDate(iso);
  return Math.round((Date.UTC(y, m, d) - Date.UTC(y, 0, 1)) / 86_400_000) + 1;
};

/** Share (0..1) of year `annee` during which the convention is valid, in days (inclusive bounds). */
export function prorataValidite(convention: Pick<Convention, 'dateDebut' | 'dateFin'>, annee: number): number {
  const jours = isLeap(annee) ? 366 : 365;
  if (convention.dateDebut > `${annee}-12-31`) return 0;
  if (convention.dateFin && convention.dateFin < `${annee}-01-01`) return 0;
  const debut = convention.dateDebut < `${annee}-01-01` ? 1 : jourDeLAnnee(convention.dateDebut);
  const fin = !convention.dateFin || convention.dateFin > `${annee}-12-31` ? jours : jourDeLAnnee(convention.dateFin);
  return fin < debut ? 0 : round6((fin - debut + 1) / jours);
}

/**
 * The part of the carried deficit due in `annee`. The deficit is due from `deficitAnnee` (default:
 * the year of `dateDebut`): under REPORT that year only; under ETALEMENT a 1/N slice in each of its
 * N years, then nothing; under REMBOURSEMENT no flats (the deficit is an amount owed, recorded at the
 * closing of the year it comes from), but a surplus carried in still lowers that one year. Without a
 * year, the deficit is taken as due (the caller did not say which year it computes).
 */
export function deficitDu(convention: Convention, annee?: number): number {
  const deficit = convention.deficitReporte ?? 0;
  if (deficit === 0) return 0;
  const premiere =
    convention.deficitAnnee ?? parseDate(convention.dateDebut, `conventions[${convention.id}].dateDebut`)[0];
  if (convention.actionCorrective === 'ETALEMENT') {
    const annees = convention.etalementAnnees ?? 1;
    requireFinite(`conventions[${convention.id}].etalementAnnees`, annees, { min: 1, integer: true });
    if (annee !== undefined && (annee < premiere || annee >= premiere + annees)) return 0;
    return round6(deficit / annees);
  }
  if (convention.actionCorrective === 'REMBOURSEMENT' && deficit > 0) return 0;
  if (annee !== undefined && annee !== premiere) return 0;
  return deficit;
}

/** @deprecated kept for callers of the former API: `deficitDu` without a year. */
export function reportDeficit(convention: Convention): number {
  return deficitDu(convention);
}

/** The territory a convention's rights apply in: its own, else its réservataire's (null: the whole département). */
export function territoireConvention(
  convention: Convention,
  reservataire?: Pick<Reservataire, 'territoire'>,
): Territoire | null {
  return convention.territoire ?? reservataire?.territoire ?? null;
}

/** True when a territory covers less than a whole département (communes or EPCIs listed). */
export function estTerritorial(territoire: Territoire | null | undefined): boolean {
  return !!(territoire?.communes?.length || territoire?.epcis?.length);
}

/** Does a place (commune, EPCI) lie within a territory (empty lists: the whole département)? */
export function couvre(territoire: Territoire | null | undefined, commune: string, epci?: string | null): boolean {
  if (!estTerritorial(territoire)) return true;
  return !!territoire!.communes?.includes(commune) || (!!epci && !!territoire!.epcis?.includes(epci));
}

/**
 * Share (0..1) of the flux lying in a territory, from the year's forecast supply by commune
 * (`prevoirOffre`: the flats under flux × turnover). 1 for a whole-département territory.
 */
export function partFluxTerritoire(
  territoire: Territoire | null | undefined,
  offre: NonNullable<EngineState['offrePrevue']>,
): number {
  if (!estTerritorial(territoire)) return 1;
  let total = 0;
  let dedans = 0;
  for (const cell of offre) {
    total += cell.nombre;
    if (couvre(territoire, cell.commune, cell.epci)) dedans += cell.nombre;
  }
  return total > 0 ? round6(dedans / total) : 0;
}

export interface ContexteObjectif {
  /** The exercice's year: prorates the validity and says which carried deficit is due. */
  annee?: number;
  /** Share (0..1) of the flux in the convention's territory (1: the whole département). */
  partTerritoire?: number;
}

/** The objective of one convention for the year (never negative). */
export function objectifAnnuel(convention: Convention, fluxARepartir: number, contexte: ContexteObjectif = {}): number {
  const part = contexte.partTerritoire ?? 1;
  requireFinite(`conventions[${convention.id}].partTerritoire`, part, { min: 0, max: 1 });
  const flux = convention.cible.type === 'TAUX' ? fluxARepartir * part : fluxARepartir;
  const prorata = contexte.annee === undefined ? 1 : prorataValidite(convention, contexte.annee);
  return Math.max(0, round6(objectifBase(convention, flux) * prorata + deficitDu(convention, contexte.annee)));
}

export interface ContexteObjectifs {
  reservataires?: Reservataire[];
  /** The year's forecast supply by commune (the weights of each territory's flux). */
  offrePrevue?: EngineState['offrePrevue'];
  /**
   * Versioned conventions: each version is owed its share for the days it is in force (its rate of
   * its territory's flux, prorated to those days); the carried deficit is added once.
   */
  versions?: VersionsConventions;
}

/**
 * Objectives of every convention of an exercice; an objective already set on the exercice wins. A
 * territorial convention (commune, EPCI, infra-departmental) takes its rate of its territory's flux,
 * weighed on the year's supply model (`offrePrevue`, which the live flow always builds from the
 * patrimoine). A state built without a supply model (unit scenarios) has no way to tell a territory's
 * flux: its territorial conventions then take the whole flux, so such states should set their objectives.
 */
export function objectifsAnnuels(
  exercice: Pick<Exercice, 'fluxARepartir' | 'objectifs'> & Partial<Pick<Exercice, 'annee'>>,
  conventions: Convention[],
  contexte: ContexteObjectifs = {},
): ObjectifConvention[] {
  const fixes = new Map(exercice.objectifs.map((o) => [o.conventionId, o.objectif]));
  const reservataires = new Map((contexte.reservataires ?? []).map((r) => [r.id, r]));
  return conventions.map((c) => {
    const fixe = fixes.get(c.id);
    if (fixe !== undefined) return { conventionId: c.id, objectif: fixe };
    const part = (x: Convention) => {
      const territoire = territoireConvention(x, reservataires.get(x.reservataireId));
      return x.cible.type === 'TAUX' && estTerritorial(territoire) && contexte.offrePrevue
        ? partFluxTerritoire(territoire, contexte.offrePrevue)
        : 1;
    };
    const versions = contexte.versions?.[c.id];
    if (versions?.length && exercice.annee !== undefined) {
      const annee = exercice.annee;
      const parts = periodesVersions(versions).reduce(
        (a, v) =>
          a + objectifAnnuel({ ...v, deficitReporte: 0 }, exercice.fluxARepartir, { annee, partTerritoire: part(v) }),
        0,
      );
      // The deficit due this year: under the terms the year ends under (a closing writes the next year's from 1 January).
      return {
        conventionId: c.id,
        objectif: Math.max(0, round6(parts + deficitDu(termesAuJour(c, versions, `${annee}-12-31`), annee))),
      };
    }
    return {
      conventionId: c.id,
      objectif: objectifAnnuel(c, exercice.fluxARepartir, { annee: exercice.annee, partTerritoire: part(c) }),
    };
  });
}

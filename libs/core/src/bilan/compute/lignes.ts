/**
 * What each line of the bilan counts for: one predicate per indicator, one key per breakdown. The
 * totals, the breakdowns and the drill-down (`detail.ts`) all go through these functions, so a
 * figure and the list of flats behind it can never disagree.
 */
import {
  dansLeFlux,
  termesAuJour,
  type Convention,
  type Logement,
  type Reservataire,
  type VersionsConventions,
} from '@aiguillage/engine';
import type { Dimension, LigneBilan, LogementBilan, PeriodeConstruction } from './types';

/** Construction periods used when the bailleur's settings define none (documented in docs/bilan.md). */
export const PERIODES_PAR_DEFAUT: PeriodeConstruction[] = [
  { libelle: 'Avant 1949', debut: null, fin: 1948 },
  { libelle: '1949-1974', debut: 1949, fin: 1974 },
  { libelle: '1975-1989', debut: 1975, fin: 1989 },
  { libelle: '1990-2004', debut: 1990, fin: 2004 },
  { libelle: '2005-2014', debut: 2005, fin: 2014 },
  { libelle: 'Depuis 2015', debut: 2015, fin: null },
];
export const PERIODE_INCONNUE = 'Année inconnue';

export function periodeDe(annee: number | null, periodes: PeriodeConstruction[]): string {
  if (annee === null || annee === undefined) return PERIODE_INCONNUE;
  const p = periodes.find((x) => (x.debut === null || annee >= x.debut) && (x.fin === null || annee <= x.fin));
  return p ? p.libelle : PERIODE_INCONNUE;
}

export const INDICATEURS = [
  'liberes',
  'premieresLocations',
  'horsAssiette',
  'dansLeFlux',
  'exclus',
  'fluxReel',
  'nonReserve',
  'nonDecides',
  'proposes',
  'attribues',
  'baux',
  'retours',
  'retoursComptes',
  'refus',
  'derogations',
  'attribuesPrioritaires',
  'attribuesHorsQpv',
  'attribuesHorsQpvQ1',
  'attribuesQpv',
  'attribuesQpvQ234',
  'loues',
] as const;
export type Indicateur = (typeof INDICATEURS)[number];

/** The engine's rule for the flux (not DEFENSE stock, not sold or demolished), on a bilan flat. */
export function logementDansLeFlux(l: LogementBilan): boolean {
  return dansLeFlux(l as unknown as Logement);
}

/**
 * A flat freed this year that belongs to the flux: in the assiette and not a new programme's first
 * letting, unless the convention it went to counts first lettings (recorded in the flux, as the
 * engine then counts it in the flux oriented).
 */
export function ligneDansLeFlux(l: LigneBilan): boolean {
  const dansLeFluxDeSaConvention = l.decision?.destination === 'CONVENTION' && l.decision.horsFlux === false;
  return (l.kind !== 'NEUF' || dansLeFluxDeSaConvention) && logementDansLeFlux(l.logement);
}

type Predicat = (l: LigneBilan, c: Convention | undefined) => boolean;

const attribueEnCal = (l: LigneBilan) => PREDICATS.proposes(l, undefined) && l.attribution !== null;

const PREDICATS: Record<Indicateur, Predicat> = {
  liberes: () => true,
  premieresLocations: (l) => l.kind === 'NEUF',
  horsAssiette: (l) => !logementDansLeFlux(l.logement),
  dansLeFlux: (l) => ligneDansLeFlux(l),
  exclus: (l) => l.decision?.destination === 'EXCLU',
  fluxReel: (l) => ligneDansLeFlux(l) && l.decision?.destination !== 'EXCLU',
  nonReserve: (l) => l.decision?.destination === 'BAILLEUR',
  nonDecides: (l) => l.decision === null,
  // A first letting outside the flux counts for no one; a counted mutation is proposed, attributed and let at once.
  proposes: (l) => (l.decision?.destination === 'CONVENTION' && !l.decision.horsFlux) || !!l.mutationComptee,
  attribues: (l) => PREDICATS.proposes(l, undefined) && (l.attribution !== null || !!l.mutationComptee),
  baux: (l) => PREDICATS.proposes(l, undefined) && (l.bail !== null || !!l.mutationComptee),
  retours: (l) => l.proposition?.statut === 'EXPIREE',
  retoursComptes: (l, c) => l.proposition?.statut === 'EXPIREE' && !!c?.delegation.retourCompte,
  refus: (l) => l.refus > 0,
  derogations: (l) => !!l.decision?.derogation && !l.mutationComptee,
  // The legal objectives weigh CAL attributions only (a mutation has none, as in the engine).
  attribuesPrioritaires: (l) => attribueEnCal(l) && !!l.attribution?.prioritaire,
  attribuesHorsQpv: (l) => attribueEnCal(l) && !l.logement.qpv,
  attribuesHorsQpvQ1: (l) => attribueEnCal(l) && !l.logement.qpv && l.attribution?.quartile === 1,
  attribuesQpv: (l) => attribueEnCal(l) && l.logement.qpv,
  attribuesQpvQ234: (l) => attribueEnCal(l) && l.logement.qpv && l.attribution?.quartile !== 1,
  loues: (l) => l.bail !== null,
};

export function compte(l: LigneBilan, indicateur: Indicateur, c?: Convention): boolean {
  return PREDICATS[indicateur](l, c);
}

/** How much a line weighs in an indicator (refusals count each refusal, the rest one flat). */
export function poids(l: LigneBilan, indicateur: Indicateur, c?: Convention): number {
  if (!PREDICATS[indicateur](l, c)) return 0;
  return indicateur === 'refus' ? l.refus : 1;
}

export function valeurDimension(l: LigneBilan, dimension: Dimension, periodes: PeriodeConstruction[]): string {
  switch (dimension) {
    case 'typologie':
      return l.logement.typologie;
    case 'financement':
      return l.logement.financement;
    case 'qpv':
      return l.logement.qpv ? 'QPV' : 'Hors QPV';
    case 'commune':
      return l.logement.commune;
    case 'periode':
      return periodeDe(l.logement.anneeConstruction, periodes);
  }
}

/** Whole days between two ISO days. */
export function joursEntre(debut: string, fin: string): number {
  return Math.round((Date.parse(`${fin}T00:00:00Z`) - Date.parse(`${debut}T00:00:00Z`)) / 86_400_000);
}

/**
 * Whether a convention's rights cover a flat's place: its own territory, else its réservataire's
 * (the same reading as the recommendation engine's eligibility): the département, then the
 * communes or EPCIs listed (none listed: the whole département).
 */
export function couvre(
  convention: Convention,
  reservataire: Reservataire | undefined,
  l: Pick<LogementBilan, 'commune' | 'epci' | 'departement'>,
): boolean {
  const t = convention.territoire ?? reservataire?.territoire ?? null;
  if (!t) return l.departement === convention.departement;
  if (t.departement && t.departement !== l.departement) return false;
  const communes = t.communes ?? [];
  const epcis = t.epcis ?? [];
  if (communes.length === 0 && epcis.length === 0) return true;
  return communes.includes(l.commune) || (!!l.epci && epcis.includes(l.epci));
}

/**
 * The lines that count for a convention, as the live flow counts them: the flats oriented to it (a
 * first letting recorded outside the flux among them counts for nothing: `horsFlux`), and, when its
 * terms on the line's date count mutations (`compteMutations`), each mutation of its territory, as a
 * copy marked `mutationComptee` (the engine's `compterMutation`: each opted-in convention covering
 * the flat counts it).
 */
export function lignesDeConvention(
  convention: Convention,
  reservataire: Reservataire | undefined,
  lignes: readonly LigneBilan[],
  versions: VersionsConventions = {},
): LigneBilan[] {
  return lignes.flatMap((l): LigneBilan[] => {
    if (l.decision?.destination === 'CONVENTION') return l.decision.conventionId === convention.id ? [l] : [];
    if (l.decision?.usage !== 'MUTATION') return [];
    const termes = termesAuJour(convention, versions[convention.id], l.date);
    const comptee =
      termes.compteMutations &&
      termes.departement === l.logement.departement &&
      couvre(termes, reservataire, l.logement);
    return comptee ? [{ ...l, mutationComptee: true }] : [];
  });
}

/**
 * The bilan's objective figures, on the engine's own functions: the objective (`objectifAnnuel`,
 * `reportDeficit`), what counts under the décompte (`realise` on the year's counters), the gap and
 * what the corrective action makes of it; the legal objectives and the QPV commitments.
 */
import {
  cloturerConvention,
  deficitDu,
  emptyProgress,
  objectifAnnuel,
  objectifsAnnuels,
  periodesVersions,
  realise,
  round6,
  termesAuJour,
  type ClotureConvention,
  type Convention,
  type Exercice,
  type VersionConvention,
} from '@aiguillage/engine';
import type { Compteurs, EngagementMesure, IssueActionCorrective, ObjectifBilan, ObjectifLegal } from './types';

/** CCH L.441-1 defaults, adjustable by the convention's commitments (and the CIA). */
export const SEUILS_LEGAUX = { prioritaires: 0.25, q1HorsQpv: 0.25, q234Qpv: 0.5 } as const;

const fr = (x: number) => x.toLocaleString('fr-FR', { maximumFractionDigits: 2 });

/** Propositions still counted: a flat returned after its délai is withdrawn unless the convention counts returns. */
export function propositionsComptees(c: Compteurs): number {
  return c.proposes - (c.retours - c.retoursComptes);
}

/** What counted under the convention's décompte mode (the engine's `realise` on the year's counters). */
export function decompte(convention: Convention, c: Compteurs): number {
  const progress = {
    ...emptyProgress(convention.id, 0),
    propositions: propositionsComptees(c),
    attributions: c.attribues,
    baux: c.baux,
  };
  return realise(progress, convention);
}

/**
 * What the corrective action makes of the gap at year end: the engine's year-end close
 * (`cloturerConvention`: REPORT, ETALEMENT with the spread still running, REMBOURSEMENT, a surplus
 * carried as a negative deficit, a DROITS_UNIQUES pool carrying its own), with the part of the
 * carried deficit due next year (`deficitDu`) and the reason in French.
 */
export function issueActionCorrective(
  convention: Convention,
  annee: number,
  objectif: number,
  fait: number,
): IssueActionCorrective {
  const cloture = cloturerConvention(convention, annee, objectif, fait);
  const deficitReporte = cloture.suite.deficitReporte ?? 0;
  const dueAnneeSuivante = deficitDu({ ...convention, ...cloture.suite }, annee + 1);
  return {
    action: convention.actionCorrective,
    ecart: cloture.ecart,
    deficitReporte,
    dueAnneeSuivante,
    aRembourser: cloture.aRembourser,
    explication: explication(convention, cloture, dueAnneeSuivante),
  };
}

function explication(convention: Convention, { ecart, aRembourser, suite }: ClotureConvention, due: number): string {
  const report = suite.deficitReporte ?? 0;
  if (suite.cible.type === 'DROITS_UNIQUES') {
    return `Droits uniques : ${fr(suite.cible.nombre)} droit(s) restant(s) sur ${suite.cible.annees} an(s), sans déficit reporté ni remboursé.`;
  }
  if (aRembourser > 0)
    return `Déficit de ${fr(aRembourser)} logement(s) remboursé selon la convention : aucun logement reporté.`;
  if (report === 0)
    return ecart === 0
      ? 'Objectif atteint exactement : rien à reporter.'
      : `L'excédent de ${fr(-ecart)} logement(s) solde l'étalement en cours : rien à reporter.`;
  if (report < 0)
    return `Objectif dépassé de ${fr(-report)} logement(s) : l'excédent vient en déduction de l'objectif suivant.`;
  if (convention.actionCorrective !== 'ETALEMENT')
    return `Déficit de ${fr(report)} logement(s) reporté en totalité sur l'an prochain.`;
  const annees = convention.etalementAnnees ?? 1;
  if (ecart === 0) return `Objectif atteint : l'étalement en cours continue, ${fr(due)} dû l'an prochain.`;
  const enCours = round6(report - ecart);
  const dont =
    enCours !== 0
      ? ` (écart de l'année ${fr(ecart)}, ${enCours > 0 ? 'plus' : 'moins'} ${fr(Math.abs(enCours))} de l'étalement en cours)`
      : '';
  return `Déficit de ${fr(report)} logement(s)${dont} étalé sur ${annees} an(s) : ${fr(due)} par an à partir de l'an prochain.`;
}

/**
 * The objective on a flux under versioned terms, as the engine sets it (`objectifsAnnuels`): each
 * version's share for the days it is in force, plus the carried deficit due this year, once, under
 * the terms the year ends under. Without versions: `objectifAnnuel`.
 */
export function objectifSurFlux(
  convention: Convention,
  versions: readonly VersionConvention[] | undefined,
  flux: number,
  annee: number,
): number {
  if (!versions?.length) return objectifAnnuel(convention, flux, { annee });
  const parts = periodesVersions(versions).reduce(
    (a, v) => a + objectifAnnuel({ ...v, deficitReporte: 0 }, flux, { annee }),
    0,
  );
  return Math.max(0, round6(parts + deficitDu(termesAuJour(convention, versions, `${annee}-12-31`), annee)));
}

/**
 * The objective figures of one convention: the forecast one (the live flow's, `prevu`, else the
 * exercice's) and the one on the flux actually to share on its territory; the décompte (`fait`, each
 * vacancy under the terms of its date); the gap, closed under the terms the year ends under.
 */
export function objectifConvention(
  convention: Convention,
  annee: number,
  exercice: Exercice | null,
  fluxReelTerritoire: number,
  fait: number,
  options: { versions?: readonly VersionConvention[]; prevu?: number } = {},
): ObjectifBilan {
  const { versions, prevu } = options;
  const fin = termesAuJour(convention, versions, `${annee}-12-31`);
  const prevision =
    prevu ??
    (exercice
      ? objectifsAnnuels(exercice, [convention], { versions: versions ? { [convention.id]: versions } : undefined })[0]
          .objectif
      : objectifSurFlux(convention, versions, 0, annee));
  const reel = objectifSurFlux(convention, versions, fluxReelTerritoire, annee);
  const ecart = round6(reel - fait);
  return {
    prevision,
    reel,
    fluxReelTerritoire,
    reportEntrant: deficitDu(fin, annee),
    decompte: fait,
    ecart,
    issue: issueActionCorrective(fin, annee, reel, fait),
  };
}

function legal(
  code: ObjectifLegal['code'],
  libelle: string,
  seuil: number,
  numerateur: number,
  denominateur: number,
): ObjectifLegal {
  const part = denominateur > 0 ? round6(numerateur / denominateur) : null;
  return { code, libelle, seuil, numerateur, denominateur, part, atteint: part === null ? null : part >= seuil - 1e-9 };
}

/** The CCH L.441-1 objectives on the attributions counted in `c` (seuils: the convention's, else the law's). */
export function objectifsLegaux(c: Compteurs, engagements: Convention['engagements'] = {}): ObjectifLegal[] {
  return [
    legal(
      'PRIORITAIRES',
      'Attributions aux ménages prioritaires',
      engagements.prioritairesMin ?? SEUILS_LEGAUX.prioritaires,
      c.attribuesPrioritaires,
      c.attribues,
    ),
    legal(
      'Q1_HORS_QPV',
      'Attributions hors QPV au premier quartile',
      engagements.q1HorsQpvMin ?? SEUILS_LEGAUX.q1HorsQpv,
      c.attribuesHorsQpvQ1,
      c.attribuesHorsQpv,
    ),
    legal(
      'Q234_QPV',
      'Attributions en QPV aux quartiles 2 à 4',
      engagements.q234QpvMin ?? SEUILS_LEGAUX.q234Qpv,
      c.attribuesQpvQ234,
      c.attribuesQpv,
    ),
  ];
}

/** The convention's QPV / hors QPV commitments against the share of its proposed flats. */
export function engagementsQpv(convention: Convention, proposes: number, proposesQpv: number): EngagementMesure[] {
  const out: EngagementMesure[] = [];
  const mesure = (code: string, libelle: string, bornes: { min?: number; max?: number } | undefined, n: number) => {
    if (!bornes || (bornes.min === undefined && bornes.max === undefined)) return;
    const part = proposes > 0 ? round6(n / proposes) : null;
    const respecte =
      part === null
        ? null
        : (bornes.min === undefined || part >= bornes.min - 1e-9) &&
          (bornes.max === undefined || part <= bornes.max + 1e-9);
    out.push({ code, libelle, min: bornes.min ?? null, max: bornes.max ?? null, part, respecte });
  };
  mesure('QPV', 'Part des logements proposés en QPV', convention.engagements?.qpv, proposesQpv);
  mesure('HORS_QPV', 'Part des logements proposés hors QPV', convention.engagements?.horsQpv, proposes - proposesQpv);
  return out;
}

/**
 * Réservataires and their conventions with each bailleur (the former stock holders of each flat
 * are drawn in `ancien-stock.ts`).
 */
import type {
  ActionCorrective,
  Cible,
  Contrepartie,
  Convention,
  Decompte,
  DecompteMode,
  Delegation,
  Engagements,
  Reservataire,
  ReservataireKind,
  SousQuota,
  Territoire,
} from '@aiguillage/engine';
import type { Rng } from './random';
import { EPCIS, type BailleurDef } from './referentiel';
import type { Geographie } from './geographie';
import { floorTo } from './util';

/** What the generator knows of one bailleur's flux before the exercice is built. */
export interface PrevisionBailleur {
  bailleurId: string;
  def: BailleurDef;
  /** Expected libérations of the assiette flats in the year (sum of probabilities). */
  attendu: number;
  attenduHorsQpv: number;
  attenduParCommune: Map<string, number>;
  /** Assiette flats per commune. */
  assietteParCommune: Map<string, number>;
  /** Expected turnover rate of the assiette. */
  rotation: number;
  /** Expected libérations of its DEFENSE stock (outside the assiette). */
  attenduDefense: number;
}

export interface ReservatairesDemo {
  liste: Reservataire[];
  parCode: Map<string, Reservataire>;
}

const directe = (delaiJours = 30, retourCompte = true): Delegation => ({
  mode: 'DIRECTE',
  delaiJours,
  candidatsMax: 3,
  retourCompte,
});
const deleguee = (): Delegation => ({ mode: 'DELEGUEE', delaiJours: 0, candidatsMax: 3, retourCompte: true });
const partielle = (partDeleguee: number): Delegation => ({
  mode: 'PARTIELLE',
  delaiJours: 30,
  candidatsMax: 3,
  partDeleguee,
  retourCompte: true,
});
const decompte = (mode: DecompteMode): Decompte =>
  mode === 'MIXTE' ? { mode, poids: { proposition: 0.5, attribution: 0.3, bail: 0.2 } } : { mode };

/** CCH L.441-1 objectives, set where the law applies (EPCIs with a QPV or a PLH to make). */
function objectifsLegaux(soumis: boolean): Engagements {
  return soumis ? { prioritairesMin: 0.25, q1HorsQpvMin: 0.25, q234QpvMin: 0.5 } : { prioritairesMin: 0.25 };
}

/** Communes holding reservations (loan guarantees, land, funding) and their base rate. */
const COMMUNES_RESERVATAIRES: ReadonlyArray<{
  nom: string;
  taux: number;
  contrepartie: Contrepartie;
  decompte?: DecompteMode;
  delegation?: Delegation;
  expireMiAnnee?: boolean;
}> = [
  { nom: 'Chantevière', taux: 0.15, contrepartie: 'GARANTIE_EMPRUNT' },
  {
    nom: 'Saint-Aubin-sur-Loirette',
    taux: 0.2,
    contrepartie: 'GARANTIE_EMPRUNT',
    decompte: 'ATTRIBUTION',
    delegation: directe(15),
  },
  { nom: 'Fleury-lès-Chantevière', taux: 0.12, contrepartie: 'GARANTIE_EMPRUNT', expireMiAnnee: true },
  { nom: 'Marcilly-la-Forêt', taux: 0.25, contrepartie: 'FONCIER', delegation: deleguee() },
  { nom: 'Montargel', taux: 0.18, contrepartie: 'GARANTIE_EMPRUNT' },
  { nom: 'Villiers-les-Forges', taux: 0.1, contrepartie: 'GARANTIE_EMPRUNT' },
  { nom: 'Vernelle', taux: 0.15, contrepartie: 'GARANTIE_EMPRUNT', decompte: 'BAIL' },
  { nom: 'Orgeval-sur-Loirette', taux: 0.1, contrepartie: 'GARANTIE_EMPRUNT' },
  { nom: 'Sarmont', taux: 0.12, contrepartie: 'FINANCEMENT' },
];

/** Cap of reservations granted for loan guarantees, on the flux of the collectivité's territory. */
export const PLAFOND_GARANTIE_EMPRUNT = 0.2;
/** The préfet's contingent: at most 30 % of the flux, of which at most 5 points for fonctionnaires. */
export const PLAFOND_ETAT = 0.3;
export const PLAFOND_FONCTIONNAIRES = 0.05;

export function genererReservataires(
  ids: Rng,
  geo: Geographie,
  departement: string,
  nomDepartement: string,
): ReservatairesDemo {
  const dep: Territoire = { departement };
  const inseeDe = (nom: string) => geo.communes.find((c) => c.def.nom === nom)!.commune.insee;
  const agglo = geo.epciSirenByKey.get('CHANT')!;
  const r = (code: string, nom: string, kind: ReservataireKind, territoire: Territoire): Reservataire => ({
    id: ids.uuid(),
    code,
    nom,
    kind,
    territoire,
  });
  const liste: Reservataire[] = [
    r(`ETAT-${departement}`, `Préfet du ${nomDepartement} (contingent préfectoral)`, 'ETAT', dep),
    r('ALS', 'Action Logement Services', 'ALS', dep),
    r(`DEP-${departement}`, `Département du ${nomDepartement}`, 'DEPARTEMENT', dep),
    r(`EPCI-${agglo}`, 'Chantevière Agglomération', 'EPCI', { departement, epcis: [agglo] }),
    ...COMMUNES_RESERVATAIRES.map((c) => {
      const insee = inseeDe(c.nom);
      return r(`COM-${insee}`, `Commune de ${c.nom}`, 'COMMUNE', { departement, communes: [insee] });
    }),
    r('DEFENSE', 'Ministère des Armées et Ministère de l’Intérieur (défense et sécurité intérieure)', 'DEFENSE', dep),
    r('EMP-CHC', 'Centre hospitalier de Chantevière', 'EMPLOYEUR', { departement, epcis: [agglo] }),
    r('ORG-HJVL', 'Association Habitat Jeunes du Val-de-Loirette', 'ORGANISME', {
      departement,
      communes: [inseeDe('Chantevière'), inseeDe('Montargel')],
    }),
  ];
  return { liste, parCode: new Map(liste.map((x) => [x.code, x])) };
}

interface Spec {
  code: string;
  cible: Cible;
  delegation: Delegation;
  decompte: DecompteMode;
  engagements?: Engagements;
  sousQuotas?: SousQuota[];
  contrepartie: Contrepartie;
  actionCorrective?: ActionCorrective;
  etalementAnnees?: number;
  deficitReporte?: number;
  compteMutations?: boolean;
  dateDebut?: string;
  dateFin?: string | null;
  territorial?: boolean;
}

const taux = (t: number): Cible => ({ type: 'TAUX', taux: t });

/** A convention's terms at one bailleur, in the tables below (keyed by bailleur key). */
interface Termes {
  taux: number;
  delegation: Delegation;
  decompte: DecompteMode;
  deficit?: number;
  action?: ActionCorrective;
  engagements?: Engagements;
  compteMutations?: boolean;
}

/** What a convention takes from its terms as they stand: its rate (capped where told), délégation and décompte. */
function convenu(t: Termes, plafond = 1): Pick<Spec, 'cible' | 'delegation' | 'decompte'> {
  return { cible: taux(Math.min(t.taux, plafond)), delegation: t.delegation, decompte: t.decompte };
}

/** Préfet: 30 % everywhere; the délégation and décompte vary by bailleur. */
const TERMES_ETAT: Record<string, Termes> = {
  LH: { taux: 0.3, delegation: deleguee(), decompte: 'PROPOSITION' },
  IVL: { taux: 0.3, delegation: deleguee(), decompte: 'ATTRIBUTION', deficit: -3 },
  HPM: { taux: 0.3, delegation: directe(30), decompte: 'PROPOSITION' },
  CTV: { taux: 0.3, delegation: deleguee(), decompte: 'PROPOSITION' },
  FSL: { taux: 0.3, delegation: partielle(0.5), decompte: 'PROPOSITION' },
};

/** Action Logement: a large share, candidates brought directly within 30 days. */
const TERMES_ALS: Record<string, Termes> = {
  LH: { taux: 0.18, delegation: directe(30), decompte: 'PROPOSITION', deficit: 8, engagements: { qpv: { max: 0.35 } } },
  IVL: {
    taux: 0.24,
    delegation: directe(30),
    decompte: 'PROPOSITION',
    action: 'ETALEMENT',
    engagements: { typologies: { T2: { min: 0.2 }, T3: { min: 0.3 } } },
  },
  HPM: { taux: 0.2, delegation: directe(30), decompte: 'BAIL', deficit: 3 },
  CTV: { taux: 0.15, delegation: directe(30, false), decompte: 'PROPOSITION', action: 'REMBOURSEMENT' },
  FSL: { taux: 0.22, delegation: directe(30), decompte: 'ATTRIBUTION', deficit: 2 },
};

const TERMES_DEPARTEMENT: Record<string, Termes> = {
  LH: { taux: 0.04, delegation: deleguee(), decompte: 'MIXTE' },
  IVL: { taux: 0.03, delegation: directe(30), decompte: 'PROPOSITION' },
  HPM: { taux: 0.02, delegation: directe(30), decompte: 'PROPOSITION' },
};

/** The agglomeration, on its territory, for loan guarantees. */
const TERMES_EPCI: Record<string, Termes> = {
  LH: { taux: 0.05, delegation: partielle(0.5), decompte: 'PROPOSITION', compteMutations: true },
  IVL: { taux: 0.05, delegation: directe(30), decompte: 'ATTRIBUTION' },
};

export interface ConventionsContext {
  rng: Rng;
  ids: Rng;
  annee: number;
  scale: number;
  departement: string;
  geo: Geographie;
  reservataires: ReservatairesDemo;
}

/** Flats owed (or in surplus) from last year, scaled to the demo size. */
function deficit(n: number, scale: number): number {
  return Math.round(n * scale);
}

function specsBailleur(ctx: ConventionsContext, p: PrevisionBailleur): Spec[] {
  const { annee, scale, departement, rng } = ctx;
  const key = p.def.key;
  const agglo = ctx.geo.epciSirenByKey.get('CHANT')!;
  const specs: Spec[] = [];

  // Préfet: 30 % of the flux, of which 5 points for fonctionnaires; uniform per commune; hors QPV its
  // share may not fall below its rate, i.e. at least the hors-QPV share of the bailleur's flux.
  const etat = TERMES_ETAT[key];
  specs.push({
    code: `ETAT-${departement}`,
    ...convenu(etat, PLAFOND_ETAT),
    engagements: {
      horsQpv: { min: floorTo(p.attenduHorsQpv / p.attendu, 2) },
      tauxUniformeParCommune: true,
      q1HorsQpvMin: 0.25,
      q234QpvMin: 0.5,
    },
    sousQuotas: [
      { code: 'FONCTIONNAIRES', libelle: "Agents civils et militaires de l'État", taux: PLAFOND_FONCTIONNAIRES },
    ],
    contrepartie: 'AUTRE',
    deficitReporte: deficit(etat.deficit ?? 0, scale),
  });

  const als = TERMES_ALS[key];
  specs.push({
    code: 'ALS',
    ...convenu(als),
    engagements: { ...objectifsLegaux(true), ...als.engagements },
    contrepartie: 'FINANCEMENT',
    actionCorrective: als.action,
    etalementAnnees: als.action === 'ETALEMENT' ? 3 : undefined,
    deficitReporte: deficit(als.deficit ?? 0, scale),
  });

  const dep = TERMES_DEPARTEMENT[key];
  if (dep) {
    specs.push({
      code: `DEP-${departement}`,
      ...convenu(dep),
      engagements: objectifsLegaux(true),
      contrepartie: 'FINANCEMENT',
    });
  }

  const epci = TERMES_EPCI[key];
  if (epci) {
    specs.push({
      code: `EPCI-${agglo}`,
      ...convenu(epci),
      engagements: objectifsLegaux(true),
      contrepartie: 'GARANTIE_EMPRUNT',
      compteMutations: epci.compteMutations,
      territorial: true,
    });
  }

  // Communes: on their own territory, where the bailleur's flux there makes at least a flat or two a year.
  const fluxParLiberation = 0.85; // flux to share / gross libérations, about (mutations and rehousing withdrawn)
  for (const cr of COMMUNES_RESERVATAIRES) {
    const info = ctx.geo.communes.find((c) => c.def.nom === cr.nom)!;
    let t = key === 'LH' ? cr.taux : Math.max(0.05, cr.taux - 0.03);
    if (cr.contrepartie === 'GARANTIE_EMPRUNT') t = Math.min(t, PLAFOND_GARANTIE_EMPRUNT);
    const attendu = t * (p.attenduParCommune.get(info.commune.insee) ?? 0) * fluxParLiberation;
    const tirage = rng.int(-1, 3); // drawn before the presence test: each commune keeps its draw
    if (attendu < Math.max(1, 2 * scale)) continue;
    specs.push({
      code: `COM-${info.commune.insee}`,
      cible: taux(Math.round(t * 100) / 100),
      delegation: cr.delegation ?? directe(30),
      decompte: cr.decompte ?? 'PROPOSITION',
      engagements: objectifsLegaux(EPCIS.find((e) => e.key === info.def.epci)!.soumisObjectifsQuartiles),
      contrepartie: cr.contrepartie,
      deficitReporte: attendu >= 4 ? deficit(tirage, scale) : 0,
      dateFin: cr.expireMiAnnee && key === 'LH' ? `${annee}-06-30` : null,
      territorial: true,
    });
  }

  // Défense nationale and sécurité intérieure: still en stock, on identified flats (no share of the flux).
  if (p.def.stockDefense > 0) {
    specs.push({
      code: 'DEFENSE',
      cible: taux(0),
      delegation: directe(30),
      decompte: 'PROPOSITION',
      contrepartie: 'FINANCEMENT',
    });
  }

  // Droits uniques: stock rights of an employer and an association turned into a pool of one-turn rights.
  if (key === 'LH') {
    specs.push({
      code: 'EMP-CHC',
      cible: { type: 'DROITS_UNIQUES', nombre: Math.max(1, Math.round(60 * scale)), annees: 5 },
      delegation: directe(21),
      decompte: 'PROPOSITION',
      engagements: { prioritairesMin: 0.25 },
      contrepartie: 'FINANCEMENT',
      dateDebut: `${annee - 1}-01-01`,
      dateFin: `${annee + 3}-12-31`,
      territorial: true,
    });
  }
  if (key === 'IVL') {
    specs.push({
      code: 'ORG-HJVL',
      cible: { type: 'DROITS_UNIQUES', nombre: Math.max(1, Math.round(18 * scale)), annees: 3 },
      delegation: directe(15),
      decompte: 'ATTRIBUTION',
      engagements: { prioritairesMin: 0.25, typologies: { T1: { min: 0.4 } } },
      contrepartie: 'FINANCEMENT',
      dateDebut: `${annee - 1}-01-01`,
      dateFin: `${annee + 1}-12-31`,
      territorial: true,
    });
  }
  return specs;
}

export function genererConventions(ctx: ConventionsContext, previsions: PrevisionBailleur[]): Convention[] {
  const out: Convention[] = [];
  for (const p of previsions) {
    for (const s of specsBailleur(ctx, p)) {
      const reservataire = ctx.reservataires.parCode.get(s.code)!;
      const debut = s.dateDebut ?? `${ctx.annee - 2}-01-01`;
      out.push({
        id: ctx.ids.uuid(),
        bailleurId: p.bailleurId,
        reservataireId: reservataire.id,
        departement: ctx.departement,
        territoire: s.territorial ? reservataire.territoire : null,
        reference: `CONV-${ctx.departement}-${p.def.key}-${s.code}-${debut.slice(0, 4)}`,
        cible: s.cible,
        decompte: decompte(s.decompte),
        delegation: s.delegation,
        engagements: s.engagements ?? {},
        sousQuotas: s.sousQuotas ?? [],
        contrepartie: s.contrepartie,
        actionCorrective: s.actionCorrective ?? 'REPORT',
        etalementAnnees: s.etalementAnnees ?? null,
        deficitReporte: s.deficitReporte ?? 0,
        compteMutations: s.compteMutations ?? false,
        dateDebut: debut,
        dateFin: s.dateFin ?? null,
      });
    }
  }
  return out;
}

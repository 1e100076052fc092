/**
 * One programme (résidence) and its flats: name, construction year, storeys, financement,
 * typologies, surfaces and rents; plus the RPLS identifiers of the flats.
 */
import { TYPOLOGIES, type Logement, type Programme } from '@aiguillage/engine';
import type { Rng } from './random';
import type { CommuneInfo, Geographie } from './geographie';
import {
  FINANCEMENT_EPOQUE,
  LOYER_M2,
  SURFACE_MOYENNE,
  TAILLE_PROGRAMME,
  TYPOLOGIE_EPOQUE,
  TYPOLOGIE_POIDS,
  type Epoque,
  type FinancementTirage,
} from './parametres';
import { round } from './util';

export interface PatrimoineContext {
  rng: Rng;
  programmeIds: Rng;
  logementIds: Rng;
  rpls: { next(): string };
  scale: number;
  annee: number;
  departement: string;
  geo: Geographie;
}

export type Forme = 'grandEnsemble' | 'collectifAncien' | 'collectifRecent' | 'individuel' | 'neuf';

const NOMS_LIEUX = [
  'Les Tilleuls',
  'Les Peupliers',
  'Le Clos Fleuri',
  'Les Glycines',
  'La Roseraie',
  'Les Acacias',
  'Le Parc',
  'Les Marronniers',
  'La Fontaine',
  'Les Coteaux',
  'Le Moulin',
  'Les Sablons',
  'La Prairie',
  'Les Vergers',
  'Le Bocage',
  'Les Charmilles',
  'La Source',
  'Les Lilas',
  'Le Belvédère',
  'Les Cèdres',
  'La Garenne',
  'Les Ormes',
  'Le Val Fleuri',
  'Les Hirondelles',
  'La Chesnaie',
  'Les Bruyères',
  'Le Pré Vert',
  'Les Saules',
];
const PREFIXES: Record<Forme, string[]> = {
  grandEnsemble: ['Cité', 'Quartier', 'Résidence'],
  collectifAncien: ['Résidence', 'Cité'],
  collectifRecent: ['Résidence', 'Les Jardins de', 'Le Clos de'],
  individuel: ['Hameau de', 'Lotissement', 'Les Pavillons de'],
  neuf: ['Résidence', 'Les Terrasses de', "L'Orée de", 'Le Carré de'],
};

/** RPLS identifiers: increasing with random gaps, hence unique (10 digits, led by the département code). */
export function rplsSequence(rng: Rng, departement: string): { next(): string } {
  if (!/^\d{2}$/.test(departement))
    throw new Error(`departement : « ${departement} » doit être un code à deux chiffres`);
  let current = Number(departement) * 100_000_000 + rng.int(0, 9_999_999);
  return {
    next() {
      current += rng.int(1, 13);
      return String(current);
    },
  };
}

/** "Hameau de" + "Les Tilleuls" → "Hameau des Tilleuls" (French contraction of de + article). */
export function nomProgramme(prefixe: string, lieu: string): string {
  if (!prefixe.endsWith(' de')) return `${prefixe} ${lieu}`;
  const base = prefixe.slice(0, -3);
  const m = /^(Les|Le|La|L')\s?(.*)$/.exec(lieu);
  if (!m) return `${prefixe} ${lieu}`;
  const [, article, reste] = m;
  const de = { Les: 'des ', Le: 'du ', La: 'de la ', "L'": "de l'" }[article]!;
  return `${base} ${de}${reste}`;
}

function anneeConstruction(rng: Rng, epoque: Epoque, annee: number): number {
  switch (epoque) {
    case 'AVANT_1960':
      return rng.bernoulli(0.7) ? rng.int(1948, 1959) : rng.int(1920, 1947);
    case '1960_1979':
      return rng.int(1960, 1979);
    case '1980_1999':
      return rng.int(1980, 1999);
    case 'DEPUIS_2000':
      return rng.int(2000, annee - 1);
  }
}

function tableFinancement(anneeConstr: number, neuf: boolean): FinancementTirage[] {
  if (neuf) return FINANCEMENT_EPOQUE.neuf;
  if (anneeConstr < 1977) return FINANCEMENT_EPOQUE.avant1977;
  if (anneeConstr < 2000) return FINANCEMENT_EPOQUE['1977_1999'];
  return FINANCEMENT_EPOQUE.depuis2000;
}

function tirerFinancement(rng: Rng, table: FinancementTirage[]): FinancementTirage {
  return rng.weighted(
    table,
    table.map((t) => t.poids),
  );
}

function poidsTypologie(epoque: Epoque, forme: Forme): number[] {
  return TYPOLOGIES.map((t) => {
    let w = TYPOLOGIE_POIDS[t] * TYPOLOGIE_EPOQUE[epoque][t];
    if (forme === 'individuel') w *= { T1: 0.1, T2: 0.4, T3: 1, T4: 1.5, T5: 1.7, T6: 1.5 }[t];
    return w;
  });
}

export function tailleProgramme(rng: Rng, forme: Forme, scale: number): number {
  const [min, max] = TAILLE_PROGRAMME[forme];
  // Skewed towards the small end (most programmes are small; a few estates are very large).
  const u = rng.next();
  const size = min + (max - min) * u * u;
  return Math.max(3, Math.round(size * Math.min(1, Math.sqrt(scale))));
}

export interface ProgrammeSpec {
  commune: CommuneInfo;
  qpv: boolean;
  forme: Forme;
  epoque: Epoque;
  taille: number;
  neuf: boolean;
}

export function genererProgramme(ctx: PatrimoineContext, bailleurId: string, spec: ProgrammeSpec) {
  const { rng } = ctx;
  const tension = spec.commune.def.tension;
  const annee = spec.neuf ? ctx.annee : anneeConstruction(rng, spec.epoque, ctx.annee);
  const qpvCode = spec.qpv
    ? rng.weighted(
        spec.commune.qpvs.map((q) => q.code),
        spec.commune.qpvs.map((q) => q.poids),
      )
    : null;
  const programme: Programme = {
    id: ctx.programmeIds.uuid(),
    bailleurId,
    nom: nomProgramme(rng.pick(PREFIXES[spec.forme]), rng.pick(NOMS_LIEUX)),
    commune: spec.commune.commune.insee,
    anneeLivraison: annee,
  };
  // Storeys above the ground floor: houses 0, 1960s–70s estates R+4 to R+15, other buildings R+2 to R+6.
  const niveaux = spec.forme === 'individuel' ? 0 : spec.forme === 'grandEnsemble' ? rng.int(4, 15) : rng.int(2, 6);
  const ascenseur = niveaux >= 5 || (annee >= 1990 && niveaux >= 4) || (annee >= 2007 && niveaux >= 3);
  const table = tableFinancement(annee, spec.neuf);
  const principal = tirerFinancement(rng, table);
  const poidsTypo = poidsTypologie(spec.epoque, spec.forme);

  const logements: Logement[] = [];
  for (let i = 0; i < spec.taille; i++) {
    const typologie = TYPOLOGIES[rng.weightedIndex(poidsTypo)];
    // Programmes mostly carry one financement; a quarter of flats follow the mix of the period (PLUS/PLAI mixité).
    const fin = rng.bernoulli(0.25) ? tirerFinancement(rng, table) : principal;
    const etage = niveaux === 0 ? 0 : rng.int(0, niveaux);
    const surface = round(
      SURFACE_MOYENNE[typologie] * (spec.forme === 'individuel' ? 1.1 : 1) * Math.max(0.7, rng.normal(1, 0.1)),
      1,
    );
    const loyerM2 =
      LOYER_M2[fin.code === '17' ? 'PCL' : fin.financement] *
      (0.9 + 0.25 * tension) *
      (annee >= 2000 ? 1.08 : 1) *
      Math.max(0.8, rng.normal(1, 0.06));
    const accessible = etage === 0 || ascenseur;
    logements.push({
      id: ctx.logementIds.uuid(),
      rplsId: ctx.rpls.next(),
      bailleurId,
      programmeId: programme.id,
      commune: spec.commune.commune.insee,
      epci: spec.commune.commune.epci,
      departement: ctx.departement,
      qpv: spec.qpv,
      qpvCode,
      typologie,
      financement: fin.financement,
      financementCode: fin.financement === 'AUTRE' ? fin.code : null,
      anneeConstruction: annee,
      etage,
      ascenseur: niveaux === 0 ? false : ascenseur,
      pmr: accessible && rng.bernoulli(annee >= 2007 ? 0.85 : 0.06),
      surfaceM2: surface,
      loyerCentimes: Math.round(surface * loyerM2 * 100),
      stockDefense: false,
      horsAssiette: null,
      ancienReservataireId: null,
    });
  }
  return { programme, logements };
}

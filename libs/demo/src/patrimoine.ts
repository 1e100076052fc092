/**
 * The patrimoine of each bailleur: programmes (résidences) and their flats, plus the year's new
 * programmes, the flats in a sale plan or to demolish, and the identified DEFENSE stock.
 */
import { TYPOLOGIES, type Logement, type Programme } from '@aiguillage/engine';
import type { Rng } from './random';
import type { BailleurDef } from './referentiel';
import type { CommuneInfo, Geographie } from './geographie';
import {
  EPOQUES,
  EPOQUE_POIDS,
  FINANCEMENT_EPOQUE,
  LOYER_M2,
  PART_DEMOLITION,
  PART_NEUF,
  PART_VENTE,
  SURFACE_MOYENNE,
  TAILLE_PROGRAMME,
  TYPOLOGIE_EPOQUE,
  TYPOLOGIE_POIDS,
  type Epoque,
  type FinancementTirage,
} from './parametres';
import { allocate, round } from './util';

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

export interface PatrimoineBailleur {
  programmes: Programme[];
  logements: Logement[];
  /** Ids of the programmes delivered during the year (first letting "pour un tour"). */
  programmesNeufs: Set<string>;
}

type Forme = 'grandEnsemble' | 'collectifAncien' | 'collectifRecent' | 'individuel' | 'neuf';

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

function tailleProgramme(rng: Rng, forme: Forme, scale: number): number {
  const [min, max] = TAILLE_PROGRAMME[forme];
  // Skewed towards the small end (most programmes are small; a few estates are very large).
  const u = rng.next();
  const size = min + (max - min) * u * u;
  return Math.max(3, Math.round(size * Math.min(1, Math.sqrt(scale))));
}

interface ProgrammeSpec {
  commune: CommuneInfo;
  qpv: boolean;
  forme: Forme;
  epoque: Epoque;
  taille: number;
  neuf: boolean;
}

function genererProgramme(ctx: PatrimoineContext, bailleurId: string, spec: ProgrammeSpec) {
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

/** Mean size of a programme of this form (the size law is min + (max − min) u², E[u²] = 1/3). */
function tailleMoyenne(forme: Forme): number {
  const [min, max] = TAILLE_PROGRAMME[forme];
  return min + (max - min) / 3;
}

function formeCollective(epoque: Epoque, qpv: boolean): Forme {
  if (qpv)
    return epoque === '1960_1979' ? 'grandEnsemble' : epoque === 'DEPUIS_2000' ? 'collectifRecent' : 'collectifAncien';
  return epoque === 'DEPUIS_2000' || epoque === '1980_1999' ? 'collectifRecent' : 'collectifAncien';
}

/**
 * Period and form of the next programme of a segment. The weights are shares of *flats*, so each
 * (period, form) is drawn in inverse proportion to its mean programme size: a 1960s estate of 200
 * flats must not be drawn as often as a 15-house lotissement.
 */
function formeEtEpoque(rng: Rng, commune: CommuneInfo, qpv: boolean): { forme: Forme; epoque: Epoque } {
  const options: Array<{ forme: Forme; epoque: Epoque; poids: number }> = [];
  EPOQUES.forEach((epoque, i) => {
    const partEpoque = (qpv ? EPOQUE_POIDS.qpv : EPOQUE_POIDS.horsQpv)[i];
    const partIndividuel = qpv ? 0 : commune.def.partIndividuel;
    const collective = formeCollective(epoque, qpv);
    options.push({ forme: collective, epoque, poids: (partEpoque * (1 - partIndividuel)) / tailleMoyenne(collective) });
    if (partIndividuel > 0)
      options.push({ forme: 'individuel', epoque, poids: (partEpoque * partIndividuel) / tailleMoyenne('individuel') });
  });
  const { forme, epoque } = options[rng.weightedIndex(options.map((o) => o.poids))];
  return { forme, epoque };
}

/** Fills `count` flats of one bailleur × commune × QPV segment with programmes. */
function remplirSegment(
  ctx: PatrimoineContext,
  bailleurId: string,
  commune: CommuneInfo,
  qpv: boolean,
  count: number,
  out: PatrimoineBailleur,
) {
  let reste = count;
  while (reste > 0) {
    const { forme, epoque } = formeEtEpoque(ctx.rng, commune, qpv);
    let taille = Math.min(reste, tailleProgramme(ctx.rng, forme, ctx.scale));
    if (reste - taille > 0 && reste - taille < 3) taille = reste;
    const { programme, logements } = genererProgramme(ctx, bailleurId, {
      commune,
      qpv,
      forme,
      epoque,
      taille,
      neuf: false,
    });
    out.programmes.push(programme);
    out.logements.push(...logements);
    reste -= taille;
  }
}

export function genererPatrimoine(
  ctx: PatrimoineContext,
  bailleur: BailleurDef,
  bailleurId: string,
): PatrimoineBailleur {
  const out: PatrimoineBailleur = { programmes: [], logements: [], programmesNeufs: new Set() };
  const communes = ctx.geo.communes;
  const total = Math.max(10, Math.round(bailleur.logements * ctx.scale));
  const poids = communes.map((c) => c.def.poidsParc * (bailleur.affinites[c.epciKey] ?? 0));
  // A bailleur holds no scattered handful of flats: communes below a minimum presence are dropped.
  const sommePoids = poids.reduce((a, b) => a + b, 0);
  const minimum = Math.max(4, 30 * Math.sqrt(ctx.scale));
  const retenus = poids.map((w) => ((total * w) / sommePoids >= minimum ? w : 0));
  const parCommune = allocate(total, retenus.some((w) => w > 0) ? retenus : poids);

  communes.forEach((commune, i) => {
    const n = parCommune[i];
    if (n === 0) return;
    const nQpv = commune.qpvs.length ? Math.round(n * commune.partQpv) : 0;
    remplirSegment(ctx, bailleurId, commune, true, nQpv, out);
    remplirSegment(ctx, bailleurId, commune, false, n - nQpv, out);
  });

  // New programmes delivered this year, hors QPV, where the market is tense (SRU catch-up).
  let neufs = Math.round(total * PART_NEUF);
  const poidsNeuf = communes.map((c, i) => (parCommune[i] > 0 ? c.def.poidsParc * (0.3 + c.def.tension) : 0));
  while (neufs > 0) {
    const commune = communes[ctx.rng.weightedIndex(poidsNeuf)];
    const taille = Math.min(neufs, tailleProgramme(ctx.rng, 'neuf', ctx.scale));
    const { programme, logements } = genererProgramme(ctx, bailleurId, {
      commune,
      qpv: false,
      forme: 'neuf',
      epoque: 'DEPUIS_2000',
      taille,
      neuf: true,
    });
    out.programmes.push(programme);
    out.logements.push(...logements);
    out.programmesNeufs.add(programme.id);
    neufs -= taille;
  }
  return out;
}

/**
 * Marks the flats out of the assiette: a QPV estate (or part of it) under NPNRU demolition, and
 * hors-QPV programmes in the bailleur's sale plan. Whole programmes, the way plans are drawn.
 */
export function marquerHorsAssiette(rng: Rng, patrimoine: PatrimoineBailleur, scale: number): void {
  const parProgramme = new Map<string, Logement[]>();
  for (const l of patrimoine.logements) {
    if (patrimoine.programmesNeufs.has(l.programmeId!)) continue;
    const list = parProgramme.get(l.programmeId!) ?? [];
    list.push(l);
    parProgramme.set(l.programmeId!, list);
  }
  const existants = [...parProgramme.values()].reduce((a, l) => a + l.length, 0);

  const cibleDemolition = Math.round(existants * PART_DEMOLITION);
  const estates = rng.shuffle(
    [...parProgramme.values()].filter(
      (ls) => ls[0].qpv && ls[0].anneeConstruction! >= 1960 && ls[0].anneeConstruction! < 1980,
    ),
  );
  let demolis = 0;
  for (const ls of estates) {
    if (demolis >= cibleDemolition) break;
    // A building of the estate: at most what remains of the target.
    for (const l of ls.slice(0, cibleDemolition - demolis)) l.horsAssiette = 'DEMOLITION';
    demolis += Math.min(ls.length, cibleDemolition - demolis);
  }

  const cibleVente = Math.round(existants * PART_VENTE);
  const vendables = rng.shuffle(
    [...parProgramme.values()].filter(
      (ls) => !ls[0].qpv && ls[0].anneeConstruction! < 2000 && ls.length <= 40 * Math.max(0.3, Math.sqrt(scale)),
    ),
  );
  let vendus = 0;
  for (const ls of vendables) {
    if (vendus >= cibleVente) break;
    for (const l of ls) l.horsAssiette = 'VENTE';
    vendus += ls.length;
  }
}

/** Identifies the bailleur's DEFENSE stock: existing hors-QPV flats in garrison towns (T2–T4 favoured). */
export function marquerStockDefense(
  rng: Rng,
  patrimoine: PatrimoineBailleur,
  nombre: number,
  garnisons: ReadonlySet<string>,
): number {
  if (nombre <= 0) return 0;
  const candidats = patrimoine.logements.filter(
    (l) => garnisons.has(l.commune) && !l.qpv && !l.horsAssiette && !patrimoine.programmesNeufs.has(l.programmeId!),
  );
  const poids = (l: Logement) =>
    ({ T1: 0.5, T2: 1, T3: 1.3, T4: 1.2, T5: 0.8, T6: 0.5 })[l.typologie] * (l.anneeConstruction! >= 1980 ? 1.5 : 1);
  const choisis = echantillonPondere(rng, candidats, poids, nombre);
  for (const l of choisis) l.stockDefense = true;
  return choisis.length;
}

/** Weighted sampling without replacement (Efraimidis–Spirakis exponential keys): `k` items, in draw order. */
export function echantillonPondere<T>(rng: Rng, items: readonly T[], poids: (item: T) => number, k: number): T[] {
  if (k <= 0 || items.length === 0) return [];
  const keys = new Float64Array(items.length);
  const order: number[] = [];
  for (let i = 0; i < items.length; i++) {
    const w = poids(items[i]);
    const u = rng.next();
    if (w > 0) {
      keys[i] = -Math.log(1 - u) / w;
      order.push(i);
    }
  }
  order.sort((a, b) => keys[a] - keys[b] || a - b);
  return order.slice(0, k).map((i) => items[i]);
}

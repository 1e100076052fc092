/**
 * Per-state indexes, built lazily once and cached on the state's unchanging parts (the conventions
 * array, the forecast supply array, each demand profile) in WeakMaps: transitions share those
 * arrays, so a year of recommendations builds them once. Nothing here depends on the progress.
 */
import type {
  Convention,
  Exercice,
  Logement,
  ProfilDemande,
  Reservataire,
  ReservataireKind,
  Typologie,
} from '../domain';
import { TYPOLOGIES } from '../domain';
import type { Destination, EngineState, RuleCheck } from '../orientation';
import { rule } from './contexte';
import { pourcentFr } from './format';
import { fenetreConvention, type Fenetre } from '../calculs/saisonnalite';
import type { PartsAttendues } from './regles/designation';
import type { Engagement } from './regles/engagements';

export type { Fenetre };

export interface ConventionMeta {
  convention: Convention;
  /** The convention's id as an internalised string: fast lookups in large progress records. */
  cle: string;
  /** The destination of the convention's main option (shared, never mutated). */
  destination: Destination;
  /** « ALS Habitat — convention CONV-96-ALS-2026 »: who the option is, in words. */
  libelle: string;
  /** Each sub-quota's option, in the order of `convention.sousQuotas`. */
  sousQuotas: SousQuotaMeta[];
  reservataire?: Reservataire;
  kind?: ReservataireKind;
  profil?: ProfilDemande;
  /** Demand by commune × typologie of the profile (built once). */
  fit?: FitIndex;
  /** Territory of the convention (its own, else its réservataire's); null lists mean the whole département. */
  departement: string | null;
  communes: Set<string> | null;
  epcis: Set<string> | null;
  /** Validity window in the last exercice asked for (see `fenetreDe`). */
  fenetre?: Fenetre & { exercice: Exercice };
  /** Supply of the territory under the last model asked for (see `offreConvention`). */
  offre?: OffreConvention;
  /** The convention's commitments, built by the first evaluation (see `regles/engagements.ts`). */
  engagements?: Engagement[];
  /** Expected legal shares of an attribution, [hors QPV, in QPV], filled by the mixité rule (see `regles/designation.ts`). */
  partsLegales?: [PartsAttendues, PartsAttendues];
}

/** What a sub-quota's option is named and checked by, built once per index. */
export interface SousQuotaMeta {
  destination: Destination;
  /** « ALS Habitat — convention CONV-1, sous-quota Agents de l'État », as the console and Slack name it. */
  libelle: string;
  /** The hard rule, broken (its cap reached) or kept. */
  plafondAtteint: RuleCheck;
  sousPlafond: RuleCheck;
}

export interface StateIndex {
  metas: ConventionMeta[];
  byId: Map<string, ConventionMeta>;
  /** Conventions whose territory covers a place (commune|epci|département), filled lazily. */
  parLieu: Map<string, ConventionMeta[]>;
}

const stateIndexes = new WeakMap<
  Convention[],
  { reservataires: Reservataire[]; profils: ProfilDemande[]; annee: number; index: StateIndex }
>();

/** Each réservataire's profile for the year (else its latest), in one pass over the profiles. */
function profilsParReservataire(profils: ProfilDemande[], annee: number): Map<string, ProfilDemande> {
  const out = new Map<string, ProfilDemande>();
  for (const p of profils) {
    const best = out.get(p.reservataireId);
    if (!best || (best.annee !== annee && (p.annee === annee || p.annee > best.annee))) out.set(p.reservataireId, p);
  }
  return out;
}

export function stateIndex(state: EngineState): StateIndex {
  const cached = stateIndexes.get(state.conventions);
  if (
    cached &&
    cached.reservataires === state.reservataires &&
    cached.profils === state.profils &&
    cached.annee === state.exercice.annee
  )
    return cached.index;
  const reservataires = new Map(state.reservataires.map((r) => [r.id, r]));
  const profils = profilsParReservataire(state.profils, state.exercice.annee);
  const metas = state.conventions.map((convention): ConventionMeta => {
    const reservataire = reservataires.get(convention.reservataireId);
    const profil = profils.get(convention.reservataireId);
    const territoire = convention.territoire ?? reservataire?.territoire ?? null;
    const communes = territoire?.communes?.length ? new Set(territoire.communes) : null;
    const epcis = territoire?.epcis?.length ? new Set(territoire.epcis) : null;
    return {
      convention,
      cle: Object.keys({ [convention.id]: 0 })[0],
      destination: Object.freeze({ kind: 'CONVENTION' as const, conventionId: convention.id }),
      libelle: libelleConvention(convention, reservataire),
      sousQuotas: (convention.sousQuotas ?? []).map((sq): SousQuotaMeta => ({
        destination: Object.freeze({ kind: 'CONVENTION' as const, conventionId: convention.id, sousQuota: sq.code }),
        libelle: `${libelleConvention(convention, reservataire)}, sous-quota ${sq.libelle}`,
        plafondAtteint: Object.freeze(
          rule(
            'SOUS_QUOTA_PLAFOND',
            true,
            `Plafond du sous-quota ${sq.libelle} atteint (${pourcentFr(sq.taux)} du flux)`,
          ),
        ),
        sousPlafond: Object.freeze(rule('SOUS_QUOTA_PLAFOND', true, `Sous le plafond du sous-quota ${sq.libelle}`)),
      })),
      reservataire,
      kind: reservataire?.kind,
      profil,
      fit: profil && fitIndex(profil),
      departement: territoire?.departement ?? null,
      communes,
      epcis,
    };
  });
  const index: StateIndex = { metas, byId: new Map(metas.map((m) => [m.convention.id, m])), parLieu: new Map() };
  stateIndexes.set(state.conventions, {
    reservataires: state.reservataires,
    profils: state.profils,
    annee: state.exercice.annee,
    index,
  });
  return index;
}

/**
 * « ALS Habitat — convention CONV-96-ALS-2026 », as the console and Slack name it; « convention
 * CONV-96-ALS-2026 » when the state does not know its réservataire (never an id in a text).
 */
export function libelleConvention(convention: Convention, reservataire: Reservataire | undefined): string {
  return `${reservataire ? `${reservataire.nom} — ` : ''}convention ${convention.reference}`;
}

export const ANNEE_ENTIERE: Fenetre = Object.freeze({ debut: 0, fin: 1 });

/** `fenetreConvention`, cached on the meta. */
export function fenetreDe(meta: ConventionMeta, exercice: Exercice): Fenetre {
  if (meta.fenetre?.exercice !== exercice) {
    meta.fenetre = { exercice, ...fenetreConvention(meta.convention, exercice) };
  }
  return meta.fenetre;
}

export function coversPlace(
  meta: ConventionMeta,
  commune: string,
  epci: string | null | undefined,
  departement: string,
): boolean {
  if (meta.departement !== null && meta.departement !== departement) return false;
  if (!meta.communes && !meta.epcis) return true;
  return !!meta.communes?.has(commune) || (!!epci && !!meta.epcis?.has(epci));
}

/** Conventions whose territory covers the flat's place (cached per place). */
export function conventionsCovering(index: StateIndex, logement: Logement): ConventionMeta[] {
  const key = `${logement.commune}|${logement.epci ?? ''}|${logement.departement}`;
  let list = index.parLieu.get(key);
  if (!list) {
    list = index.metas.filter((m) => coversPlace(m, logement.commune, logement.epci, logement.departement));
    index.parLieu.set(key, list);
  }
  return list;
}

/** Supply aggregate of a territory: flats by QPV status and typologie. */
export interface Offre {
  total: number;
  qpv: number;
  horsQpv: number;
  typologies: Record<Typologie, number>;
}

export function emptyOffre(): Offre {
  return {
    total: 0,
    qpv: 0,
    horsQpv: 0,
    typologies: Object.fromEntries(TYPOLOGIES.map((t) => [t, 0])) as Record<Typologie, number>,
  };
}

function addTo(target: Offre, qpv: boolean, typologie: Typologie, n: number): void {
  target.total += n;
  if (qpv) target.qpv += n;
  else target.horsQpv += n;
  target.typologies[typologie] = (target.typologies[typologie] ?? 0) + n;
}

function addOffre(target: Offre, source: Offre): void {
  target.total += source.total;
  target.qpv += source.qpv;
  target.horsQpv += source.horsQpv;
  for (const t of TYPOLOGIES) target.typologies[t] += source.typologies[t];
}

/** The year's supply by place, either forecast (`offrePrevue`) or extrapolated from the flats oriented so far. */
export interface ModeleOffre {
  source: 'PREVISION' | 'OBSERVATION';
  global: Offre;
  parCommune: Map<string, Offre>;
  parEpci: Map<string, Offre>;
}

/** A convention's supply under one model, cached on its meta (a state has one model). */
interface OffreConvention {
  modele: ModeleOffre;
  /** The EPCIs of the territory this model has no cell for. */
  inconnus: string[];
  /** The supply summed from the model's cells alone (`inconnus` left out). */
  offre?: Offre;
}

interface Cellule {
  commune: string;
  epci?: string | null;
  qpv: boolean;
  typologie: Typologie;
  nombre: number;
}

export function buildModele(source: ModeleOffre['source'], cellules: Iterable<Cellule>, scale = 1): ModeleOffre {
  const modele: ModeleOffre = { source, global: emptyOffre(), parCommune: new Map(), parEpci: new Map() };
  for (const c of cellules) {
    const n = c.nombre * scale;
    if (!(n > 0)) continue;
    addTo(modele.global, c.qpv, c.typologie, n);
    let commune = modele.parCommune.get(c.commune);
    if (!commune) modele.parCommune.set(c.commune, (commune = emptyOffre()));
    addTo(commune, c.qpv, c.typologie, n);
    if (c.epci) {
      let epci = modele.parEpci.get(c.epci);
      if (!epci) modele.parEpci.set(c.epci, (epci = emptyOffre()));
      addTo(epci, c.qpv, c.typologie, n);
    }
  }
  return modele;
}

const modelesPrevus = new WeakMap<object, ModeleOffre>();

export function modelePrevu(offrePrevue: NonNullable<EngineState['offrePrevue']>): ModeleOffre {
  let modele = modelesPrevus.get(offrePrevue);
  if (!modele) modelesPrevus.set(offrePrevue, (modele = buildModele('PREVISION', offrePrevue)));
  return modele;
}

const parCorrespondance = new WeakMap<ModeleOffre, WeakMap<object, Map<string, Offre>>>();

/**
 * The supply a convention's territory can receive over the year under a model. An EPCI the model
 * does not know (forecast cells without `epci`) is summed from its communes, as `communesParEpci`
 * (learnt from the flats oriented so far) lists them.
 */
export function offreConvention(
  modele: ModeleOffre,
  meta: ConventionMeta,
  correspondance?: () => Map<string, Set<string>> | undefined,
): Offre {
  if (!meta.communes && !meta.epcis) return modele.global;
  let cache = meta.offre;
  if (cache?.modele !== modele)
    meta.offre = cache = { modele, inconnus: meta.epcis ? [...meta.epcis].filter((e) => !modele.parEpci.has(e)) : [] };
  const communesParEpci = cache.inconnus.length > 0 ? correspondance?.() : undefined;
  if (!communesParEpci) return (cache.offre ??= sommeOffre(modele, meta));
  let parMap = parCorrespondance.get(modele);
  if (!parMap) parCorrespondance.set(modele, (parMap = new WeakMap()));
  let parConvention = parMap.get(communesParEpci);
  if (!parConvention) parMap.set(communesParEpci, (parConvention = new Map<string, Offre>()));
  let offre = parConvention.get(meta.convention.id);
  if (!offre)
    parConvention.set(meta.convention.id, (offre = sommeOffre(modele, meta, cache.inconnus, communesParEpci)));
  return offre;
}

/** The model's supply in the convention's communes and EPCIs, and in the communes of its `inconnus` EPCIs. */
function sommeOffre(
  modele: ModeleOffre,
  meta: ConventionMeta,
  inconnus: string[] = [],
  communesParEpci?: Map<string, Set<string>>,
): Offre {
  const offre = emptyOffre();
  const communes = new Set(meta.communes ?? []);
  for (const epci of inconnus) for (const commune of communesParEpci?.get(epci) ?? []) communes.add(commune);
  for (const commune of communes) {
    const o = modele.parCommune.get(commune);
    if (o) addOffre(offre, o);
  }
  for (const epci of meta.epcis ?? []) {
    const o = modele.parEpci.get(epci);
    if (o) addOffre(offre, o);
  }
  return offre;
}

const correspondances = new WeakMap<object, Map<string, Set<string>>>();

/** EPCI → communes, from the cells of the flats oriented so far (`commune|epci|…`) and the current flat. */
export function communesParEpci(parCellule: Record<string, number>, logement: Logement): Map<string, Set<string>> {
  let map = correspondances.get(parCellule);
  if (!map) {
    map = new Map();
    for (const key of Object.keys(parCellule)) {
      const [commune, epci] = key.split('|');
      if (!epci) continue;
      let set = map.get(epci);
      if (!set) map.set(epci, (set = new Set()));
      set.add(commune);
    }
    correspondances.set(parCellule, map);
  }
  if (logement.epci && !map.get(logement.epci)?.has(logement.commune)) {
    // The current flat's own place is known even before any flat of its commune was oriented.
    map = new Map(map);
    map.set(logement.epci, new Set([...(map.get(logement.epci) ?? []), logement.commune]));
  }
  return map;
}

export interface FitIndex {
  parCommune: Map<string, { counts: Map<Typologie, number>; max: number }>;
  territoire: { counts: Map<Typologie, number>; max: number } | null;
}

/** Keyed by the demand lines, so that profiles sharing them share their index. */
const fitIndexes = new WeakMap<object, FitIndex>();

export function fitIndex(profil: ProfilDemande): FitIndex {
  let index = fitIndexes.get(profil.demandes);
  if (index) return index;
  const groups = new Map<string | null, Map<Typologie, number>>();
  for (const d of profil.demandes) {
    let g = groups.get(d.commune);
    if (!g) groups.set(d.commune, (g = new Map<Typologie, number>()));
    g.set(d.typologie, (g.get(d.typologie) ?? 0) + d.demandeurs);
  }
  const withMax = (counts: Map<Typologie, number>) => ({ counts, max: Math.max(0, ...counts.values()) });
  index = { parCommune: new Map(), territoire: null };
  for (const [commune, counts] of groups) {
    if (commune === null) index.territoire = withMax(counts);
    else index.parCommune.set(commune, withMax(counts));
  }
  fitIndexes.set(profil.demandes, index);
  return index;
}

/**
 * Typologie fit 0..1: demand for the flat's typologie relative to the réservataire's most wanted one,
 * in the flat's commune when the profile details it, else on its whole territory (`null` without a
 * profile: the caller applies its default).
 */
export function typologieFit(
  profil: ProfilDemande | undefined,
  logement: Logement,
  index: FitIndex | undefined = profil && fitIndex(profil),
): number | null {
  if (!profil || !index || profil.demandes.length === 0) return null;
  const group = index.parCommune.get(logement.commune) ?? index.territoire;
  if (!group || group.max <= 0) return 0;
  return (group.counts.get(logement.typologie) ?? 0) / group.max;
}

import {
  ACTIONS_CORRECTIVES,
  CONTREPARTIES,
  DECOMPTE_MODES,
  DELEGATION_MODES,
  FINANCEMENTS,
  TYPOLOGIES,
  type BornesTaux,
  type Cible,
  type Convention,
  type Decompte,
  type Delegation,
  type Engagements,
  type SousQuota,
  type Territoire,
} from '@aiguillage/engine';
import { Collecteur, expect as is } from '../structured/collecteur';

/** A convention as imported: the contract's shape without ids, the réservataire given by its code. */
export type ConventionImportee = Omit<Convention, 'id' | 'bailleurId' | 'reservataireId'> & { reservataire: string };

/** Defaults applied to absent optional fields (documented in docs/imports.md). */
export const CONVENTION_DEFAUTS = {
  decompte: 'PROPOSITION',
  delaiJours: 30,
  candidatsMax: 3,
  retourCompte: false,
  actionCorrective: 'REPORT',
  deficitReporte: 0,
  compteMutations: false,
} as const;

const KEYS = new Set([
  'reference',
  'reservataire',
  'departement',
  'territoire',
  'cible',
  'decompte',
  'delegation',
  'engagements',
  'sousQuotas',
  'contrepartie',
  'actionCorrective',
  'etalementAnnees',
  'deficitReporte',
  'compteMutations',
  'dateDebut',
  'dateFin',
  'deficitAnnee',
  'comptePremieresLocations',
  'motifTerritoire',
]);
const ENGAGEMENT_KEYS = new Set([
  'qpv',
  'horsQpv',
  'typologies',
  'financements',
  'q1HorsQpvMin',
  'q234QpvMin',
  'prioritairesMin',
  'tauxUniformeParCommune',
]);

const absent = (v: unknown) => v === undefined || v === null;

/**
 * Validates one imported convention (JSON element, or CSV row already turned into that shape),
 * recording every error with its field path; returns the convention when it has none.
 */
export function validerConvention(brut: unknown, ligne: number, col: Collecteur): ConventionImportee | null {
  const before = col.erreurs.length;
  const at = <T>(path: string, read: () => T) => col.try(ligne, path, read);
  if (typeof brut !== 'object' || brut === null || Array.isArray(brut)) {
    col.add(ligne, null, 'objet convention attendu');
    return null;
  }
  const o = brut as Record<string, unknown>;
  for (const k of Object.keys(o)) if (!KEYS.has(k)) col.add(ligne, k, `champ inconnu « ${k} »`);

  const reference = at('reference', () => is.texte(o.reference, 100));
  const reservataire = at('reservataire', () => is.texte(o.reservataire, 64));
  const departement = at('departement', () => is.departement(o.departement));
  const territoire = absent(o.territoire)
    ? null
    : at('territoire', () => territoireDe(o.territoire, departement, ligne, col));
  const cible = at('cible', () => cibleDe(is.objet(is.present(o.cible)), ligne, col));
  const decompte = decompteDe(o.decompte, ligne, col);
  const delegation = absent(o.delegation)
    ? void col.add(ligne, 'delegation', 'délégation obligatoire (mode DIRECTE, DELEGUEE ou PARTIELLE)')
    : delegationDe(o.delegation, ligne, col);
  const engagements = absent(o.engagements)
    ? {}
    : at('engagements', () => engagementsDe(is.objet(o.engagements), ligne, col));
  const sousQuotas = absent(o.sousQuotas)
    ? []
    : at('sousQuotas', () => is.liste(o.sousQuotas).map((q, i) => sousQuotaDe(q, `sousQuotas[${i}]`, ligne, col)));
  const contrepartie = at('contrepartie', () => is.parmi(o.contrepartie, CONTREPARTIES));
  const actionCorrective = absent(o.actionCorrective)
    ? CONVENTION_DEFAUTS.actionCorrective
    : at('actionCorrective', () => is.parmi(o.actionCorrective, ACTIONS_CORRECTIVES));
  const etalementAnnees = absent(o.etalementAnnees)
    ? null
    : at('etalementAnnees', () => is.entier(o.etalementAnnees, 1, 50));
  const deficitReporte = absent(o.deficitReporte)
    ? CONVENTION_DEFAUTS.deficitReporte
    : at('deficitReporte', () => is.entier(o.deficitReporte, -100_000, 100_000));
  const compteMutations = absent(o.compteMutations)
    ? CONVENTION_DEFAUTS.compteMutations
    : at('compteMutations', () => is.booleen(o.compteMutations));
  const deficitAnnee = absent(o.deficitAnnee) ? null : at('deficitAnnee', () => is.entier(o.deficitAnnee, 2000, 2100));
  const comptePremieresLocations = absent(o.comptePremieresLocations)
    ? false
    : at('comptePremieresLocations', () => is.booleen(o.comptePremieresLocations));
  const motifTerritoire = absent(o.motifTerritoire)
    ? null
    : at('motifTerritoire', () => is.texte(o.motifTerritoire, 500));
  const dateDebut = at('dateDebut', () => is.jour(o.dateDebut));
  const dateFin = absent(o.dateFin) ? null : at('dateFin', () => is.jour(o.dateFin));

  if (actionCorrective === 'ETALEMENT' && etalementAnnees === null)
    col.add(ligne, 'etalementAnnees', "nombre d'années obligatoire pour un ETALEMENT");
  if (actionCorrective && actionCorrective !== 'ETALEMENT' && etalementAnnees)
    col.add(ligne, 'etalementAnnees', 'réservé à l’action corrective ETALEMENT');
  if (dateDebut && dateFin && dateFin < dateDebut)
    col.add(ligne, 'dateFin', `la fin (${dateFin}) précède le début (${dateDebut})`);
  if (cible?.type === 'TAUX' && sousQuotas) {
    const total = sousQuotas.reduce((s, q) => s + (q?.taux ?? 0), 0);
    if (total > cible.taux + 1e-9)
      col.add(ligne, 'sousQuotas', `les sous-quotas (${fmt(total)}) dépassent la cible (${fmt(cible.taux)})`);
  }

  if (col.erreurs.length > before) return null;
  return {
    reference: reference!,
    reservataire: reservataire!,
    departement: departement!,
    territoire,
    cible: cible!,
    decompte: decompte!,
    delegation: delegation!,
    engagements: engagements!,
    sousQuotas: sousQuotas as SousQuota[],
    contrepartie: contrepartie!,
    actionCorrective: actionCorrective!,
    etalementAnnees,
    deficitReporte: deficitReporte!,
    compteMutations: compteMutations!,
    ...(deficitAnnee !== null && deficitAnnee !== undefined ? { deficitAnnee } : {}),
    ...(comptePremieresLocations ? { comptePremieresLocations: true } : {}),
    ...(motifTerritoire ? { motifTerritoire } : {}),
    dateDebut: dateDebut!,
    dateFin,
  };
}

const fmt = (x: number) => `${Math.round(x * 10000) / 100} %`;

function territoireDe(v: unknown, departement: string | undefined, ligne: number, col: Collecteur): Territoire {
  const t = is.objet(v);
  const dep = col.try(ligne, 'territoire.departement', () => is.departement(t.departement ?? departement));
  if (dep && departement && dep !== departement)
    col.add(ligne, 'territoire.departement', `${dep} diffère du département de la convention (${departement})`);
  const communes = absent(t.communes)
    ? undefined
    : col.try(ligne, 'territoire.communes', () =>
        is.liste(t.communes).map((c, i) => {
          const insee = col.try(ligne, `territoire.communes[${i}]`, () => is.insee(c));
          if (insee && dep && !insee.startsWith(dep))
            col.add(ligne, `territoire.communes[${i}]`, `la commune ${insee} n'est pas dans le département ${dep}`);
          return insee!;
        }),
      );
  const epcis = absent(t.epcis)
    ? undefined
    : col.try(ligne, 'territoire.epcis', () =>
        is.liste(t.epcis).map((e, i) => col.try(ligne, `territoire.epcis[${i}]`, () => is.siren(e))!),
      );
  return { departement: dep ?? '', ...(communes ? { communes } : {}), ...(epcis ? { epcis } : {}) };
}

function cibleDe(c: Record<string, unknown>, ligne: number, col: Collecteur): Cible | undefined {
  const type = col.try(ligne, 'cible.type', () => is.parmi(c.type, ['TAUX', 'DROITS_UNIQUES'] as const));
  if (type === undefined) return undefined;
  if (type === 'TAUX') {
    const taux = col.try(ligne, 'cible.taux', () => is.fraction(is.present(c.taux)));
    if (taux === 0) col.add(ligne, 'cible.taux', 'la cible doit être strictement positive');
    if (!absent(c.nombre) || !absent(c.annees))
      col.add(ligne, 'cible.nombre', 'nombre/années réservés à une cible DROITS_UNIQUES');
    return { type, taux: taux ?? 0 };
  }
  const nombre = col.try(ligne, 'cible.nombre', () => is.entier(is.present(c.nombre), 1));
  const annees = col.try(ligne, 'cible.annees', () => is.entier(is.present(c.annees), 1, 50));
  if (!absent(c.taux)) col.add(ligne, 'cible.taux', 'taux réservé à une cible TAUX');
  return { type, nombre: nombre ?? 0, annees: annees ?? 0 };
}

function decompteDe(v: unknown, ligne: number, col: Collecteur): Decompte | undefined {
  if (absent(v)) return { mode: CONVENTION_DEFAUTS.decompte };
  return col.try(ligne, 'decompte', () => {
    const d = is.objet(v);
    const mode = col.try(ligne, 'decompte.mode', () => is.parmi(d.mode ?? CONVENTION_DEFAUTS.decompte, DECOMPTE_MODES));
    if (absent(d.poids)) {
      if (mode === 'MIXTE') col.add(ligne, 'decompte.poids', 'poids obligatoires en décompte MIXTE');
      return { mode: mode! };
    }
    if (mode !== 'MIXTE') {
      col.add(ligne, 'decompte.poids', 'poids réservés au décompte MIXTE');
      return { mode: mode! };
    }
    const p = is.objet(d.poids);
    const [proposition, attribution, bail] = (['proposition', 'attribution', 'bail'] as const).map((k) =>
      col.try(ligne, `decompte.poids.${k}`, () => is.fraction(is.present(p[k]))),
    );
    if (
      proposition !== undefined &&
      attribution !== undefined &&
      bail !== undefined &&
      Math.abs(proposition + attribution + bail - 1) > 1e-6
    ) {
      col.add(
        ligne,
        'decompte.poids',
        `la somme des poids doit valoir 1 (reçu ${Math.round((proposition + attribution + bail) * 1e6) / 1e6})`,
      );
    }
    return { mode: 'MIXTE', poids: { proposition: proposition ?? 0, attribution: attribution ?? 0, bail: bail ?? 0 } };
  });
}

function delegationDe(v: unknown, ligne: number, col: Collecteur): Delegation | undefined {
  return col.try(ligne, 'delegation', () => {
    const d = is.objet(v);
    const mode = col.try(ligne, 'delegation.mode', () => is.parmi(d.mode, DELEGATION_MODES));
    const delaiJours = absent(d.delaiJours)
      ? CONVENTION_DEFAUTS.delaiJours
      : col.try(ligne, 'delegation.delaiJours', () => is.entier(d.delaiJours, 0, 365));
    const candidatsMax = absent(d.candidatsMax)
      ? CONVENTION_DEFAUTS.candidatsMax
      : col.try(ligne, 'delegation.candidatsMax', () => is.entier(d.candidatsMax, 1, 20));
    const retourCompte = absent(d.retourCompte)
      ? CONVENTION_DEFAUTS.retourCompte
      : col.try(ligne, 'delegation.retourCompte', () => is.booleen(d.retourCompte));
    const partDeleguee = absent(d.partDeleguee)
      ? undefined
      : col.try(ligne, 'delegation.partDeleguee', () => is.fraction(d.partDeleguee));
    if (mode === 'PARTIELLE' && partDeleguee === undefined && absent(d.partDeleguee))
      col.add(ligne, 'delegation.partDeleguee', 'part déléguée obligatoire en délégation PARTIELLE');
    if (mode && mode !== 'PARTIELLE' && !absent(d.partDeleguee))
      col.add(ligne, 'delegation.partDeleguee', 'réservée à la délégation PARTIELLE');
    return {
      mode: mode!,
      delaiJours: delaiJours!,
      candidatsMax: candidatsMax!,
      ...(partDeleguee === undefined ? {} : { partDeleguee }),
      retourCompte: retourCompte!,
    };
  });
}

function bornesDe(v: unknown, path: string, ligne: number, col: Collecteur): BornesTaux {
  const b = is.objet(v);
  for (const k of Object.keys(b))
    if (k !== 'min' && k !== 'max') col.add(ligne, `${path}.${k}`, `champ inconnu « ${k} » (min ou max attendu)`);
  const min = absent(b.min) ? undefined : col.try(ligne, `${path}.min`, () => is.fraction(b.min));
  const max = absent(b.max) ? undefined : col.try(ligne, `${path}.max`, () => is.fraction(b.max));
  if (min !== undefined && max !== undefined && min > max)
    col.add(ligne, path, `minimum (${fmt(min)}) supérieur au maximum (${fmt(max)})`);
  return { ...(min === undefined ? {} : { min }), ...(max === undefined ? {} : { max }) };
}

function engagementsDe(e: Record<string, unknown>, ligne: number, col: Collecteur): Engagements {
  for (const k of Object.keys(e))
    if (!ENGAGEMENT_KEYS.has(k)) col.add(ligne, `engagements.${k}`, `engagement inconnu « ${k} »`);
  const out: Engagements = {};
  if (!absent(e.qpv)) out.qpv = bornesDe(e.qpv, 'engagements.qpv', ligne, col);
  if (!absent(e.horsQpv)) out.horsQpv = bornesDe(e.horsQpv, 'engagements.horsQpv', ligne, col);
  for (const [key, values] of [
    ['typologies', TYPOLOGIES],
    ['financements', FINANCEMENTS],
  ] as const) {
    if (absent(e[key])) continue;
    const m = col.try(ligne, `engagements.${key}`, () => is.objet(e[key]));
    if (!m) continue;
    const bornes: Record<string, BornesTaux> = {};
    for (const [k, b] of Object.entries(m)) {
      if (!(values as readonly string[]).includes(k))
        col.add(ligne, `engagements.${key}`, `« ${k} » : valeur attendue parmi ${values.join(', ')}`);
      else bornes[k] = bornesDe(b, `engagements.${key}.${k}`, ligne, col);
    }
    (out as Record<string, unknown>)[key] = bornes;
  }
  for (const k of ['q1HorsQpvMin', 'q234QpvMin', 'prioritairesMin'] as const) {
    if (!absent(e[k])) out[k] = col.try(ligne, `engagements.${k}`, () => is.fraction(e[k]));
  }
  if (!absent(e.tauxUniformeParCommune))
    out.tauxUniformeParCommune = col.try(ligne, 'engagements.tauxUniformeParCommune', () =>
      is.booleen(e.tauxUniformeParCommune),
    );
  return out;
}

function sousQuotaDe(v: unknown, path: string, ligne: number, col: Collecteur): SousQuota {
  const q = col.try(ligne, path, () => is.objet(v));
  if (!q) return { code: '', libelle: '', taux: 0 };
  const code = col.try(ligne, `${path}.code`, () => is.texte(q.code, 32));
  const libelle = col.try(ligne, `${path}.libelle`, () => is.texte(q.libelle, 200));
  const taux = col.try(ligne, `${path}.taux`, () => is.fraction(q.taux));
  return { code: code ?? '', libelle: libelle ?? '', taux: taux ?? 0 };
}

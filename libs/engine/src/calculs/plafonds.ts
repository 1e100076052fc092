/**
 * The décret's caps on what conventions may promise, as pure checks (décret du 20 février 2020:
 * CCH R.441-5-2, the préfet's contingent at most 30 % of the flux, of which at most 5 % for State
 * employees; CCH R.441-5, a collectivité's reservations for loan guarantees at most 20 % of the flux
 * on its territory, more only for land or funding; the federation's guide, seed 000: check "que le
 * total des engagements pris n'est pas supérieur aux disponibilités annuelles" — commune by commune,
 * the rates that apply there may not sum above the whole flux). Every figure is a parameter
 * (`Plafonds`), defaults from the texts.
 */
import type { Convention, Reservataire } from '../domain';
import { couvre, estTerritorial, territoireConvention } from './objectifs';

export interface Plafonds {
  /** The préfet's share of the flux (CCH R.441-5: 30 %). */
  etat: number;
  /** Of which, for State employees (5 %). */
  fonctionnaires: number;
  /** A collectivité's reservations granted for loan guarantees (20 % of its territory's flux). */
  garantieEmprunt: number;
  /** Sum of the rates applying in one commune (the whole flux). */
  engagementsCommune: number;
}

export const PLAFONDS_DEFAUT: Readonly<Plafonds> = Object.freeze({
  etat: 0.3,
  fonctionnaires: 0.05,
  garantieEmprunt: 0.2,
  engagementsCommune: 1,
});

export type RegleDepassee =
  | 'PLAFOND_ETAT'
  | 'PLAFOND_FONCTIONNAIRES'
  | 'PLAFOND_GARANTIE_EMPRUNT'
  | 'ENGAGEMENTS_COMMUNE'
  | 'TERRITOIRE_COMMUNE'
  | 'CONVENTION_EN_DOUBLE';

export interface Depassement {
  conventionId: string;
  reference: string;
  regle: RegleDepassee;
  /** The place where the engagements exceed the flux (ENGAGEMENTS_COMMUNE). */
  lieu?: string;
  /** French, naming the convention, the rule and the figures. */
  message: string;
}

const KINDS_COLLECTIVITE = new Set(['COMMUNE', 'EPCI', 'DEPARTEMENT', 'REGION']);
const pct = (x: number) => `${(Math.round(x * 10_000) / 100).toLocaleString('fr-FR')} %`;
const tauxDe = (c: Convention) => (c.cible.type === 'TAUX' ? c.cible.taux : 0);
const estFonctionnaires = (code: string, libelle: string) =>
  /fonction|agents? (civils|de l'[ée]tat)/i.test(`${code} ${libelle}`);

/** The caps one convention breaks on its own (rate of the préfet, fonctionnaires, loan guarantees). */
export function plafondsConvention(
  convention: Convention,
  reservataire: Pick<Reservataire, 'kind' | 'nom'> | undefined,
  plafonds: Plafonds = PLAFONDS_DEFAUT,
): Depassement[] {
  const out: Depassement[] = [];
  const base = { conventionId: convention.id, reference: convention.reference };
  const nom = reservataire?.nom ?? 'le réservataire';
  if (reservataire?.kind === 'ETAT') {
    if (tauxDe(convention) > plafonds.etat + 1e-9) {
      out.push({
        ...base,
        regle: 'PLAFOND_ETAT',
        message: `convention ${convention.reference} (${nom}) : le contingent préfectoral est au plus de ${pct(plafonds.etat)} du flux (CCH R.441-5-2), ${pct(tauxDe(convention))} demandés`,
      });
    }
    const fonct = convention.sousQuotas
      .filter((s) => estFonctionnaires(s.code, s.libelle))
      .reduce((a, s) => a + s.taux, 0);
    if (fonct > plafonds.fonctionnaires + 1e-9) {
      out.push({
        ...base,
        regle: 'PLAFOND_FONCTIONNAIRES',
        message: `convention ${convention.reference} (${nom}) : la part des agents de l'État est au plus de ${pct(plafonds.fonctionnaires)} du flux (CCH R.441-5-2), ${pct(fonct)} demandés`,
      });
    }
  }
  if (
    reservataire &&
    KINDS_COLLECTIVITE.has(reservataire.kind) &&
    convention.contrepartie === 'GARANTIE_EMPRUNT' &&
    tauxDe(convention) > plafonds.garantieEmprunt + 1e-9
  ) {
    out.push({
      ...base,
      regle: 'PLAFOND_GARANTIE_EMPRUNT',
      message: `convention ${convention.reference} (${nom}) : les réservations en contrepartie d'une garantie d'emprunt sont au plus de ${pct(plafonds.garantieEmprunt)} du flux de son territoire (CCH R.441-5), ${pct(tauxDe(convention))} demandés ; au-delà, une autre contrepartie (apport de terrain, financement) doit être enregistrée`,
    });
  }
  return out;
}

export interface ContextePlafonds {
  reservataires: Array<Pick<Reservataire, 'id' | 'kind' | 'nom' | 'territoire'>>;
  plafonds?: Plafonds;
  /** EPCI of each commune (a commune convention then also weighs on its EPCI's conventions). */
  epciDe?: ReadonlyMap<string, string>;
  /** Names of communes and EPCIs, for the messages. */
  nomDe?: ReadonlyMap<string, string>;
}

/** Do two validity periods overlap (inclusive bounds, open end)? */
function chevauchent(
  a: Pick<Convention, 'dateDebut' | 'dateFin'>,
  b: Pick<Convention, 'dateDebut' | 'dateFin'>,
): boolean {
  return (!a.dateFin || a.dateFin >= b.dateDebut) && (!b.dateFin || b.dateFin >= a.dateDebut);
}

/**
 * Every cap broken by `candidates` (new or changed conventions) among all the bailleur's conventions
 * (`existantes`, the candidates' former versions replaced): each one's own caps, then commune by
 * commune (and EPCI by EPCI) of the candidates' département, the sum of the rates of the conventions
 * applying there during overlapping periods. A pure function: the caller refuses before writing.
 */
export function verifierPlafonds(
  candidates: Convention[],
  existantes: Convention[],
  contexte: ContextePlafonds,
): Depassement[] {
  const plafonds = contexte.plafonds ?? PLAFONDS_DEFAUT;
  const reservataires = new Map(contexte.reservataires.map((r) => [r.id, r]));
  const ids = new Set(candidates.map((c) => c.id));
  const toutes = [...existantes.filter((c) => !ids.has(c.id)), ...candidates];
  const out: Depassement[] = [];
  for (const c of candidates) {
    out.push(...plafondsConvention(c, reservataires.get(c.reservataireId), plafonds));
    // Commune by commune: the places the candidate covers, plus the whole département when it is not territorial.
    const memeDep = toutes.filter(
      (x) =>
        x.bailleurId === c.bailleurId &&
        x.departement === c.departement &&
        chevauchent(x, c) &&
        reservataires.get(x.reservataireId)?.kind !== 'DEFENSE',
    );
    const lieux = new Map<string, { commune: string; epci: string | null }>();
    const terr = territoireConvention(c, reservataires.get(c.reservataireId));
    for (const x of memeDep) {
      const t = territoireConvention(x, reservataires.get(x.reservataireId));
      if (!estTerritorial(t)) continue;
      for (const insee of t!.communes ?? [])
        lieux.set(insee, { commune: insee, epci: contexte.epciDe?.get(insee) ?? null });
      for (const epci of t!.epcis ?? []) lieux.set(`EPCI ${epci}`, { commune: '', epci });
    }
    if (lieux.size === 0) lieux.set('', { commune: '', epci: null });
    for (const [cle, lieu] of lieux) {
      if (!couvre(terr, lieu.commune, lieu.epci)) continue;
      const applicables = memeDep.filter((x) =>
        couvre(territoireConvention(x, reservataires.get(x.reservataireId)), lieu.commune, lieu.epci),
      );
      const somme = applicables.reduce((a, x) => a + tauxDe(x), 0);
      if (somme > plafonds.engagementsCommune + 1e-9) {
        const nom =
          cle === ''
            ? `le département ${c.departement}`
            : lieu.commune
              ? `la commune ${contexte.nomDe?.get(lieu.commune) ?? lieu.commune}`
              : `l'EPCI ${contexte.nomDe?.get(lieu.epci!) ?? lieu.epci}`;
        const detail = applicables.map((x) => `${x.reference} ${pct(tauxDe(x))}`).join(', ');
        out.push({
          conventionId: c.id,
          reference: c.reference,
          regle: 'ENGAGEMENTS_COMMUNE',
          lieu: cle || c.departement,
          message: `convention ${c.reference} : dans ${nom}, les engagements pris (${pct(somme)} : ${detail}) dépassent les disponibilités annuelles (${pct(plafonds.engagementsCommune)} du flux)`,
        });
      }
    }
  }
  return out;
}

/**
 * The one-convention rules (CCH R.441-5; guide USH, "Une convention par bailleur et réservataire à
 * l'échelle départementale"): a commune's rights apply only in that commune, and one convention per
 * bailleur × réservataire × département — unless the convention records why (`motifTerritoire`:
 * rights a commune holds elsewhere, a documented infra-departmental territorialisation).
 */
export function verifierTerritoires(
  candidates: Convention[],
  existantes: Convention[],
  contexte: Pick<ContextePlafonds, 'reservataires' | 'nomDe'>,
): Depassement[] {
  const reservataires = new Map(contexte.reservataires.map((r) => [r.id, r]));
  const ids = new Set(candidates.map((c) => c.id));
  const toutes = [...existantes.filter((c) => !ids.has(c.id)), ...candidates];
  const out: Depassement[] = [];
  for (const c of candidates) {
    if (c.motifTerritoire?.trim()) continue;
    const r = reservataires.get(c.reservataireId);
    const base = { conventionId: c.id, reference: c.reference };
    if (r?.kind === 'COMMUNE' && c.territoire) {
      const siennes = new Set(r.territoire.communes ?? []);
      const ailleurs = [...(c.territoire.communes ?? []).filter((i) => !siennes.has(i)), ...(c.territoire.epcis ?? [])];
      if (ailleurs.length > 0 || !(c.territoire.communes ?? []).length) {
        const noms = ailleurs.length
          ? ailleurs.map((i) => contexte.nomDe?.get(i) ?? i).join(', ')
          : 'tout le département';
        out.push({
          ...base,
          regle: 'TERRITOIRE_COMMUNE',
          message: `convention ${c.reference} (${r.nom}) : les droits d'une commune ne s'appliquent que sur son territoire, pas sur ${noms} (CCH R.441-5) ; sinon, enregistrer le motif (motifTerritoire)`,
        });
      }
    }
    const doublon = toutes.find(
      (x) =>
        x.id !== c.id &&
        x.bailleurId === c.bailleurId &&
        x.reservataireId === c.reservataireId &&
        x.departement === c.departement &&
        chevauchent(x, c),
    );
    if (doublon) {
      out.push({
        ...base,
        regle: 'CONVENTION_EN_DOUBLE',
        message: `convention ${c.reference} : ${r?.nom ?? 'ce réservataire'} a déjà la convention ${doublon.reference} avec ce bailleur dans le département ${c.departement} (une convention par bailleur, réservataire et département, CCH R.441-5) ; une territorialisation infra-départementale doit enregistrer son motif (motifTerritoire)`,
      });
    }
  }
  return out;
}

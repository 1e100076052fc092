/**
 * The recommendation: every way a freed flat can go (each convention and sub-quota, each planned
 * excluded use, the bailleur's own share), with hard eligibility checks, a score trading the soft
 * objectives off under a Policy, and French reasons. Pure and deterministic: the date and the
 * policy are arguments, the state is only read.
 */
import type { Convention, Logement, Typologie, UsageExclu } from '../domain';
import { USAGES_EXCLUS } from '../domain';
import type { ConventionProgress, Destination, EngineState, FluxOriente, OptionOrientation, Recommendation, RuleCheck } from '../orientation';
import { EngineInputError } from '../errors';
import { fractionAttendue, parseDate, partAttendue } from '../calculs/saisonnalite';
import { emptyFlux } from '../progress';
import { logementsFr, nombreFr, pourcentFr } from './format';
import {
  buildModele,
  communesParEpci,
  ANNEE_ENTIERE,
  coversPlace,
  type ConventionMeta,
  type Fenetre,
  fenetreDe,
  type ModeleOffre,
  modelePrevu,
  type Offre,
  offreConvention,
  stateIndex,
  type StateIndex,
  type FitIndex,
  typologieFit,
} from './indexes';
import type { Policy } from './policy';

/** Scores are rounded to this step (see `finalize`), so that they rank as integers. */
const PAS_SCORE = 1e4;

/** Score of an ineligible option (finite so that it survives JSON); such options are ranked last. */
export const SCORE_INELIGIBLE = -1_000_000;
/** Below this many oriented flats, observed supply is too thin to extrapolate the year from. */
const OBSERVATION_MIN = 20;
/** A préfet floor lag (in flats) from which the flat must go to the préfet (the floor tolerates < 1). */
const PLANCHER_LIMITE = 0.98;

interface Raison {
  poids: number;
  texte: string;
}

interface Evaluation {
  /** False on the first pass: only the score is computed, no text (see DETAIL_MAX). */
  detail: boolean;
  /** Lag to the expected progress at the date, in flats (set by `rythme`). */
  retard: number;
  score: number;
  raisons: Raison[];
  satisfies: RuleCheck[];
  violates: RuleCheck[];
}

interface Contexte {
  logement: Logement;
  state: EngineState;
  policy: Policy;
  date: string;
  /** Expected share of the year's flux reached at this date. */
  fraction: number;
  flux: FluxOriente;
  modele: ModeleOffre | null;
  /** EPCI → communes learnt from the flats oriented so far (forecasts may lack the EPCI). */
  communesParEpci: () => Map<string, Set<string>> | undefined;
  /** Typologie fit of the flat, per demand index (profiles often share their demand lines). */
  fits: Map<FitIndex, number | null>;
  /** Supply of the flat's commune over the year under the model (0 without a model). */
  offreCommune: number;
}

const rule = (code: string, hard: boolean, libelle: string): RuleCheck => ({ code, hard, libelle });

/** Shared by the evaluations and options of the first pass, which write no text (never mutated). */
const AUCUNE_REGLE: RuleCheck[] = Object.freeze([]) as unknown as RuleCheck[];
const AUCUNE_RAISON: Raison[] = Object.freeze([]) as unknown as Raison[];

/** A blank evaluation: with `detail`, it collects reasons and rules; without, only the score and the lag. */
function evaluation(detail: boolean, score = 0): Evaluation {
  return detail
    ? { detail, retard: 0, score, raisons: [], satisfies: [], violates: [] }
    : { detail, retard: 0, score, raisons: AUCUNE_RAISON, satisfies: AUCUNE_REGLE, violates: AUCUNE_REGLE };
}

const OK_ELIGIBILITE: readonly RuleCheck[] = Object.freeze([
  rule('TERRITOIRE', true, 'Logement dans le territoire de la convention'),
  rule('VALIDITE', true, 'Convention en vigueur à cette date'),
  rule('DEFENSE', true, 'Règle du stock Défense respectée'),
]);

function dateFr(date: string): string {
  return `${date.slice(8, 10)}/${date.slice(5, 7)}/${date.slice(0, 4)}`;
}

function validateLogement(logement: Logement): void {
  if (!logement || typeof logement !== 'object') throw new EngineInputError('logement', 'obligatoire');
  for (const champ of ['id', 'commune', 'departement', 'bailleurId', 'typologie'] as const) {
    if (typeof logement[champ] !== 'string' || !logement[champ]) throw new EngineInputError(`logement.${champ}`, 'obligatoire');
  }
  if (typeof logement.qpv !== 'boolean') throw new EngineInputError('logement.qpv', 'doit être vrai ou faux');
}

const R_BAILLEUR = rule('BAILLEUR', true, "Convention d'un autre bailleur");
const R_DEPARTEMENT = rule('DEPARTEMENT', true, "Convention d'un autre département");
const R_TERRITOIRE_COMMUNE = rule('TERRITOIRE', true, 'Droits limités à sa commune : logement hors de la commune');
const R_TERRITOIRE = rule('TERRITOIRE', true, 'Logement hors du territoire de la convention');
const R_DEFENSE_STOCK = rule('DEFENSE', true, 'La Défense ne reçoit que les logements de son stock identifié');
const R_DEFENSE_RESERVE = rule('DEFENSE', true, 'Logement du stock Défense : réservé à la Défense');

/** The conventions that may take flats of a place, and the (constant) options of all the others. */
interface Lieu {
  candidats: ConventionMeta[];
  horsLieu: OptionOrientation[];
}

const lieux = new WeakMap<StateIndex, Map<string, Lieu>>();

/** Splits the conventions by bailleur, département and territory for the flat's place (cached per place). */
function lieuDe(index: StateIndex, logement: Logement): Lieu {
  let cache = lieux.get(index);
  if (!cache) lieux.set(index, (cache = new Map()));
  const key = `${logement.bailleurId}|${logement.departement}|${logement.commune}|${logement.epci ?? ''}`;
  let lieu = cache.get(key);
  if (lieu) return lieu;
  lieu = { candidats: [], horsLieu: [] };
  for (const meta of index.metas) {
    const c = meta.convention;
    const refus =
      c.bailleurId !== logement.bailleurId
        ? R_BAILLEUR
        : c.departement !== logement.departement
          ? R_DEPARTEMENT
          : !coversPlace(meta, logement.commune, logement.epci, logement.departement)
            ? meta.kind === 'COMMUNE'
              ? R_TERRITOIRE_COMMUNE
              : R_TERRITOIRE
            : null;
    if (refus) lieu.horsLieu.push(Object.freeze(ineligible(meta.destination, refus)));
    else lieu.candidats.push(meta);
  }
  cache.set(key, lieu);
  return lieu;
}

/** The first date- or flat-dependent hard rule that forbids a convention of the place, or null. */
function horsRegle(meta: ConventionMeta, logement: Logement, date: string): RuleCheck | null {
  const c = meta.convention;
  if (logement.horsAssiette) {
    return rule('HORS_ASSIETTE', true, `Logement ${logement.horsAssiette === 'VENTE' ? 'en plan de vente' : 'à démolir'} : hors flux`);
  }
  if (c.dateDebut > date || (c.dateFin && date > c.dateFin)) {
    return rule('VALIDITE', true, c.dateDebut > date ? `Convention en vigueur à partir du ${dateFr(c.dateDebut)}` : `Convention échue le ${dateFr(c.dateFin!)}`);
  }
  const defense = meta.kind === 'DEFENSE';
  if (defense && !logement.stockDefense) return R_DEFENSE_STOCK;
  if (!defense && logement.stockDefense) return R_DEFENSE_RESERVE;
  return null;
}

/** Count used to pace a convention: what already counts, plus the pending propositions expected to count. */
export function compteProjete(p: ConventionProgress, convention: Convention, conversion: number): number {
  const pending = (done: number) => done + Math.max(0, p.propositions - done) * conversion;
  switch (convention.decompte.mode) {
    case 'ATTRIBUTION':
      return pending(p.attributions);
    case 'BAIL':
      return pending(p.baux);
    case 'MIXTE': {
      const w = convention.decompte.poids ?? { proposition: 1 / 3, attribution: 1 / 3, bail: 1 / 3 };
      return w.proposition * p.propositions + w.attribution * pending(p.attributions) + w.bail * pending(p.baux);
    }
    default:
      return p.propositions;
  }
}

function observedModele(state: EngineState, flux: FluxOriente): ModeleOffre | null {
  if (flux.total < OBSERVATION_MIN) return null;
  const cellules = Object.entries(flux.parCellule).map(([key, nombre]) => {
    const [commune, epci, q, typologie] = key.split('|');
    return { commune, epci: epci || null, qpv: q === 'Q', typologie: typologie as Typologie, nombre };
  });
  return buildModele('OBSERVATION', cellules, state.exercice.fluxARepartir / flux.total);
}

/**
 * Pace and scarcity of one account (a convention, an excluded use, the bailleur's share): lag behind
 * the seasonal expected count within its validity window, remaining need against remaining eligible supply.
 */
function rythme(ctx: Contexte, objectif: number, compte: number, offre: Offre | null, fallbackTotal: number, ev: Evaluation, libelle: string, fenetre: Fenetre = ANNEE_ENTIERE): { besoin: number; resteOffre: number } {
  const { policy, fraction } = ctx;
  const etendue = fenetre.fin - fenetre.debut;
  const retard = objectif * partAttendue(fraction, fenetre) - compte;
  ev.retard = retard;
  ev.score += policy.retard * retard;
  if (retard >= 0.05) ev.detail && ev.raisons.push({ poids: policy.retard * retard + 0.01, texte: `Retard de ${logementsFr(retard)} sur l'${libelle} à date` });
  else if (retard <= -0.05) ev.detail && ev.raisons.push({ poids: policy.retard * -retard, texte: `Avance de ${logementsFr(-retard)} sur l'${libelle} à date` });
  else ev.detail && ev.raisons.push({ poids: 0.01, texte: `Dans les temps sur l'${libelle} à date` });

  const total = (offre && offre.total > 0 ? offre.total : fallbackTotal) * etendue;
  const besoin = Math.max(0, objectif - compte);
  const resteOffre = Math.max(1, (total / Math.max(etendue, 1e-9)) * Math.max(0, fenetre.fin - Math.max(fraction, fenetre.debut)));
  if (total > 0) ev.score += policy.urgence * (besoin / resteOffre - objectif / total);

  const gain = Math.abs(compte - objectif) - Math.abs(compte + 1 - objectif);
  if (gain < 0 && compte + 1 > objectif) {
    ev.score += policy.depassement * gain;
    ev.detail && ev.raisons.push({ poids: -policy.depassement * gain, texte: `Objectif annuel déjà atteint (${nombreFr(compte)} sur ${nombreFr(objectif)})` });
  }
  return { besoin, resteOffre };
}

function evaluateEngagements(ctx: Contexte, c: Convention, p: ConventionProgress, offre: Offre | null, ev: Evaluation): void {
  const { logement, policy, fraction } = ctx;
  const e = c.engagements;
  if (!e || (!e.qpv && !e.horsQpv && !e.typologies && !e.financements)) return;
  const items: Array<{ code: string; label: string; has: boolean; count: number; bornes?: { min?: number; max?: number }; supply?: number }> = [];
  if (e.qpv) items.push({ code: 'ENGAGEMENT_QPV', label: 'en QPV', has: logement.qpv, count: p.qpv, bornes: e.qpv, supply: offre?.qpv });
  if (e.horsQpv) items.push({ code: 'ENGAGEMENT_HORS_QPV', label: 'hors QPV', has: !logement.qpv, count: p.horsQpv, bornes: e.horsQpv, supply: offre?.horsQpv });
  for (const [t, bornes] of Object.entries(e.typologies ?? {})) {
    items.push({ code: `ENGAGEMENT_${t}`, label: `en ${t}`, has: logement.typologie === t, count: p.parTypologie[t as Typologie] ?? 0, bornes, supply: offre?.typologies[t as Typologie] });
  }
  for (const [f, bornes] of Object.entries(e.financements ?? {})) {
    items.push({ code: `ENGAGEMENT_${f}`, label: `en ${f}`, has: logement.financement === f, count: (p.parFinancement as Record<string, number> | undefined)?.[f] ?? 0, bornes });
  }
  const final = Math.max(p.objectif, p.propositions + 1);
  const slotsApres = final - p.propositions - 1;
  for (const it of items) {
    const { min, max } = it.bornes ?? {};
    if (min !== undefined && min > 0) {
      const manque = min * final - it.count;
      if (it.has && manque > 0.01) {
        const urgence = manque / Math.max(1, final - p.propositions);
        const rarete = it.supply !== undefined && it.supply > 0 ? Math.min(2, manque / Math.max(1, it.supply * (1 - fraction))) : 0;
        const gain = policy.engagement * (urgence + rarete);
        ev.score += gain;
        ev.detail && ev.satisfies.push(rule(it.code, false, `Engagement de ${pourcentFr(min)} minimum ${it.label}`));
        ev.detail && ev.raisons.push({ poids: gain, texte: `Engagement ${it.label} (min ${pourcentFr(min)}) : encore ${logementsFr(manque)} attendus` });
      } else if (!it.has && manque > slotsApres + 0.01) {
        const perte = policy.engagement * 2 * (manque - slotsApres);
        ev.score -= perte;
        ev.detail && ev.violates.push(rule(it.code, false, `Compromet l'engagement de ${pourcentFr(min)} minimum ${it.label}`));
        ev.detail && ev.raisons.push({ poids: perte, texte: `Compromet l'engagement de ${pourcentFr(min)} minimum ${it.label}` });
      }
    }
    if (max !== undefined && it.has) {
      const exces = it.count + 1 - max * final;
      if (exces > 1e-9) {
        const perte = policy.engagement * 2 * Math.min(1, exces);
        ev.score -= perte;
        ev.detail && ev.violates.push(rule(it.code, false, `Dépasse l'engagement de ${pourcentFr(max)} maximum ${it.label}`));
        ev.detail && ev.raisons.push({ poids: perte, texte: `Dépasse l'engagement de ${pourcentFr(max)} maximum ${it.label}` });
      } else {
        ev.detail && ev.satisfies.push(rule(it.code, false, `Sous le plafond de ${pourcentFr(max)} ${it.label}`));
      }
    }
  }
}

/**
 * The préfet's uniform rate: its share hors QPV and in each commune must not fall below its rate
 * (floor ⌊taux × flux⌋, so a lag under one flat is tolerated). Returns true when the flat must go to
 * the préfet: giving it elsewhere would put a floor out of reach of that tolerance right now.
 */
function evaluatePrefet(ctx: Contexte, c: Convention, p: ConventionProgress, ev: Evaluation): boolean {
  if (c.cible.type !== 'TAUX') return false;
  let obligatoire = false;
  const { logement, policy, flux } = ctx;
  const taux = c.cible.taux;
  // No pull while the lag stays well inside the tolerance of one flat; a push growing toward it; a
  // brake where the préfet is already above its rate.
  const pression = (d: number) =>
    policy.plancherPrefet * Math.max(-1, Math.min(d, 1)) +
    policy.pousseePlancher * (d > policy.seuilPlancher ? (Math.min(d, 2) - policy.seuilPlancher) / (1 - policy.seuilPlancher) : 0);
  if (!logement.qpv) {
    const d = taux * (flux.horsQpv + 1) - p.horsQpv;
    if (d >= PLANCHER_LIMITE) obligatoire = true;
    ev.score += pression(d);
    if (d > policy.seuilPlancher) {
      ev.detail && ev.violates.push(rule('PREFET_HORS_QPV', false, `Part du préfet hors QPV sous son taux de ${pourcentFr(taux)}`));
      ev.detail && ev.raisons.push({ poids: pression(d), texte: `Hors QPV : le préfet est sous son plancher (manque ${logementsFr(d)})` });
    } else ev.detail && ev.satisfies.push(rule('PREFET_HORS_QPV', false, `Part du préfet hors QPV au niveau de son taux de ${pourcentFr(taux)}`));
  } else {
    const d = taux * (flux.qpv + 1) - p.qpv;
    if (d < 0) {
      ev.score += pression(d);
      ev.detail && ev.raisons.push({ poids: -pression(d), texte: 'En QPV : le préfet a déjà sa part (ménages prioritaires à orienter hors QPV)' });
    }
  }
  if (c.engagements?.tauxUniformeParCommune !== false) {
    const d = taux * ((flux.parCommune[logement.commune] ?? 0) + 1) - (p.parCommune[logement.commune] ?? 0);
    if (d >= PLANCHER_LIMITE) obligatoire = true;
    ev.score += pression(d);
    if (d > policy.seuilPlancher) {
      ev.detail && ev.violates.push(rule('PREFET_COMMUNE', false, `Taux uniforme du préfet (${pourcentFr(taux)}) non tenu sur la commune`));
      ev.detail && ev.raisons.push({ poids: pression(d), texte: `Taux uniforme : le préfet est en retard de ${logementsFr(d)} sur la commune` });
    } else if (d < -0.5) {
      ev.detail && ev.raisons.push({ poids: -pression(d), texte: 'Taux uniforme : le préfet a déjà sa part sur la commune' });
    }
  }
  return obligatoire;
}

/** The flat's typologie fit with the convention's réservataire (null without a profile), memoised per call. */
function fitDe(ctx: Contexte, meta: ConventionMeta): number | null {
  if (!meta.profil || !meta.fit) return null;
  let fit = ctx.fits.get(meta.fit);
  if (fit === undefined) ctx.fits.set(meta.fit, (fit = typologieFit(meta.profil, ctx.logement, meta.fit)));
  return fit;
}

function evaluateProfil(ctx: Contexte, meta: ConventionMeta, p: ConventionProgress, ev: Evaluation): void {
  const { logement, policy } = ctx;
  const c = meta.convention;
  const profil = meta.profil;
  const fit = fitDe(ctx, meta);
  const adequation = fit ?? policy.adequationParDefaut;
  const perte = policy.adequation * (1 - adequation);
  ev.score -= perte;
  if (fit !== null) {
    if (fit >= 0.75) ev.detail && ev.raisons.push({ poids: policy.adequation * fit * 0.5, texte: `Demande ${logement.typologie} forte chez ce réservataire` });
    else if (fit === 0) ev.detail && ev.raisons.push({ poids: perte, texte: `Aucune demande ${logement.typologie} chez ce réservataire : risque de refus et de vacance` });
    else if (fit <= 0.35) ev.detail && ev.raisons.push({ poids: perte, texte: `Demande ${logement.typologie} faible chez ce réservataire : risque de refus` });
  }

  const d = c.delegation;
  const attente = d.mode === 'DELEGUEE' ? 0 : (profil?.delaiMoyenJours ?? d.delaiJours / 2) * (d.mode === 'PARTIELLE' ? 1 - (d.partDeleguee ?? 0) : 1);
  const vacance = (policy.vacance * attente) / 30;
  ev.score -= vacance;
  if (d.mode === 'DELEGUEE') ev.detail && ev.raisons.push({ poids: 0.005, texte: 'Délégation : le bailleur désigne sans attendre' });
  else ev.detail && ev.raisons.push({ poids: vacance, texte: `Gestion directe : attente des candidats (≈ ${nombreFr(attente, 0)} jours)` });

  if (!profil) return;
  const e = c.engagements ?? {};
  const cibles = policy.cibles;
  mixite(ev, policy, 'PRIORITAIRES', profil.prioritaires, e.prioritairesMin ?? cibles.prioritaires, ratioAtteint(p.attributionsPrioritaires, p.attributions), 'ménages prioritaires');
  if (logement.qpv) {
    mixite(ev, policy, 'Q234_QPV', 1 - profil.quartiles[0], e.q234QpvMin ?? cibles.q234Qpv, ratioAtteint(p.attributionsQpvQ234, p.attributionsQpv), 'ménages des quartiles 2 à 4 (en QPV)');
  } else {
    mixite(ev, policy, 'Q1_HORS_QPV', profil.quartiles[0], e.q1HorsQpvMin ?? cibles.q1HorsQpv, ratioAtteint(p.attributionsHorsQpvQ1, p.attributionsHorsQpv), 'ménages du 1er quartile (hors QPV)');
  }
}

/** The share reached so far, once there are enough attributions to mean something. */
function ratioAtteint(num: number, den: number): number | null {
  return den >= 4 ? num / den : null;
}

/** A legal allocation target through the réservataire's applicants: share in the group − target. */
function mixite(ev: Evaluation, policy: Policy, code: string, part: number, cible: number, actuel: number | null, groupe: string): void {
  const v = policy.mixite * (part - cible) * (actuel !== null && actuel < cible ? 1.5 : 1);
  ev.score += v;
  if (!ev.detail) return;
  if (part - cible >= 0.05) {
    ev.satisfies.push(rule(code, false, `Objectif de ${pourcentFr(cible)} ${groupe}`));
    ev.raisons.push({ poids: v, texte: `${groupe[0].toUpperCase()}${groupe.slice(1)} : ${pourcentFr(part)} des demandeurs de ce réservataire (objectif ${pourcentFr(cible)})` });
  } else if (cible - part >= 0.05) {
    ev.violates.push(rule(code, false, `Objectif de ${pourcentFr(cible)} ${groupe}`));
    ev.raisons.push({ poids: -v, texte: `Peu de ${groupe} chez ce réservataire (${pourcentFr(part)}, objectif ${pourcentFr(cible)})` });
  }
}


function finalize(destination: Destination, ev: Evaluation): OptionOrientation {
  const score = Math.round(ev.score * PAS_SCORE) / PAS_SCORE + 0;
  // Until the second pass writes the first options out, each carries its lag (memoised text).
  if (!ev.detail) return { destination, score, eligible: true, satisfies: AUCUNE_REGLE, violates: AUCUNE_REGLE, raisons: raisonRetard(ev.retard) };
  ev.raisons.sort((a, b) => b.poids - a.poids);
  return { destination, score, eligible: true, satisfies: ev.satisfies, violates: ev.violates, raisons: ev.raisons.map((r) => r.texte) };
}

function ineligible(destination: Destination, raison: RuleCheck): OptionOrientation {
  return { destination, score: SCORE_INELIGIBLE, eligible: false, satisfies: [], violates: [raison], raisons: [raison.libelle] };
}

/**
 * Scores a convention into `ev` (blank, see `evaluation`) and appends its options to `out`: its own,
 * then its sub-quotas'. Leaves its lag in `ev.retard`; returns true when the préfet's floor requires
 * the flat (see `evaluatePrefet`).
 */
function evaluateConvention(ctx: Contexte, meta: ConventionMeta, p: ConventionProgress, seul: boolean, ev: Evaluation, out: OptionOrientation[]): boolean {
  const { policy, state, fraction, modele } = ctx;
  const c = meta.convention;
  if (ev.detail) ev.satisfies.push(...OK_ELIGIBILITE);
  const compte = compteProjete(p, c, policy.conversionAttendue);
  const offre = modele ? offreConvention(modele, meta, ctx.communesParEpci) : null;
  const { besoin, resteOffre } = rythme(ctx, p.objectif, compte, offre, state.exercice.fluxARepartir, ev, 'objectif', fenetreDe(meta, state.exercice));
  if (modele && offre && offre.total > 0 && besoin > 0) {
    const exclusivite = Math.min(1, ctx.offreCommune / offre.total);
    const valeur = policy.rarete * (besoin / resteOffre) * exclusivite;
    ev.score += valeur;
    if (exclusivite >= 0.5 && (meta.communes || meta.epcis)) {
      ev.detail && ev.raisons.push({ poids: valeur, texte: `Droits limités à son territoire : ≈ ${logementsFr(resteOffre)} encore attendus pour un besoin de ${logementsFr(besoin)}` });
    }
  }
  if (seul) {
    const atteint = compte + 1 > p.objectif + 0.5;
    ev.detail && ev.raisons.push({ poids: atteint ? 0.5 : 1000, texte: 'Seul réservataire possible sur la commune' });
  }
  const obligatoire = meta.kind === 'ETAT' && evaluatePrefet(ctx, c, p, ev);
  if (obligatoire) ev.detail && ev.satisfies.push(rule('PREFET_PLANCHER', true, 'Plancher du préfet tenu grâce à ce logement'));
  evaluateEngagements(ctx, c, p, offre, ev);
  evaluateProfil(ctx, meta, p, ev);

  if (!c.sousQuotas?.length) {
    out.push(finalize(meta.destination, ev));
    return obligatoire;
  }

  // Sub-quotas (the préfet's fonctionnaires): each is an option of its own, capped at its rate of the flux.
  const flux = state.exercice.fluxARepartir;
  let objectifSous = 0;
  let compteSous = 0;
  const options: OptionOrientation[] = [];
  for (const sq of c.sousQuotas) {
    const objectif = sq.taux * flux;
    const compteSq = p.parSousQuota[sq.code] ?? 0;
    objectifSous += objectif;
    compteSous += compteSq;
    const destination: Destination = { kind: 'CONVENTION', conventionId: c.id, sousQuota: sq.code };
    if (compteSq + 1 > objectif + 1e-6) {
      options.push(ineligible(destination, rule('SOUS_QUOTA_PLAFOND', true, `Plafond du sous-quota ${sq.libelle} atteint (${pourcentFr(sq.taux)} du flux)`)));
      continue;
    }
    const retard = objectif * fraction - compteSq;
    const sub: Evaluation = { ...ev, raisons: [...ev.raisons], satisfies: [...ev.satisfies, rule('SOUS_QUOTA_PLAFOND', true, `Sous le plafond du sous-quota ${sq.libelle}`)] };
    sub.score += policy.sousQuota * retard;
    sub.detail && sub.raisons.push({
      poids: Math.abs(policy.sousQuota * retard) + 0.02,
      texte: retard >= 0 ? `Sous-quota ${sq.libelle} : retard de ${logementsFr(retard)}` : `Sous-quota ${sq.libelle} : avance de ${logementsFr(-retard)}`,
    });
    options.push(finalize(destination, sub));
  }
  const retardReste = (p.objectif - objectifSous) * fraction - (compte - compteSous);
  ev.score += policy.sousQuota * retardReste;
  out.push(finalize(meta.destination, ev));
  for (const option of options) out.push(option);
  return obligatoire;
}

function plannedExclusion(state: EngineState, usage: UsageExclu): number {
  const a = state.exercice.assiette;
  const planned = usage === 'MUTATION' ? a?.mutations : a?.relogements?.[usage.toLowerCase() as 'npnru' | 'orcod' | 'lhi'];
  return Math.max(planned ?? 0, state.exclusionsRestantes[usage] ?? 0);
}

const USAGE_LIBELLE: Record<UsageExclu, string> = {
  MUTATION: 'Mutation interne',
  NPNRU: 'Relogement NPNRU',
  ORCOD: 'Relogement ORCOD',
  LHI: 'Relogement LHI (habitat indigne)',
};

const reserves = new WeakMap<object, number>();

/** Sum of the objectives of the conventions (DEFENSE aside), cached per progress record. */
function objectifsReserves(state: EngineState, index: StateIndex): number {
  let total = reserves.get(state.progress);
  if (total === undefined) {
    total = 0;
    for (const meta of index.metas) if (meta.kind !== 'DEFENSE') total += state.progress[meta.cle]?.objectif ?? 0;
    reserves.set(state.progress, total);
  }
  return total;
}

/** Options written out in full (reasons, soft rules); the others carry their lag as their one reason. */
export const DETAIL_MAX = 12;

const raisonsRetard = new Map<number, string[]>();

/**
 * ["Retard de 1,3 logement sur l'objectif à date"], memoised by tenth of a flat: the undetailed
 * options share these frozen one-line lists (no allocation per option).
 */
function raisonRetard(retard: number): string[] {
  const dixiemes = Math.round(retard * 10);
  let raisons = raisonsRetard.get(dixiemes);
  if (raisons === undefined) {
    const r = dixiemes / 10;
    const texte = r >= 0.1 ? `Retard de ${logementsFr(r)} sur l'objectif à date` : r <= -0.1 ? `Avance de ${logementsFr(-r)} sur l'objectif à date` : "Dans les temps sur l'objectif à date";
    raisons = Object.freeze([texte]) as unknown as string[];
    if (raisonsRetard.size < 10_000) raisonsRetard.set(dixiemes, raisons);
  }
  return raisons;
}

/** Second pass: the first DETAIL_MAX eligible options get their reasons and rules (same scores). */
function detailler(ctx: Contexte, index: StateIndex, eligibles: OptionOrientation[], seul: boolean): void {
  const detailles = new Map<string, OptionOrientation>();
  const n = Math.min(DETAIL_MAX, eligibles.length);
  for (let i = 0; i < n; i++) {
    const d = eligibles[i].destination;
    if (d.kind !== 'CONVENTION') continue;
    if (!detailles.has(keyOf(d))) {
      const meta = index.byId.get(d.conventionId)!;
      const options: OptionOrientation[] = [];
      evaluateConvention(ctx, meta, ctx.state.progress[meta.cle], seul, evaluation(true), options);
      for (const o of options) detailles.set(keyOf(o.destination), o);
    }
    const full = detailles.get(keyOf(d));
    if (full) eligibles[i] = full;
  }
}

/**
 * The options by decreasing score, equal scores in their given order. Scores are whole multiples
 * of 1/PAS_SCORE: as 32-bit integers they rank by a stable radix sort, four passes of one byte
 * (linear in the number of options, no comparator calls); scores out of that range fall back to
 * the built-in (stable) sort.
 */
function parScoreDecroissant(options: OptionOrientation[]): OptionOrientation[] {
  const n = options.length;
  const cles = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    const m = Math.round(options[i].score * PAS_SCORE);
    if (!(m >= -0x80000000 && m <= 0x7fffffff)) return options.slice().sort((a, b) => b.score - a.score);
    cles[i] = 0x7fffffff - m; // highest score → smallest key
  }
  let ordre = new Uint32Array(n);
  let tampon = new Uint32Array(n);
  for (let i = 0; i < n; i++) ordre[i] = i;
  const rangs = new Uint32Array(256);
  for (let decalage = 0; decalage < 32; decalage += 8) {
    rangs.fill(0);
    for (let i = 0; i < n; i++) rangs[(cles[i] >>> decalage) & 255]++;
    if (n === 0 || rangs[(cles[0] >>> decalage) & 255] === n) continue; // one value of this byte: order unchanged
    for (let octet = 0, debut = 0; octet < 256; octet++) {
      const nombre = rangs[octet];
      rangs[octet] = debut;
      debut += nombre;
    }
    for (let k = 0; k < n; k++) {
      const i = ordre[k];
      tampon[rangs[(cles[i] >>> decalage) & 255]++] = i;
    }
    [ordre, tampon] = [tampon, ordre];
  }
  const classees: OptionOrientation[] = new Array(n);
  for (let k = 0; k < n; k++) classees[k] = options[ordre[k]];
  return classees;
}

/** Ranks every option for a freed flat. The first eligible option is the recommendation. */
export function recommend(logement: Logement, state: EngineState, policy: Policy, date: string): Recommendation {
  validateLogement(logement);
  parseDate(date);
  if (!state || !state.exercice || !state.progress) throw new EngineInputError('state', 'état du moteur incomplet');
  if (!policy) throw new EngineInputError('policy', 'obligatoire');
  const flux = state.fluxOriente ?? emptyFlux();
  let correspondance: Map<string, Set<string>> | undefined;
  const modele = state.offrePrevue?.length ? modelePrevu(state.offrePrevue) : observedModele(state, flux);
  const ctx: Contexte = {
    logement,
    state,
    policy,
    date,
    fraction: fractionAttendue(state.exercice, date),
    flux,
    modele,
    fits: new Map(),
    communesParEpci: () => (flux.total >= OBSERVATION_MIN ? (correspondance ??= communesParEpci(flux.parCellule, logement)) : undefined),
    offreCommune: modele?.parCommune.get(logement.commune)?.total ?? 0,
  };
  const index = stateIndex(state);
  const lieu = lieuDe(index, logement);

  let eligibles: OptionOrientation[] = [];
  const rejected: OptionOrientation[] = [];
  const retained: ConventionMeta[] = [];
  const progres: ConventionProgress[] = [];
  let defenseEligible = false;
  for (const meta of lieu.candidats) {
    const destination = meta.destination;
    const refus = horsRegle(meta, logement, date);
    const p = refus ? undefined : state.progress[meta.cle];
    if (refus) rejected.push(ineligible(destination, refus));
    else if (!p) rejected.push(ineligible(destination, rule('EXERCICE', true, "Convention sans objectif dans l'exercice")));
    else {
      retained.push(meta);
      progres.push(p);
      if (meta.kind === 'DEFENSE') defenseEligible = true;
    }
  }
  // First pass: scores only (one evaluation reused, no text). The texts are written afterwards for
  // the options a chargé will read.
  const prefetsObligatoires = new Set<string>();
  let toutesEnAvance = true;
  const ev = evaluation(false);
  const options: OptionOrientation[] = [];
  for (let i = 0; i < retained.length; i++) {
    const meta = retained[i];
    const p = progres[i];
    ev.score = 0;
    options.length = 0;
    if (evaluateConvention(ctx, meta, p, retained.length === 1, ev, options)) prefetsObligatoires.add(meta.convention.id);
    if (ev.retard > -0.05 && compteProjete(p, meta.convention, policy.conversionAttendue) + 1 <= p.objectif + 0.5) toutesEnAvance = false;
    for (const option of options) (option.eligible ? eligibles : rejected).push(option);
  }

  const horsFlux = !!logement.stockDefense || !!logement.horsAssiette;
  const totalAnnee = ctx.modele?.global.total ?? state.exercice.fluxARepartir;
  for (const usage of USAGES_EXCLUS) {
    const restant = state.exclusionsRestantes[usage] ?? 0;
    if (restant <= 0) continue;
    const destination: Destination = { kind: 'EXCLU', usage };
    if (horsFlux) {
      rejected.push(ineligible(destination, rule('HORS_FLUX', true, 'Logement hors flux (stock Défense, vente ou démolition) : pas de relogement')));
      continue;
    }
    const planned = plannedExclusion(state, usage);
    const ev = evaluation(true);
    ev.satisfies.push(rule('EXCLUSION_PREVUE', true, "Usage prévu dans les exclusions de l'assiette"));
    const retard = planned * ctx.fraction - (planned - restant);
    ev.score += policy.exclusions * retard;
    if (totalAnnee > 0) ev.score += policy.urgence * (restant / Math.max(1, totalAnnee * (1 - ctx.fraction)) - planned / totalAnnee);
    ev.raisons.push({
      poids: 1,
      texte:
        retard >= 0.05
          ? `${USAGE_LIBELLE[usage]} : retard de ${logementsFr(retard)} sur le prévisionnel à date`
          : `${USAGE_LIBELLE[usage]} : ${logementsFr(restant)} encore prévus cette année`,
    });
    eligibles.push(finalize(destination, ev));
  }

  const bailleur: Destination = { kind: 'BAILLEUR' };
  if (logement.stockDefense && defenseEligible) {
    rejected.push(ineligible(bailleur, rule('DEFENSE', true, 'Logement du stock Défense : à orienter vers la Défense')));
  } else {
    const ev = evaluation(true, policy.biaisBailleur);
    if (logement.horsAssiette) ev.raisons.push({ poids: 1000, texte: `Logement ${logement.horsAssiette === 'VENTE' ? 'en plan de vente' : 'à démolir'} : hors flux, reste au bailleur` });
    if (logement.stockDefense) ev.raisons.push({ poids: 1000, texte: 'Logement du stock Défense sans convention Défense applicable' });
    if (!horsFlux) {
      const objectif = Math.max(0, state.exercice.fluxARepartir - objectifsReserves(state, index));
      // The non-réservé share is the sink of the flux: it yields when behind, never pays for being ahead.
      const retard = objectif * ctx.fraction - state.bailleurPropositions;
      ev.score += policy.retard * policy.partBailleur * Math.max(0, retard);
      if (retard >= 0.05) ev.raisons.push({ poids: retard, texte: `Retard de ${logementsFr(retard)} sur la part non réservée à date` });
      else ev.raisons.push({ poids: 0.01, texte: `Part non réservée : ${logementsFr(state.bailleurPropositions, 0)} sur ${logementsFr(objectif, 0)} prévus` });
      if (retained.length > 0 && toutesEnAvance) {
        ev.raisons.push({ poids: 500, texte: 'Toutes les conventions possibles sont en avance' });
      } else if (retained.length === 0) {
        ev.raisons.push({ poids: 500, texte: 'Aucune convention ne peut recevoir ce logement' });
      }
    }
    eligibles.push(finalize(bailleur, ev));
  }

  // A préfet floor about to break: the flat must go to the préfet, every other option would break it.
  if (prefetsObligatoires.size > 0) {
    const plancher = rule('PREFET_PLANCHER', true, 'Le plancher du préfet (taux uniforme, hors QPV) exige ce logement');
    const gardees: OptionOrientation[] = [];
    for (const o of eligibles) {
      const d = o.destination;
      // An excluded use takes the flat out of the flux: the floor does not rise, it stays allowed.
      if ((d.kind === 'CONVENTION' && prefetsObligatoires.has(d.conventionId)) || d.kind === 'EXCLU') gardees.push(o);
      else rejected.push({ ...o, score: SCORE_INELIGIBLE, eligible: false, violates: [plancher, ...o.violates], raisons: [plancher.libelle, ...o.raisons] });
    }
    eligibles = gardees;
  }

  // Ties keep the (deterministic) order of the conventions, then excluded uses, then the bailleur.
  const classees = parScoreDecroissant(eligibles);
  detailler(ctx, index, classees, retained.length === 1);
  // Ineligible options stay in the (deterministic) order of the conventions: no sort, linear time.
  return { logementId: logement.id, date, options: classees.concat(rejected, lieu.horsLieu) };
}

/** A stable text key of a destination (tie-breaks, tests). */
export function keyOf(d: Destination): string {
  switch (d.kind) {
    case 'CONVENTION':
      return `CONVENTION:${d.conventionId}${d.sousQuota ? `:${d.sousQuota}` : ''}`;
    case 'EXCLU':
      return `EXCLU:${d.usage}`;
    default:
      return 'BAILLEUR';
  }
}

/** The recommended destination: the first eligible option. */
export function choix(recommendation: Recommendation): Destination {
  const first = recommendation.options.find((o) => o.eligible);
  if (!first) throw new EngineInputError('recommendation', 'aucune option éligible');
  return first.destination;
}

/**
 * The recommendation: every way a freed flat can go (each convention and sub-quota, each planned
 * excluded use, the bailleur's own share), with hard eligibility checks, a score trading the soft
 * objectives off under a Policy, and French reasons. Pure and deterministic: the date and the
 * policy are arguments, the state is only read.
 *
 * The rules live in `regles/` (each with its evaluate and its reason texts), the ranking in
 * `ranking.ts`, the written-out reasons in `explication.ts`; this file runs them in two passes.
 */
import type { Logement, Typologie } from '../domain';
import type {
  ConventionProgress,
  Destination,
  EngineState,
  FluxOriente,
  OptionOrientation,
  Recommendation,
} from '../orientation';
import { EngineInputError } from '../errors';
import { fractionAttendue, parseDate } from '../calculs/saisonnalite';
import { emptyFlux } from '../progress';
import {
  evaluation,
  exigeParLePrefet,
  ineligible,
  OBSERVATION_MIN,
  rule,
  type Cible,
  type Contexte,
  type Evaluation,
} from './contexte';
import { detailler, finalize, raisonSecond } from './explication';
import {
  ANNEE_ENTIERE,
  buildModele,
  communesParEpci,
  fenetreDe,
  modelePrevu,
  offreConvention,
  stateIndex,
  type ConventionMeta,
  type ModeleOffre,
} from './indexes';
import type { Policy } from './policy';
import { parScoreDecroissant } from './ranking';
import { estimerAnnee, objectifReel } from './annee-reelle';
import {
  compteProjete,
  horsRegle,
  lieuDe,
  OK_ELIGIBILITE,
  optionBailleur,
  optionsExclusions,
  optionsSousQuotas,
  planchersLaisses,
  REGLES_CONVENTION,
  validateLogement,
  MutationsComptees,
} from './regles';

export { SCORE_INELIGIBLE } from './contexte';
export { DETAIL_MAX } from './explication';
export { compteProjete } from './regles';

function observedModele(state: EngineState, flux: FluxOriente): ModeleOffre | null {
  if (flux.total < OBSERVATION_MIN) return null;
  const cellules = Object.entries(flux.parCellule).map(([key, nombre]) => {
    const [commune, epci, q, typologie] = key.split('|');
    return { commune, epci: epci || null, qpv: q === 'Q', typologie: typologie as Typologie, nombre };
  });
  return buildModele('OBSERVATION', cellules, state.exercice.fluxARepartir / flux.total);
}

const SANS_OBJECTIF = rule('EXERCICE', true, "Convention sans objectif dans l'exercice");

/**
 * What the soft rules read of a convention (into `reuse` when given: the first pass allocates
 * no target per convention).
 */
function cibleDe(ctx: Contexte, meta: ConventionMeta, p: ConventionProgress, seul: boolean, reuse?: Cible): Cible {
  const cible: Cible = reuse ?? {
    meta,
    progress: p,
    objectif: 0,
    compte: 0,
    offre: null,
    fenetre: ANNEE_ENTIERE,
    seul,
    besoin: 0,
    resteOffre: 1,
    obligatoire: false,
  };
  const { policy, state, modele } = ctx;
  const c = meta.convention;
  cible.meta = meta;
  cible.progress = p;
  cible.objectif = ctx.annee && meta.kind !== 'DEFENSE' ? objectifReel(c, p.objectif, ctx.annee) : p.objectif;
  cible.compte = compteProjete(p, c, policy.conversionAttendue);
  cible.offre = modele ? offreConvention(modele, meta, ctx.communesParEpci) : null;
  cible.fenetre = fenetreDe(meta, state.exercice);
  cible.seul = seul;
  cible.besoin = 0;
  cible.resteOffre = 1;
  cible.obligatoire = false;
  return cible;
}

/**
 * Scores a convention into `ev` (blank, see `evaluation`) by every soft rule and appends its
 * options: its own, then its sub-quotas' (to `refusees` those past their cap). Leaves its lag in
 * `ev.retard`; returns true when the préfet's floor requires the flat.
 */
function evaluateConvention(
  ctx: Contexte,
  cible: Cible,
  ev: Evaluation,
  out: OptionOrientation[],
  refusees: OptionOrientation[] = out,
): boolean {
  const meta = cible.meta;
  if (ev.detail) ev.satisfies.push(...OK_ELIGIBILITE);
  for (const regle of REGLES_CONVENTION) regle.evaluate(ctx, cible, ev);
  if (!meta.convention.sousQuotas?.length) {
    out.push(finalize(meta.destination, ev, meta.libelle));
    return cible.obligatoire;
  }
  const options = optionsSousQuotas(ctx, cible, ev);
  out.push(finalize(meta.destination, ev, meta.libelle));
  for (const option of options) (option.eligible ? out : refusees).push(option);
  return cible.obligatoire;
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
    communesParEpci: () =>
      flux.total >= OBSERVATION_MIN ? (correspondance ??= communesParEpci(flux.parCellule, logement)) : undefined,
    offreCommune: modele?.parCommune.get(logement.commune)?.total ?? 0,
    annee: null,
    planchersEnRetard: [],
  };
  if (policy.anneeReelle) ctx.annee = estimerAnnee(state, flux, ctx.fraction, policy);
  const index = stateIndex(state);
  const lieu = lieuDe(index, logement);

  let eligibles: OptionOrientation[] = [];
  const rejected: OptionOrientation[] = [];
  let retenues = 0;
  let defenseEligible = false;
  const flat = { logement, date };
  // First pass: scores only (one evaluation and one target reused, no text). The texts are written
  // afterwards for the options a chargé will read.
  const prefetsObligatoires = new Set<string>();
  let toutesEnAvance = true;
  let comptees: MutationsComptees | null = null;
  const ev = evaluation(false);
  let cible: Cible | undefined;
  for (const meta of lieu.candidats) {
    const refus = horsRegle(meta, flat);
    const p = refus ? undefined : state.progress[meta.cle];
    if (refus) rejected.push(ineligible(meta.destination, refus, meta.libelle));
    else if (!p) rejected.push(ineligible(meta.destination, SANS_OBJECTIF, meta.libelle));
    else {
      retenues++;
      if (meta.kind === 'DEFENSE') defenseEligible = true;
      ev.score = 0;
      // Alone or not, the first pass scores the same: being the only one is a reason, not a term.
      cible = cibleDe(ctx, meta, p, false, cible);
      if (evaluateConvention(ctx, cible, ev, eligibles, rejected)) prefetsObligatoires.add(meta.convention.id);
      if (ev.retard > -0.05 && cible.compte + 1 <= cible.objectif + 0.5) toutesEnAvance = false;
      if (meta.convention.compteMutations)
        (comptees ??= new MutationsComptees()).ajouter(policy, meta.libelle, ev.retard, cible.compte, cible.objectif);
    }
  }

  const horsFlux = !!logement.stockDefense || !!logement.horsAssiette;
  optionsExclusions(ctx, horsFlux, eligibles, rejected, comptees);
  optionBailleur(
    ctx,
    index,
    horsFlux,
    { retenues, toutesEnAvance, defenseEligible },
    eligibles,
    rejected,
  );

  // A préfet floor about to break: the flat must go to the préfet, every other option would break it.
  if (prefetsObligatoires.size > 0) {
    const gardees: OptionOrientation[] = [];
    for (const o of eligibles) {
      const d = o.destination;
      // An excluded use takes the flat out of the flux: the floor does not rise, it stays allowed.
      if ((d.kind === 'CONVENTION' && prefetsObligatoires.has(d.conventionId)) || d.kind === 'EXCLU') gardees.push(o);
      else rejected.push(exigeParLePrefet(o));
    }
    eligibles = gardees;
  }

  // Ties keep the (deterministic) order of the conventions, then excluded uses, then the bailleur.
  const classees = parScoreDecroissant(eligibles);
  detailler(
    classees,
    (conventionId) => {
      const meta = index.byId.get(conventionId)!;
      const out: OptionOrientation[] = [];
      evaluateConvention(ctx, cibleDe(ctx, meta, state.progress[meta.cle], retenues === 1), evaluation(true), out);
      return out;
    },
    keyOf,
  );
  planchersLaisses(classees, ctx.planchersEnRetard);
  // Ineligible options stay in the (deterministic) order of the conventions: no sort, linear time.
  const toutes = classees.concat(rejected, lieu.horsLieu);
  return classees.length >= 2
    ? { logementId: logement.id, date, options: toutes, second: raisonSecond(classees[0], classees[1]) }
    : { logementId: logement.id, date, options: toutes };
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

/**
 * The options that are not conventions: each planned excluded use (mutations, relogements), paced
 * on its plan, and the bailleur's own share, the sink of the flux.
 */
import type { UsageExclu } from '../../domain';
import { USAGES_EXCLUS } from '../../domain';
import type { Destination, EngineState, OptionOrientation } from '../../orientation';
import { evaluation, ineligible, motif, rule, type Contexte, type Evaluation } from '../contexte';
import { finalize } from '../explication';
import { logementsFr, nombreFr } from '../format';
import type { StateIndex } from '../indexes';
import type { Policy } from '../policy';
import { exclusionPrevue, objectifsEnPourcentage } from '../annee-reelle';

export const USAGE_LIBELLE: Record<UsageExclu, string> = {
  MUTATION: 'Mutation interne',
  NPNRU: 'Relogement NPNRU',
  ORCOD: 'Relogement ORCOD',
  LHI: 'Relogement LHI (habitat indigne)',
};

/** A convention that counts the mutations of its territory (`compteMutations`) and covers the flat: its pace. */
export interface MutationComptee {
  libelle: string;
  /** Its lag to its expected progress at the date, in flats (negative: ahead). */
  retard: number;
  compte: number;
  objectif: number;
  /** What a mutation on this flat does to its pace, in score. */
  effet: number;
}

/** Conventions counting a mutation whose reasons are written one by one (the others in one line). */
const MUTATION_DETAIL = 3;

/**
 * A mutation on this flat also counts for the conventions that opted in: it weighs their pace as a
 * proposition to them would (behind: pour; ahead or past their objective: contre), so that the
 * bailleur's mutations land where they do not push such a convention past its objective. Filled
 * during the convention pass without allocating per convention: the sums, and the MUTATION_DETAIL
 * weightiest kept for their reasons (a state may hold thousands of such conventions).
 */
export class MutationsComptees {
  effet = 0;
  retard = 0;
  nombre = 0;
  readonly detail: MutationComptee[] = [];

  ajouter(policy: Policy, libelle: string, retard: number, compte: number, objectif: number): void {
    const gain = Math.abs(compte - objectif) - Math.abs(compte + 1 - objectif);
    const effet = policy.retard * retard + (gain < 0 && compte + 1 > objectif ? policy.depassementMutation * gain : 0);
    this.effet += effet;
    this.retard += retard;
    this.nombre++;
    if (this.detail.length < MUTATION_DETAIL) {
      this.detail.push({ libelle, retard, compte, objectif, effet });
      return;
    }
    let faible = 0;
    for (let k = 1; k < this.detail.length; k++)
      if (Math.abs(this.detail[k].effet) < Math.abs(this.detail[faible].effet)) faible = k;
    if (Math.abs(effet) > Math.abs(this.detail[faible].effet))
      this.detail[faible] = { libelle, retard, compte, objectif, effet };
  }
}

function paceMutation(comptees: MutationsComptees, ev: Evaluation): void {
  ev.score += comptees.effet;
  const detail = [...comptees.detail].sort((a, b) => Math.abs(b.effet) - Math.abs(a.effet));
  for (const c of detail) {
    if (c.retard >= 0.05)
      motif(
        ev,
        'MUTATION_COMPTEE',
        'pour',
        c.effet,
        `Compte aussi pour ${c.libelle}, en retard de ${logementsFr(c.retard)} à date`,
        c.retard,
        'logement',
      );
    else if (c.compte + 1 > c.objectif)
      motif(
        ev,
        'MUTATION_COMPTEE',
        'contre',
        -c.effet,
        `Compte aussi pour ${c.libelle}, déjà à ${nombreFr(c.compte)} sur un objectif de ${nombreFr(c.objectif)}`,
        c.compte - c.objectif,
        'logement',
      );
    else if (c.retard <= -0.05)
      motif(
        ev,
        'MUTATION_COMPTEE',
        'contre',
        -c.effet,
        `Compte aussi pour ${c.libelle}, en avance de ${logementsFr(-c.retard)} à date`,
        -c.retard,
        'logement',
      );
  }
  const autres = comptees.nombre - detail.length;
  if (autres > 0) {
    const retard = comptees.retard - detail.reduce((t, c) => t + c.retard, 0);
    const effet = comptees.effet - detail.reduce((t, c) => t + c.effet, 0);
    const texte = `Compte aussi pour ${autres} autre${autres > 1 ? 's' : ''} convention${autres > 1 ? 's' : ''} : ${retard >= 0 ? 'retard' : 'avance'} cumulé de ${logementsFr(Math.abs(retard))} à date`;
    // Read after the named ones.
    const poids = Math.min(Math.abs(effet), ...detail.map((c) => Math.abs(c.effet))) - 1e-3;
    motif(ev, 'MUTATION_COMPTEE', effet >= 0 ? 'pour' : 'contre', poids, texte, Math.abs(retard), 'logement');
  }
}

/** Excluded uses still planned: paced on the plan; a flat out of the flux cannot serve them. */
export function optionsExclusions(
  ctx: Contexte,
  horsFlux: boolean,
  eligibles: OptionOrientation[],
  rejected: OptionOrientation[],
  comptees: MutationsComptees | null = null,
): void {
  const { state, policy } = ctx;
  const totalAnnee = ctx.modele?.global.total ?? state.exercice.fluxARepartir;
  for (const usage of USAGES_EXCLUS) {
    const restantPlan = state.exclusionsRestantes[usage] ?? 0;
    if (restantPlan <= 0) continue;
    // In the real year the plan moves with the supply (see `estimerAnnee`).
    const restant = ctx.annee ? ctx.annee.exclusionsRestantes[usage] : restantPlan;
    const destination: Destination = { kind: 'EXCLU', usage };
    if (horsFlux) {
      rejected.push(
        ineligible(
          destination,
          rule('HORS_FLUX', true, 'Logement hors flux (stock Défense, vente ou démolition) : pas de relogement'),
          USAGE_LIBELLE[usage],
        ),
      );
      continue;
    }
    const plan = exclusionPrevue(state, usage);
    const planned = ctx.annee ? ctx.annee.exclusionsPrevues[usage] : plan;
    if (restant <= 0.5) {
      const r = rule(
        'EXCLUSION_PREVUE',
        true,
        `Prévisionnel ramené à ${logementsFr(planned)} avec l'offre de l'année : déjà servi`,
      );
      rejected.push(ineligible(destination, r, USAGE_LIBELLE[usage]));
      continue;
    }
    const ev = evaluation(true);
    ev.satisfies.push(rule('EXCLUSION_PREVUE', true, "Usage prévu dans les exclusions de l'assiette"));
    const retard = planned * ctx.fraction - (planned - restant);
    ev.score += policy.exclusions * retard;
    if (totalAnnee > 0)
      ev.score += policy.urgence * (restant / Math.max(1, totalAnnee * (1 - ctx.fraction)) - planned / totalAnnee);
    if (retard >= 0.05)
      motif(
        ev,
        'EXCLUSION',
        'pour',
        1,
        `${USAGE_LIBELLE[usage]} : retard de ${logementsFr(retard)} sur le prévisionnel à date`,
        retard,
        'logement',
      );
    else
      motif(
        ev,
        'EXCLUSION',
        'pour',
        1,
        `${USAGE_LIBELLE[usage]} : ${logementsFr(restant)} encore prévus cette année`,
        restant,
        'logement',
      );
    if (usage === 'MUTATION' && comptees) paceMutation(comptees, ev);
    if (planned < plan - 0.5) {
      motif(
        ev,
        'ANNEE_REELLE',
        'contre',
        0.5,
        `${USAGE_LIBELLE[usage]} : prévisionnel ramené de ${logementsFr(plan)} à ${logementsFr(planned)} avec l'offre de l'année`,
        planned,
        'logement',
      );
    }
    eligibles.push(finalize(destination, ev, USAGE_LIBELLE[usage]));
  }
}

export const LIBELLE_BAILLEUR = 'Part non réservée du bailleur';

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

/** What the convention pass tells the bailleur's option. */
export interface Convergence {
  /** Conventions that passed the hard rules. */
  retenues: number;
  /** Every one of them is ahead of its pace and would pass its objective. */
  toutesEnAvance: boolean;
  /** A Défense convention may take the flat. */
  defenseEligible: boolean;
}

/** The bailleur's own (non réservé) share: it yields when behind, never pays for being ahead. */
export function optionBailleur(
  ctx: Contexte,
  index: StateIndex,
  horsFlux: boolean,
  c: Convergence,
  eligibles: OptionOrientation[],
  rejected: OptionOrientation[],
): void {
  const { logement, state, policy } = ctx;
  const bailleur: Destination = { kind: 'BAILLEUR' };
  if (logement.stockDefense && c.defenseEligible) {
    rejected.push(
      ineligible(
        bailleur,
        rule('DEFENSE', true, 'Logement du stock Défense : à orienter vers la Défense'),
        LIBELLE_BAILLEUR,
      ),
    );
    return;
  }
  const ev = evaluation(true, policy.biaisBailleur);
  if (logement.horsAssiette)
    motif(
      ev,
      'HORS_ASSIETTE',
      'pour',
      1000,
      `Logement ${logement.horsAssiette === 'VENTE' ? 'en plan de vente' : 'à démolir'} : hors flux, reste au bailleur`,
    );
  if (logement.stockDefense)
    motif(ev, 'DEFENSE', 'pour', 1000, 'Logement du stock Défense sans convention Défense applicable');
  if (!horsFlux) {
    const annee = ctx.annee;
    const reserves =
      objectifsReserves(state, index) + (annee ? objectifsEnPourcentage(state, index) * (annee.ratio - 1) : 0);
    const objectif = Math.max(0, (annee ? annee.flux : state.exercice.fluxARepartir) - reserves);
    const retard = objectif * ctx.fraction - state.bailleurPropositions;
    ev.score += policy.retard * policy.partBailleur * Math.max(0, retard);
    if (retard >= 0.05)
      motif(
        ev,
        'BAILLEUR',
        'pour',
        retard,
        `Retard de ${logementsFr(retard)} sur la part non réservée à date`,
        retard,
        'logement',
      );
    else {
      // Ahead, or on time: said as the pace is said, the year's figures beside it.
      const aDate = retard <= -0.05 ? `en avance de ${logementsFr(-retard)} à date` : 'dans les temps';
      motif(
        ev,
        'BAILLEUR',
        'contre',
        0.01,
        `Part non réservée ${aDate} (${nombreFr(state.bailleurPropositions)} sur ${logementsFr(objectif, 0)} prévus pour l'année)`,
        Math.max(0, -retard),
        'logement',
      );
    }
    if (c.retenues > 0 && c.toutesEnAvance) {
      motif(ev, 'BAILLEUR', 'pour', 500, 'Toutes les conventions possibles sont en avance');
    } else if (c.retenues === 0) {
      motif(ev, 'BAILLEUR', 'pour', 500, 'Aucune convention ne peut recevoir ce logement');
    }
  }
  eligibles.push(finalize(bailleur, ev, LIBELLE_BAILLEUR));
}

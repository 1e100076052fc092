/**
 * The préfet's uniform rate: its share hors QPV and in each commune must not fall below its rate
 * (floor ⌊taux × flux⌋, so a lag under one flat is tolerated). Marks the target `obligatoire` when
 * the flat must go to the préfet: giving it elsewhere would put a floor out of reach of that
 * tolerance right now.
 */
import type { OptionOrientation, RuleCheck } from '../../orientation';
import { motif, rule, type Cible, type Contexte, type Evaluation, type RegleDouce } from '../contexte';
import { logementsFr, pourcentFr } from '../format';
import type { ModeleOffre } from '../indexes';

/** A préfet floor lag (in flats) from which the flat must go to the préfet (the floor tolerates < 1). */
export const PLANCHER_LIMITE = 0.98;

export const REGLE_PREFET: RegleDouce = {
  code: 'PREFET',
  evaluate(ctx, cible, ev) {
    const c = cible.meta.convention;
    // In a function of their own: the context its closures share is allocated on entry, and the
    // other conventions, evaluated by the same rule, should not pay for it.
    if (cible.meta.kind === 'ETAT' && c.cible.type === 'TAUX') planchersDuPrefet(ctx, cible, ev, c.cible.taux);
  },
};

/** The préfet's floors (hors QPV, by commune) and what they ask of the flat. */
function planchersDuPrefet(ctx: Contexte, cible: Cible, ev: Evaluation, taux: number): void {
  const c = cible.meta.convention;
  const p = cible.progress;
  let obligatoire = false;
  const { logement, policy, flux } = ctx;
  // No pull while the lag stays well inside the tolerance of one flat; a push growing toward it; a
  // brake where the préfet is already above its rate.
  const pression = (d: number) =>
    policy.plancherPrefet * Math.max(-1, Math.min(d, 1)) +
    policy.pousseePlancher *
      (d > policy.seuilPlancher ? (Math.min(d, 2) - policy.seuilPlancher) / (1 - policy.seuilPlancher) : 0);
  /**
   * A floor lagging by `d` flats: its pull, and past the tolerance why the flat should go to the
   * préfet; the rule is then broken by every other option (`planchersLaisses`), not by this one.
   */
  const plancher = (d: number, code: string, regle: () => string, pourquoi: () => string) => {
    if (d >= PLANCHER_LIMITE) obligatoire = true;
    ev.score += pression(d);
    if (d <= policy.seuilPlancher) return;
    if (ev.detail) motif(ev, 'PREFET', 'pour', pression(d), pourquoi(), d, 'logement');
    else
      ctx.planchersEnRetard.push({
        conventionId: c.id,
        regle: rule(code, false, `${regle()} (retard de ${logementsFr(d)})`),
      });
  };
  /** The préfet ahead by `-d` flats: the brake, told. */
  const dejaSaPart = (d: number, pourquoi: string) =>
    ev.detail && motif(ev, 'PREFET', 'contre', -pression(d), pourquoi, -d, 'logement');
  if (!logement.qpv) {
    const d = taux * (flux.horsQpv + 1) - p.horsQpv;
    plancher(
      d,
      'PREFET_HORS_QPV',
      () => `Part du préfet hors QPV sous son taux de ${pourcentFr(taux)}`,
      () => `Hors QPV : le préfet est sous son plancher (manque ${logementsFr(d)})`,
    );
    if (d <= policy.seuilPlancher)
      ev.detail &&
        ev.satisfies.push(
          rule('PREFET_HORS_QPV', false, `Part du préfet hors QPV au niveau de son taux de ${pourcentFr(taux)}`),
        );
  } else {
    const d = taux * (flux.qpv + 1) - p.qpv;
    if (d < 0) {
      ev.score += pression(d);
      dejaSaPart(d, 'En QPV : le préfet a déjà sa part (ménages prioritaires à orienter hors QPV)');
    }
  }
  if (c.engagements?.tauxUniformeParCommune !== false) {
    const d = taux * ((flux.parCommune[logement.commune] ?? 0) + 1) - (p.parCommune[logement.commune] ?? 0);
    plancher(
      d,
      'PREFET_COMMUNE',
      () => `Taux uniforme du préfet (${pourcentFr(taux)}) non tenu sur la commune`,
      () => `Taux uniforme : le préfet est en retard de ${logementsFr(d)} sur la commune`,
    );
    if (d < -0.5) dejaSaPart(d, 'Taux uniforme : le préfet a déjà sa part sur la commune');
  }
  if (c.engagements?.tauxUniformeParCommune !== false && !obligatoire) reserveDesPlanchers(ctx, cible, ev, taux);
  cible.obligatoire = obligatoire;
  if (obligatoire)
    ev.detail && ev.satisfies.push(rule('PREFET_PLANCHER', true, 'Plancher du préfet tenu grâce à ce logement'));
}

/**
 * The préfet's floors lagging past their tolerance stay so wherever the flat goes but to the préfet
 * (its convention or a sub-quota of it) or out of the flux (an excluded use): the soft rule each other
 * eligible option breaks, told on it and weighed by the override policy. Options are this call's own.
 */
export function planchersLaisses(options: OptionOrientation[], planchers: Contexte['planchersEnRetard']): void {
  if (planchers.length === 0) return;
  // Most options leave every floor: they share one list (options of the first pass break no other rule).
  const tous = Object.freeze(planchers.map((p) => p.regle)) as RuleCheck[];
  for (const o of options) {
    const d = o.destination;
    if (d.kind === 'EXCLU') continue;
    const laisses =
      d.kind === 'CONVENTION' && planchers.some((p) => p.conventionId === d.conventionId)
        ? planchers.filter((p) => p.conventionId !== d.conventionId).map((p) => p.regle)
        : tous;
    if (laisses.length > 0) o.violates = o.violates.length === 0 ? laisses : [...o.violates, ...laisses];
  }
}

/** Poisson arrivals up to which a commune's final floor is summed exactly (beyond: its expected value). */
const POISSON_MAX = 30;

/**
 * A commune's préfet count at 31/12 if it gets no more voluntary flat: max(its count, its final
 * floor ⌊taux × (flux so far + K)⌋), K the flats still to come there (Poisson of mean λ), in
 * expectation; and the chance that one more flat now would not be covered by that floor.
 */
function finDeCommune(
  compte: number,
  fluxCommune: number,
  lambda: number,
  taux: number,
  out: { attendu: number; audessus: number },
): void {
  if (lambda > POISSON_MAX) {
    const f = Math.floor(taux * (fluxCommune + lambda) + 1e-4);
    out.attendu = Math.max(compte, f);
    out.audessus = compte + 1 <= f ? 0 : 1;
    return;
  }
  let pk = Math.exp(-lambda);
  let attendu = 0;
  let audessus = 0;
  const kMax = Math.ceil(lambda + 8 * Math.sqrt(lambda) + 8);
  for (let k = 0; k <= kMax; k++) {
    if (k > 0) pk *= lambda / k;
    const f = Math.floor(taux * (fluxCommune + k) + 1e-4);
    attendu += pk * Math.max(compte, f);
    if (f <= compte) audessus += pk;
  }
  out.attendu = attendu;
  out.audessus = audessus;
}

/**
 * How far under its real-year objective the préfet's projected count stops taking voluntary flats
 * (one flat, the floors' own tolerance). The projection is an expectation: the floors still to come
 * may bring one more flat than it (a commune's next floor, a forced flat on the last days), and the
 * estimated year may turn out shorter; a count cannot go down, while a lag of the last flat is caught
 * up by the pace once the year's flux is known.
 */
export const MARGE_PLANCHERS = 1;

const communesDesModeles = new WeakMap<ModeleOffre, Array<{ commune: string; total: number }>>();

/** The model's communes and their supply, listed once per model. */
function communesDe(modele: ModeleOffre): Array<{ commune: string; total: number }> {
  let list = communesDesModeles.get(modele);
  if (!list)
    communesDesModeles.set(
      modele,
      (list = [...modele.parCommune].map(([commune, o]) => ({ commune, total: o.total }))),
    );
  return list;
}

/**
 * The préfet's flats its commune floors will bring anyway: in each commune, ⌊taux × the flux
 * there by 31/12⌋ (the flux so far plus the commune's share of the estimated flux still to come,
 * `finDeCommune`). A flat below that in its commune only comes early; a flat above it is one more
 * flat for the year, so it is braked once the floors still to come fill the real-year objective: a
 * count cannot go down when the year turns out shorter, while a lag can be caught up.
 */
function reserveDesPlanchers(ctx: Contexte, cible: Cible, ev: Evaluation, taux: number): void {
  const { modele, flux, logement, policy } = ctx;
  if (policy.reservePlanchers <= 0 || !modele || modele.global.total <= 0) return;
  const p = cible.progress;
  const fluxAnnee = ctx.annee?.flux ?? ctx.state.exercice.fluxARepartir;
  const aVenir = Math.max(0, fluxAnnee - flux.total) / modele.global.total;
  let projete = 0;
  let ajout = 1;
  const fin = { attendu: 0, audessus: 0 };
  for (const { commune, total } of communesDe(modele)) {
    finDeCommune(p.parCommune[commune] ?? 0, flux.parCommune[commune] ?? 0, total * aVenir, taux, fin);
    projete += fin.attendu;
    if (commune === logement.commune) ajout = fin.audessus;
  }
  for (const commune in p.parCommune) if (!modele.parCommune.has(commune)) projete += p.parCommune[commune];
  // What the flat adds to the year: nothing where its commune's final floor would bring it anyway
  // (it only comes early), one flat where it stays above that floor. Braked from one flat short of
  // the objective (MARGE_PLANCHERS).
  const exces = Math.min(ajout, projete + ajout - (cible.objectif - MARGE_PLANCHERS));
  if (exces <= 1e-9) return;
  ev.score -= policy.reservePlanchers * exces;
  ev.detail &&
    motif(
      ev,
      'PREFET',
      'contre',
      policy.reservePlanchers * exces,
      `${cible.meta.libelle} : ses planchers par commune lui apportent déjà ≈ ${logementsFr(projete)} d'ici au 31/12 pour un objectif de ${logementsFr(cible.objectif)}, ce logement au-delà du plancher de sa commune ne lui laisserait pas un logement de marge`,
      exces,
      'logement',
    );
}

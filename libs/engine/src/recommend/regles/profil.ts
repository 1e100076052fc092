/**
 * What the réservataire's applicants make of the flat: the typologie fit of its demand (refusal
 * risk), the wait for its candidates (vacancy), and the legal allocation targets (CCH L.441-1:
 * priority households, first quartile hors QPV, quartiles 2–4 in QPV) through its demand profile.
 */
import { motif, rule, type Cible, type Contexte, type Evaluation, type RegleDouce } from '../contexte';
import { nombreFr, pourcentFr } from '../format';
import { typologieFit, type ConventionMeta } from '../indexes';
import type { CiblesLegales, Policy } from '../policy';
import type { ProfilDemande } from '../../domain';
import type { ConventionProgress } from '../../orientation';
import { partsDuLogement, type PartsAttendues } from './designation';

/** The flat's typologie fit with the convention's réservataire (null without a profile), memoised per call. */
function fitDe(ctx: Contexte, meta: ConventionMeta): number | null {
  if (!meta.profil || !meta.fit) return null;
  let fit = ctx.fits.get(meta.fit);
  if (fit === undefined) ctx.fits.set(meta.fit, (fit = typologieFit(meta.profil, ctx.logement, meta.fit)));
  return fit;
}

export const REGLE_ADEQUATION: RegleDouce = {
  code: 'ADEQUATION',
  evaluate(ctx, { meta }, ev) {
    const { logement, policy } = ctx;
    const fit = fitDe(ctx, meta);
    const adequation = fit ?? policy.adequationParDefaut;
    const perte = policy.adequation * (1 - adequation);
    ev.score -= perte;
    // Told when the fit is high (for) or low (against: refusals, and vacancy when nobody asks).
    if (fit === null || !ev.detail || (fit > 0.35 && fit < 0.75)) return;
    const pour = fit >= 0.75;
    const t = logement.typologie;
    const chez = meta.reservataire?.nom ?? 'ce réservataire';
    const texte = pour
      ? `Demande ${t} forte chez ${chez}`
      : fit === 0
        ? `Aucune demande ${t} chez ${chez} : risque de refus et de vacance`
        : `Demande ${t} faible chez ${chez} : risque de refus`;
    motif(
      ev,
      'ADEQUATION',
      pour ? 'pour' : 'contre',
      pour ? policy.adequation * fit * 0.5 : perte,
      texte,
      fit,
      'pourcent',
    );
  },
};

export const REGLE_VACANCE: RegleDouce = {
  code: 'VACANCE',
  evaluate(ctx, { meta }, ev) {
    const d = meta.convention.delegation;
    const attente =
      d.mode === 'DELEGUEE'
        ? 0
        : (meta.profil?.delaiMoyenJours ?? d.delaiJours / 2) * (d.mode === 'PARTIELLE' ? 1 - (d.partDeleguee ?? 0) : 1);
    const vacance = (ctx.policy.vacance * attente) / 30;
    ev.score -= vacance;
    if (d.mode === 'DELEGUEE')
      ev.detail && motif(ev, 'VACANCE', 'pour', 0.005, 'Délégation : le bailleur désigne sans attendre', 0, 'jour');
    else
      ev.detail &&
        motif(
          ev,
          'VACANCE',
          'contre',
          vacance,
          `Gestion directe (${meta.reservataire?.nom ?? 'le réservataire'}) : attente des candidats (≈ ${nombreFr(attente, 0)} jours)`,
          attente,
          'jour',
        );
  },
};

/** The share reached so far, once there are enough attributions to mean something. */
function ratioAtteint(num: number, den: number): number | null {
  return den >= 4 ? num / den : null;
}

/**
 * How much the convention's own progress weighs on a legal target: 1 before it means something,
 * up to 2 when none of its households so far is in the group, down to 0.5 when it is well ahead.
 */
export function poidsProgression(actuel: number | null, cible: number): number {
  if (actuel === null || cible <= 0) return 1;
  return Math.min(2, Math.max(0.5, 1 + (cible - actuel) / cible));
}

/** Which attributions count toward a legal target, among which ones (fields of the convention's progress). */
type Compte = Extract<keyof ConventionProgress, `attributions${string}`>;

/** Each legal allocation target (CCH L.441-1): its rule code, the group it speaks of, what counts toward it. */
const OBJECTIFS_LEGAUX: Record<
  keyof CiblesLegales,
  [code: string, groupe: string, compte: Compte, parmi: Compte, minimum: `${keyof CiblesLegales}Min`]
> = {
  prioritaires: ['PRIORITAIRES', 'ménages prioritaires', 'attributionsPrioritaires', 'attributions', 'prioritairesMin'],
  q1HorsQpv: [
    'Q1_HORS_QPV',
    'ménages du 1er quartile (hors QPV)',
    'attributionsHorsQpvQ1',
    'attributionsHorsQpv',
    'q1HorsQpvMin',
  ],
  q234Qpv: ['Q234_QPV', 'ménages des quartiles 2 à 4 (en QPV)', 'attributionsQpvQ234', 'attributionsQpv', 'q234QpvMin'],
};

/**
 * A legal allocation target through the convention's attribution: the expected share of the group
 * among its households (its profile, the bailleur's designation under délégation) − the target (the
 * convention's own minimum, else the policy's), weighed by the convention's own progress toward it.
 */
function mixite(
  ev: Evaluation,
  policy: Policy,
  cible: Cible,
  objectif: keyof CiblesLegales,
  part: number,
  qui: Qui,
): void {
  const [code, groupe, compte, parmi, minimum] = OBJECTIFS_LEGAUX[objectif];
  const p = cible.progress;
  const taux = cible.meta.convention.engagements?.[minimum] ?? policy.cibles[objectif];
  const actuel = ratioAtteint(p[compte], p[parmi]);
  const v = policy.mixite * (part - taux) * poidsProgression(actuel, taux);
  ev.score += v;
  if (!ev.detail) return;
  const bilan = actuel === null ? '' : `, ${pourcentFr(actuel)} jusqu'ici`;
  if (part - taux >= 0.05) {
    ev.satisfies.push(rule(code, false, `Objectif de ${pourcentFr(taux)} ${groupe}`));
    motif(
      ev,
      'MIXITE',
      'pour',
      v,
      `${groupe[0].toUpperCase()}${groupe.slice(1)} : ${pourcentFr(part)} attendus chez ${qui.nom} (${qui.convention} ; objectif ${pourcentFr(taux)}${bilan})`,
      part,
      'pourcent',
    );
  } else if (taux - part >= 0.05) {
    ev.violates.push(rule(code, false, `Objectif de ${pourcentFr(taux)} ${groupe}`));
    motif(
      ev,
      'MIXITE',
      'contre',
      -v,
      `Peu de ${groupe} chez ${qui.nom} (${qui.convention} ; ${pourcentFr(part)} attendus, objectif ${pourcentFr(taux)}${bilan})`,
      part,
      'pourcent',
    );
  }
}

/** The expected shares of the convention's attributions, computed once per index (the rule runs on every option). */
function partsDe(meta: ConventionMeta, profil: ProfilDemande, qpv: boolean): PartsAttendues {
  const parts = (meta.partsLegales ??= [
    partsDuLogement(meta.convention, profil.quartiles[0], profil.prioritaires, false),
    partsDuLogement(meta.convention, profil.quartiles[0], profil.prioritaires, true),
  ]);
  return parts[qpv ? 1 : 0];
}

export const REGLE_MIXITE: RegleDouce = {
  code: 'MIXITE',
  evaluate(ctx, cible, ev) {
    const profil = cible.meta.profil;
    if (!profil) return;
    const qpv = ctx.logement.qpv;
    const parts = partsDe(cible.meta, profil, qpv);
    const qui = ev.detail ? quiDe(cible.meta) : SANS_DETAIL;
    mixite(ev, ctx.policy, cible, 'prioritaires', parts.prioritaires, qui);
    mixite(ev, ctx.policy, cible, qpv ? 'q234Qpv' : 'q1HorsQpv', parts.critere, qui);
  },
};

interface Qui {
  /** The réservataire's name. */
  nom: string;
  /** « convention CONV-1, désignation par le bailleur ». */
  convention: string;
}

const SANS_DETAIL: Qui = { nom: '', convention: '' };

/** Who brings the households: the réservataire, its convention and who designates. */
function quiDe(meta: ConventionMeta): Qui {
  const mode = meta.convention.delegation.mode;
  const comment =
    mode === 'DELEGUEE'
      ? ', désignation par le bailleur'
      : mode === 'PARTIELLE'
        ? ', désignation en partie par le bailleur'
        : '';
  return {
    nom: meta.reservataire?.nom ?? 'ce réservataire',
    convention: `convention ${meta.convention.reference}${comment}`,
  };
}

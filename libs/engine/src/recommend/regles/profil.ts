/**
 * What the réservataire's applicants make of the flat: the typologie fit of its demand (refusal
 * risk), the wait for its candidates (vacancy), and the legal allocation targets (CCH L.441-1:
 * priority households, first quartile hors QPV, quartiles 2–4 in QPV) through its demand profile.
 */
import { motif, rule, type Cible, type Contexte, type Evaluation, type RegleDouce } from '../contexte';
import { nombreFr, pourcentFr } from '../format';
import { typologieFit, type ConventionMeta } from '../indexes';
import type { CiblesLegales, Policy } from '../policy';
import type { Engagements, ProfilDemande } from '../../domain';
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

/**
 * Each legal allocation target (CCH L.441-1): its rule code, the group it speaks of, what counts
 * toward it among which attributions, the convention's own minimum and the policy's default. Read
 * through functions rather than by field name (a keyed read with varying names is the slowest kind,
 * and the rule runs on every option).
 */
interface ObjectifLegal {
  code: string;
  groupe: string;
  compte: (p: ConventionProgress) => number;
  parmi: (p: ConventionProgress) => number;
  minimum: (e: Engagements) => number | undefined;
  parDefaut: (c: CiblesLegales) => number;
}

const PRIORITAIRES: ObjectifLegal = {
  code: 'PRIORITAIRES',
  groupe: 'ménages prioritaires',
  compte: (p) => p.attributionsPrioritaires,
  parmi: (p) => p.attributions,
  minimum: (e) => e.prioritairesMin,
  parDefaut: (c) => c.prioritaires,
};
const Q1_HORS_QPV: ObjectifLegal = {
  code: 'Q1_HORS_QPV',
  groupe: 'ménages du 1er quartile (hors QPV)',
  compte: (p) => p.attributionsHorsQpvQ1,
  parmi: (p) => p.attributionsHorsQpv,
  minimum: (e) => e.q1HorsQpvMin,
  parDefaut: (c) => c.q1HorsQpv,
};
const Q234_QPV: ObjectifLegal = {
  code: 'Q234_QPV',
  groupe: 'ménages des quartiles 2 à 4 (en QPV)',
  compte: (p) => p.attributionsQpvQ234,
  parmi: (p) => p.attributionsQpv,
  minimum: (e) => e.q234QpvMin,
  parDefaut: (c) => c.q234Qpv,
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
  { code, groupe, compte, parmi, minimum, parDefaut }: ObjectifLegal,
  part: number,
  qui: Qui,
): void {
  const p = cible.progress;
  const engagements = cible.meta.convention.engagements;
  const taux = (engagements && minimum(engagements)) ?? parDefaut(policy.cibles);
  const actuel = ratioAtteint(compte(p), parmi(p));
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
    // The objective is annual: the rule is broken only when this attribution, at its expected
    // share, would leave the convention's share so far under it (before 4 attributions: the flat's share).
    const apres = actuel === null ? part : (compte(p) + part) / (parmi(p) + 1);
    if (apres < taux) ev.violates.push(rule(code, false, `Objectif de ${pourcentFr(taux)} ${groupe}`));
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
    mixite(ev, ctx.policy, cible, PRIORITAIRES, parts.prioritaires, qui);
    mixite(ev, ctx.policy, cible, qpv ? Q234_QPV : Q1_HORS_QPV, parts.critere, qui);
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

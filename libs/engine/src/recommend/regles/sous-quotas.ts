/**
 * Sub-quotas (the préfet's fonctionnaires): each is an option of its own, capped at its rate of
 * the flux (a hard rule), paced like a convention; the main option is paced on what remains, and
 * says so (« Hors sous-quota … : retard de … »).
 */
import type { OptionOrientation } from '../../orientation';
import { ineligible, motif, type Cible, type Contexte, type Evaluation } from '../contexte';
import { finalize, optionEnBref } from '../explication';
import { logementsFr } from '../format';

/** The sub-quotas' options, scored from the convention's evaluation `ev`, to which it adds the pace of the rest. */
export function optionsSousQuotas(
  ctx: Contexte,
  { meta, progress: p, compte, objectif: objectifConvention }: Cible,
  ev: Evaluation,
): OptionOrientation[] {
  const c = meta.convention;
  const { policy, fraction } = ctx;
  const flux = ctx.annee?.flux ?? ctx.state.exercice.fluxARepartir;
  let objectifSous = 0;
  let compteSous = 0;
  const options: OptionOrientation[] = [];
  const sousQuotas = c.sousQuotas ?? [];
  for (let i = 0; i < sousQuotas.length; i++) {
    const sq = sousQuotas[i];
    const { destination, libelle, plafondAtteint, sousPlafond } = meta.sousQuotas[i];
    const objectif = sq.taux * flux;
    const compteSq = p.parSousQuota[sq.code] ?? 0;
    objectifSous += objectif;
    compteSous += compteSq;
    if (compteSq + 1 > objectif + 1e-6) {
      options.push(ineligible(destination, plafondAtteint, libelle));
      continue;
    }
    const retard = objectif * fraction - compteSq;
    const score = ev.score + policy.sousQuota * retard;
    if (!ev.detail) {
      options.push(optionEnBref(destination, score, ev.retard, libelle));
      continue;
    }
    const sub: Evaluation = { ...ev, score, raisons: [...ev.raisons], satisfies: [...ev.satisfies, sousPlafond] };
    motif(
      sub,
      'SOUS_QUOTA',
      retard >= 0 ? 'pour' : 'contre',
      Math.abs(policy.sousQuota * retard) + 0.02,
      retard >= 0
        ? `Sous-quota ${sq.libelle} : retard de ${logementsFr(retard)}`
        : `Sous-quota ${sq.libelle} : avance de ${logementsFr(-retard)}`,
      Math.abs(retard),
      'logement',
    );
    options.push(finalize(destination, sub, libelle));
  }
  const retardReste = (objectifConvention - objectifSous) * fraction - (compte - compteSous);
  ev.score += policy.sousQuota * retardReste;
  // The main option's own pace on what remains: what sets it apart from its sub-quotas' options.
  if (ev.detail && sousQuotas.length > 0) {
    const hors = sousQuotas.length === 1 ? `Hors sous-quota ${sousQuotas[0].libelle}` : 'Hors sous-quotas';
    motif(
      ev,
      'SOUS_QUOTA',
      retardReste >= 0 ? 'pour' : 'contre',
      Math.abs(policy.sousQuota * retardReste) + 0.02,
      `${hors} : ${retardReste >= 0 ? 'retard' : 'avance'} de ${logementsFr(Math.abs(retardReste))}`,
      Math.abs(retardReste),
      'logement',
    );
  }
  return options;
}

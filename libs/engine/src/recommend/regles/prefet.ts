/**
 * The préfet's uniform rate: its share hors QPV and in each commune must not fall below its rate
 * (floor ⌊taux × flux⌋, so a lag under one flat is tolerated). Marks the target `obligatoire` when
 * the flat must go to the préfet: giving it elsewhere would put a floor out of reach of that
 * tolerance right now.
 */
import { motif, rule, type RegleDouce } from '../contexte';
import { logementsFr, pourcentFr } from '../format';

/** A préfet floor lag (in flats) from which the flat must go to the préfet (the floor tolerates < 1). */
export const PLANCHER_LIMITE = 0.98;

export const REGLE_PREFET: RegleDouce = {
  code: 'PREFET',
  evaluate(ctx, cible, ev) {
    const c = cible.meta.convention;
    if (cible.meta.kind !== 'ETAT' || c.cible.type !== 'TAUX') return;
    const p = cible.progress;
    let obligatoire = false;
    const { logement, policy, flux } = ctx;
    const taux = c.cible.taux;
    // No pull while the lag stays well inside the tolerance of one flat; a push growing toward it; a
    // brake where the préfet is already above its rate.
    const pression = (d: number) =>
      policy.plancherPrefet * Math.max(-1, Math.min(d, 1)) +
      policy.pousseePlancher *
        (d > policy.seuilPlancher ? (Math.min(d, 2) - policy.seuilPlancher) / (1 - policy.seuilPlancher) : 0);
    if (!logement.qpv) {
      const d = taux * (flux.horsQpv + 1) - p.horsQpv;
      if (d >= PLANCHER_LIMITE) obligatoire = true;
      ev.score += pression(d);
      if (d > policy.seuilPlancher) {
        ev.detail &&
          ev.violates.push(
            rule('PREFET_HORS_QPV', false, `Part du préfet hors QPV sous son taux de ${pourcentFr(taux)}`),
          );
        ev.detail &&
          motif(
            ev,
            'PREFET',
            'pour',
            pression(d),
            `Hors QPV : le préfet est sous son plancher (manque ${logementsFr(d)})`,
            d,
            'logement',
          );
      } else
        ev.detail &&
          ev.satisfies.push(
            rule('PREFET_HORS_QPV', false, `Part du préfet hors QPV au niveau de son taux de ${pourcentFr(taux)}`),
          );
    } else {
      const d = taux * (flux.qpv + 1) - p.qpv;
      if (d < 0) {
        ev.score += pression(d);
        ev.detail &&
          motif(
            ev,
            'PREFET',
            'contre',
            -pression(d),
            'En QPV : le préfet a déjà sa part (ménages prioritaires à orienter hors QPV)',
            -d,
            'logement',
          );
      }
    }
    if (c.engagements?.tauxUniformeParCommune !== false) {
      const d = taux * ((flux.parCommune[logement.commune] ?? 0) + 1) - (p.parCommune[logement.commune] ?? 0);
      if (d >= PLANCHER_LIMITE) obligatoire = true;
      ev.score += pression(d);
      if (d > policy.seuilPlancher) {
        ev.detail &&
          ev.violates.push(
            rule('PREFET_COMMUNE', false, `Taux uniforme du préfet (${pourcentFr(taux)}) non tenu sur la commune`),
          );
        ev.detail &&
          motif(
            ev,
            'PREFET',
            'pour',
            pression(d),
            `Taux uniforme : le préfet est en retard de ${logementsFr(d)} sur la commune`,
            d,
            'logement',
          );
      } else if (d < -0.5) {
        ev.detail &&
          motif(
            ev,
            'PREFET',
            'contre',
            -pression(d),
            'Taux uniforme : le préfet a déjà sa part sur la commune',
            -d,
            'logement',
          );
      }
    }
    cible.obligatoire = obligatoire;
    if (obligatoire)
      ev.detail && ev.satisfies.push(rule('PREFET_PLANCHER', true, 'Plancher du préfet tenu grâce à ce logement'));
  },
};

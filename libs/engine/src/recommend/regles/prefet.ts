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
    /** A floor lagging by `d` flats: its pull, and past the tolerance the rule it violates and why. */
    const plancher = (d: number, code: string, regle: () => string, pourquoi: () => string) => {
      if (d >= PLANCHER_LIMITE) obligatoire = true;
      ev.score += pression(d);
      if (d <= policy.seuilPlancher || !ev.detail) return;
      ev.violates.push(rule(code, false, regle()));
      motif(ev, 'PREFET', 'pour', pression(d), pourquoi(), d, 'logement');
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
    cible.obligatoire = obligatoire;
    if (obligatoire)
      ev.detail && ev.satisfies.push(rule('PREFET_PLANCHER', true, 'Plancher du préfet tenu grâce à ce logement'));
  },
};

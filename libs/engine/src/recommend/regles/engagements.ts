/** The convention's commitments (shares in QPV, hors QPV, by typologie, by financement): minimums and caps. */
import type { Convention, Typologie } from '../../domain';
import { motif, rule, type Evaluation, type RegleDouce } from '../contexte';
import { logementsFr, pourcentFr } from '../format';

/** One commitment of a convention: what it bounds, built once per convention (see `engagementsDe`). */
export interface Engagement {
  code: string;
  label: string;
  bornes: { min?: number; max?: number };
  /** The flats it counts: in QPV, hors QPV, of a typologie, of a financement. */
  sur: 'QPV' | 'HORS_QPV' | 'TYPOLOGIE' | 'FINANCEMENT';
  valeur?: string;
}

/** The convention's commitments, in the order they are told: QPV, hors QPV, typologies, financements. */
function engagementsDe(c: Convention): Engagement[] {
  const e = c.engagements ?? {};
  const list: Engagement[] = [];
  if (e.qpv) list.push({ code: 'ENGAGEMENT_QPV', label: 'en QPV', bornes: e.qpv, sur: 'QPV' });
  if (e.horsQpv) list.push({ code: 'ENGAGEMENT_HORS_QPV', label: 'hors QPV', bornes: e.horsQpv, sur: 'HORS_QPV' });
  for (const [t, bornes] of Object.entries(e.typologies ?? {}))
    list.push({ code: `ENGAGEMENT_${t}`, label: `en ${t}`, bornes, sur: 'TYPOLOGIE', valeur: t });
  for (const [f, bornes] of Object.entries(e.financements ?? {}))
    list.push({ code: `ENGAGEMENT_${f}`, label: `en ${f}`, bornes, sur: 'FINANCEMENT', valeur: f });
  return list;
}

/**
 * A commitment put at risk: the score loses `perte`; with the detail, the broken rule and its
 * reason (« Compromet l'engagement de 30 % minimum en QPV »). No closure: it runs on every option.
 */
function penaliser(ev: Evaluation, it: Engagement, perte: number, taux: number, borne: 'minimum' | 'maximum'): void {
  ev.score -= perte;
  if (!ev.detail) return;
  const raison = `${borne === 'minimum' ? 'Compromet' : 'Dépasse'} l'engagement de ${pourcentFr(taux)} ${borne} ${it.label}`;
  ev.violates.push(rule(it.code, false, raison));
  motif(ev, 'ENGAGEMENTS', 'contre', perte, raison, taux, 'pourcent');
}

export const REGLE_ENGAGEMENTS: RegleDouce = {
  code: 'ENGAGEMENTS',
  evaluate(ctx, { meta, progress: p, offre, objectif }, ev) {
    const { logement, policy, fraction } = ctx;
    const items = (meta.engagements ??= engagementsDe(meta.convention));
    if (items.length === 0) return;
    const final = Math.max(objectif, p.propositions + 1);
    const slotsApres = final - p.propositions - 1;
    for (const it of items) {
      const { min, max } = it.bornes;
      // A supply of 0: unknown (no model, or no supply by financement).
      let has: boolean, count: number, supply: number;
      switch (it.sur) {
        case 'QPV':
          has = logement.qpv;
          count = p.qpv;
          supply = offre?.qpv ?? 0;
          break;
        case 'HORS_QPV':
          has = !logement.qpv;
          count = p.horsQpv;
          supply = offre?.horsQpv ?? 0;
          break;
        case 'TYPOLOGIE':
          has = logement.typologie === it.valeur;
          count = p.parTypologie[it.valeur as Typologie] ?? 0;
          supply = offre?.typologies[it.valeur as Typologie] ?? 0;
          break;
        default:
          has = logement.financement === it.valeur;
          count = (p.parFinancement as Record<string, number> | undefined)?.[it.valeur!] ?? 0;
          supply = 0;
      }
      if (min !== undefined && min > 0) {
        const manque = min * final - count;
        if (has && manque > 0.01) {
          const urgence = manque / Math.max(1, final - p.propositions);
          const rarete = supply > 0 ? Math.min(2, manque / Math.max(1, supply * (1 - fraction))) : 0;
          const gain = policy.engagement * (urgence + rarete);
          ev.score += gain;
          ev.detail && ev.satisfies.push(rule(it.code, false, `Engagement de ${pourcentFr(min)} minimum ${it.label}`));
          ev.detail &&
            motif(
              ev,
              'ENGAGEMENTS',
              'pour',
              gain,
              `Engagement ${it.label} (min ${pourcentFr(min)}) : encore ${logementsFr(manque)} attendus`,
              manque,
              'logement',
            );
        } else if (!has && manque > slotsApres + 0.01) {
          const perte = policy.engagement * 2 * (manque - slotsApres);
          penaliser(ev, it, perte, min, 'minimum');
        }
      }
      if (max !== undefined && has) {
        const exces = count + 1 - max * final;
        if (exces > 1e-9) {
          const perte = policy.engagement * 2 * Math.min(1, exces);
          penaliser(ev, it, perte, max, 'maximum');
        } else {
          ev.detail && ev.satisfies.push(rule(it.code, false, `Sous le plafond de ${pourcentFr(max)} ${it.label}`));
        }
      }
    }
  },
};

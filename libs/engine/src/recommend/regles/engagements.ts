/** The convention's commitments (shares in QPV, hors QPV, by typologie, by financement): minimums and caps. */
import type { Typologie } from '../../domain';
import { motif, rule, type Evaluation, type RegleDouce } from '../contexte';
import { logementsFr, pourcentFr } from '../format';

interface Item {
  code: string;
  label: string;
  has: boolean;
  count: number;
  bornes?: { min?: number; max?: number };
  supply?: number;
}

/** A commitment put at risk: the score loses `perte`; with the detail, the broken rule and its reason. */
function penaliser(ev: Evaluation, code: string, perte: number, taux: number, texte: () => string): void {
  ev.score -= perte;
  if (!ev.detail) return;
  const raison = texte();
  ev.violates.push(rule(code, false, raison));
  motif(ev, 'ENGAGEMENTS', 'contre', perte, raison, taux, 'pourcent');
}

export const REGLE_ENGAGEMENTS: RegleDouce = {
  code: 'ENGAGEMENTS',
  evaluate(ctx, { meta, progress: p, offre, objectif }, ev) {
    const { logement, policy, fraction } = ctx;
    const e = meta.convention.engagements;
    if (!e || (!e.qpv && !e.horsQpv && !e.typologies && !e.financements)) return;
    const items: Item[] = [];
    if (e.qpv)
      items.push({
        code: 'ENGAGEMENT_QPV',
        label: 'en QPV',
        has: logement.qpv,
        count: p.qpv,
        bornes: e.qpv,
        supply: offre?.qpv,
      });
    if (e.horsQpv)
      items.push({
        code: 'ENGAGEMENT_HORS_QPV',
        label: 'hors QPV',
        has: !logement.qpv,
        count: p.horsQpv,
        bornes: e.horsQpv,
        supply: offre?.horsQpv,
      });
    for (const [t, bornes] of Object.entries(e.typologies ?? {})) {
      items.push({
        code: `ENGAGEMENT_${t}`,
        label: `en ${t}`,
        has: logement.typologie === t,
        count: p.parTypologie[t as Typologie] ?? 0,
        bornes,
        supply: offre?.typologies[t as Typologie],
      });
    }
    for (const [f, bornes] of Object.entries(e.financements ?? {})) {
      items.push({
        code: `ENGAGEMENT_${f}`,
        label: `en ${f}`,
        has: logement.financement === f,
        count: (p.parFinancement as Record<string, number> | undefined)?.[f] ?? 0,
        bornes,
      });
    }
    const final = Math.max(objectif, p.propositions + 1);
    const slotsApres = final - p.propositions - 1;
    for (const it of items) {
      const { min, max } = it.bornes ?? {};
      if (min !== undefined && min > 0) {
        const manque = min * final - it.count;
        if (it.has && manque > 0.01) {
          const urgence = manque / Math.max(1, final - p.propositions);
          const rarete =
            it.supply !== undefined && it.supply > 0
              ? Math.min(2, manque / Math.max(1, it.supply * (1 - fraction)))
              : 0;
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
        } else if (!it.has && manque > slotsApres + 0.01) {
          const perte = policy.engagement * 2 * (manque - slotsApres);
          penaliser(ev, it.code, perte, min, () => `Compromet l'engagement de ${pourcentFr(min)} minimum ${it.label}`);
        }
      }
      if (max !== undefined && it.has) {
        const exces = it.count + 1 - max * final;
        if (exces > 1e-9) {
          const perte = policy.engagement * 2 * Math.min(1, exces);
          penaliser(ev, it.code, perte, max, () => `Dépasse l'engagement de ${pourcentFr(max)} maximum ${it.label}`);
        } else {
          ev.detail && ev.satisfies.push(rule(it.code, false, `Sous le plafond de ${pourcentFr(max)} ${it.label}`));
        }
      }
    }
  },
};

/**
 * The order the engine advises the CAL for the candidates a réservataire presents on a flat. The
 * bailleur must let each réservataire reach its legal targets (CCH L.441-1: a quarter of its
 * attributions to priority households; first quartile hors QPV, quartiles 2–4 in QPV), and its CAL
 * decides who among the candidates gets the flat (CCH R.441-3: three demandes examined per flat).
 * So the réservataire's own order stands unless a target of its convention needs otherwise: a
 * candidate moves ahead by what it covers of the households the convention still lacks, counting the
 * attribution under way and a margin of one household, so that a convention at its target keeps its
 * réservataire's order and one behind it catches up at once.
 */
import type { Convention, Logement } from '../domain';
import type { CandidatCal, ConventionProgress } from '../orientation';
import { pourcentFr } from './format';
import { DEFAULT_POLICY, type CiblesLegales, type Policy } from './policy';

export interface RangConseille {
  /** Index of the candidate in the list given (the réservataire's order). */
  indice: number;
  /** Rank advised, from 1. */
  rang: number;
  /** Why it moved ahead of the réservataire's order (empty when it did not). */
  motifs: string[];
}

/** The weight of the flat's criterion (Q1 hors QPV, Q2–4 in QPV) when it is met and only settles ties. */
const DEPARTAGE_CRITERE = 0.1;

/** Households of one legal target the convention still lacks after this attribution, plus one of margin, within [0, 1]. */
function manque(cible: number, atteints: number, parmi: number): number {
  return Math.min(1, Math.max(0, cible * (parmi + 1) - atteints + 1));
}

interface Besoin {
  code: keyof CiblesLegales;
  poids: number;
  satisfait: (c: CandidatCal) => boolean;
  motif: string;
}

function besoins(
  logement: Logement,
  convention: Convention,
  progress: ConventionProgress,
  nom: string,
  cibles: CiblesLegales,
): Besoin[] {
  const besoin = (
    code: keyof CiblesLegales,
    groupe: string,
    atteints: number,
    parmi: number,
    attributions: string,
    satisfait: (c: CandidatCal) => boolean,
  ): Besoin => {
    const cible = convention.engagements?.[`${code}Min`] ?? cibles[code];
    const jusquIci =
      parmi > 0
        ? `${atteints} des ${parmi} ${attributions} chez ${nom} (${pourcentFr(atteints / parmi)})`
        : `${nom} n'a encore aucune ${attributions.replace('attributions', 'attribution')}`;
    return {
      code,
      poids: manque(cible, atteints, parmi),
      satisfait,
      motif: `${groupe} : ${jusquIci}, objectif ${pourcentFr(cible)} (convention ${convention.reference})`,
    };
  };
  const p = progress;
  return [
    besoin(
      'prioritaires',
      'Ménages prioritaires',
      p.attributionsPrioritaires,
      p.attributions,
      'attributions',
      (c) => c.prioritaire,
    ),
    logement.qpv
      ? besoin(
          'q234Qpv',
          'Quartiles 2 à 4 en QPV',
          p.attributionsQpvQ234,
          p.attributionsQpv,
          'attributions en QPV',
          (c) => c.quartile >= 2,
        )
      : besoin(
          'q1HorsQpv',
          '1er quartile hors QPV',
          p.attributionsHorsQpvQ1,
          p.attributionsHorsQpv,
          'attributions hors QPV',
          (c) => c.quartile === 1,
        ),
  ];
}

/**
 * The order advised to the CAL: by what each candidate covers of the convention's legal needs on
 * this flat, then a priority household, then the réservataire's order. `nom` is the réservataire's,
 * for the reasons.
 */
export function classerCandidats(
  candidats: readonly CandidatCal[],
  logement: Logement,
  convention: Convention,
  progress: ConventionProgress,
  nom: string,
  policy: Policy = DEFAULT_POLICY,
): RangConseille[] {
  const [prioritaires, critere] = besoins(logement, convention, progress, nom, policy.cibles);
  const liste = [prioritaires, critere].filter((b) => b.poids > 0);
  // While the convention lacks households for a target, the flat's own criterion (the bailleur's
  // target on this kind of flat) settles ties: of two priority households in QPV, quartiles 2–4 first.
  if (liste.length > 0 && critere.poids === 0) liste.push({ ...critere, poids: DEPARTAGE_CRITERE });
  const notes = candidats.map((c, indice) => ({
    indice,
    note: liste.reduce((s, b) => s + (b.satisfait(c) ? b.poids : 0), 0),
    couverts: liste.filter((b) => b.satisfait(c)),
  }));
  // At equal weight, a priority household first: the quarter of priority households is the
  // réservataire's own share (the préfet attributes in its stead when it misses it), where the flat's
  // quartile criterion is also met on the bailleur's other attributions.
  const prio = (n: { couverts: Besoin[] }) => (n.couverts.includes(prioritaires) ? 1 : 0);
  const ordre = [...notes].sort((a, b) => b.note - a.note || prio(b) - prio(a) || a.indice - b.indice);
  return ordre.map((n, i) => {
    // Told only for a candidate placed ahead of one the réservataire put before it, and only the
    // needs it covers that such a candidate does not (not a need both cover).
    const passes = ordre.slice(i + 1).filter((m) => m.indice < n.indice);
    return {
      indice: n.indice,
      rang: i + 1,
      motifs: n.couverts.filter((b) => passes.some((m) => !m.couverts.includes(b))).map((b) => b.motif),
    };
  });
}

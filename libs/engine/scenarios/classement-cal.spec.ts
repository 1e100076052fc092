/**
 * The CAL's order the engine advises for a réservataire's candidates (CCH L.441-1, R.441-3): the
 * réservataire's order stands while its convention keeps its legal targets, a candidate that covers
 * what it lacks moves ahead, and the reason names the réservataire, the convention and the figures.
 */
import { emptyProgress } from '../src/progress';
import { classerCandidats } from '../src/recommend/classement-cal';
import { resolvePolicy } from '../src/recommend/policy';
import type { CandidatCal, ConventionProgress } from '../src/orientation';
import { A, convention, logement } from './fixtures';

const MAIRIE = 'Commune de Fleury-lès-Chantevière';
const conv = convention('FLEURY', 'r-fleury', 0.1);
const horsQpv = logement('l1', A, { qpv: false });
const enQpv = logement('l2', A, { qpv: true });

const avance = (over: Partial<ConventionProgress>): ConventionProgress => ({ ...emptyProgress(conv.id, 10), ...over });
const candidat = (quartile: 1 | 2 | 3 | 4, prioritaire: boolean): CandidatCal => ({ quartile, prioritaire });
const ordre = (rangs: { indice: number }[]) => rangs.map((r) => r.indice);

describe('le rang conseillé à la CAL', () => {
  it('garde l’ordre du réservataire quand la convention tient ses objectifs, sans motif', () => {
    const p = avance({
      attributions: 8,
      attributionsPrioritaires: 4,
      attributionsHorsQpv: 8,
      attributionsHorsQpvQ1: 4,
    });
    const rangs = classerCandidats([candidat(3, false), candidat(1, true)], horsQpv, conv, p, MAIRIE);
    expect(ordre(rangs)).toEqual([0, 1]);
    expect(rangs.map((r) => r.rang)).toEqual([1, 2]);
    expect(rangs.every((r) => r.motifs.length === 0)).toBe(true);
  });

  it('avance un ménage prioritaire quand la convention en manque, et dit pourquoi avec les chiffres', () => {
    const p = avance({
      attributions: 8,
      attributionsPrioritaires: 1,
      attributionsHorsQpv: 8,
      attributionsHorsQpvQ1: 4,
    });
    const rangs = classerCandidats(
      [candidat(3, false), candidat(2, false), candidat(4, true)],
      horsQpv,
      conv,
      p,
      MAIRIE,
    );
    expect(ordre(rangs)).toEqual([2, 0, 1]);
    expect(rangs[0].motifs).toEqual([
      `Ménages prioritaires : 1 des 8 attributions chez ${MAIRIE} (12,5 %), objectif 25 % (convention CONV-FLEURY)`,
    ]);
    expect(rangs[1].motifs).toEqual([]);
  });

  it('hors QPV, un ménage du 1er quartile ; en QPV, un ménage des quartiles 2 à 4', () => {
    const p = avance({
      attributions: 8,
      attributionsPrioritaires: 4,
      attributionsHorsQpv: 4,
      attributionsHorsQpvQ1: 0,
      attributionsQpv: 4,
      attributionsQpvQ234: 0,
    });
    const pool = [candidat(2, false), candidat(1, false)];
    expect(ordre(classerCandidats(pool, horsQpv, conv, p, MAIRIE))).toEqual([1, 0]);
    expect(classerCandidats(pool, horsQpv, conv, p, MAIRIE)[0].motifs[0]).toBe(
      `1er quartile hors QPV : 0 des 4 attributions hors QPV chez ${MAIRIE} (0 %), objectif 25 % (convention CONV-FLEURY)`,
    );
    expect(ordre(classerCandidats([candidat(1, false), candidat(3, false)], enQpv, conv, p, MAIRIE))).toEqual([1, 0]);
  });

  it('ne motive que ce que le candidat passé ne couvre pas : en QPV, deux ménages des quartiles 2 à 4', () => {
    const p = avance({ attributions: 2, attributionsQpv: 2, attributionsQpvQ234: 2 });
    const rangs = classerCandidats([candidat(2, false), candidat(3, true)], enQpv, conv, p, MAIRIE);
    expect(ordre(rangs)).toEqual([1, 0]);
    expect(rangs[0].motifs).toEqual([
      `Ménages prioritaires : 0 des 2 attributions chez ${MAIRIE} (0 %), objectif 25 % (convention CONV-FLEURY)`,
    ]);
  });

  it('à besoin égal, le critère du logement départage : en QPV, de deux ménages prioritaires celui des quartiles 2 à 4', () => {
    const p = avance({ attributions: 8, attributionsPrioritaires: 0, attributionsQpv: 8, attributionsQpvQ234: 6 });
    const rangs = classerCandidats([candidat(1, true), candidat(3, true), candidat(2, false)], enQpv, conv, p, MAIRIE);
    expect(ordre(rangs)).toEqual([1, 0, 2]);
    expect(rangs[0].motifs).toEqual([
      `Quartiles 2 à 4 en QPV : 6 des 8 attributions en QPV chez ${MAIRIE} (75 %), objectif 50 % (convention CONV-FLEURY)`,
    ]);
    // Without a need, the réservataire's order stands even where the criterion would differ.
    const aJour = avance({ attributions: 8, attributionsPrioritaires: 4, attributionsQpv: 8, attributionsQpvQ234: 6 });
    expect(ordre(classerCandidats([candidat(1, false), candidat(3, false)], enQpv, conv, aJour, MAIRIE))).toEqual([
      0, 1,
    ]);
  });

  it('à besoin égal, le ménage prioritaire passe devant celui qui ne couvre que le critère du logement', () => {
    // A small commune: 2 attributions, none priority, 1 of them in QPV of quartiles 2–4. Both needs weigh a household.
    const p = avance({ attributions: 2, attributionsPrioritaires: 0, attributionsQpv: 2, attributionsQpvQ234: 1 });
    const rangs = classerCandidats([candidat(3, false), candidat(1, true)], enQpv, conv, p, MAIRIE);
    expect(ordre(rangs)).toEqual([1, 0]);
    expect(rangs[0].motifs).toEqual([
      `Ménages prioritaires : 0 des 2 attributions chez ${MAIRIE} (0 %), objectif 25 % (convention CONV-FLEURY)`,
    ]);
    // Who covers both still comes first.
    expect(
      ordre(classerCandidats([candidat(3, false), candidat(1, true), candidat(4, true)], enQpv, conv, p, MAIRIE)),
    ).toEqual([2, 1, 0]);
  });

  it('garde une marge d’un ménage : à l’objectif tout juste, le prioritaire passe encore devant', () => {
    const juste = avance({
      attributions: 7,
      attributionsPrioritaires: 2,
      attributionsHorsQpv: 7,
      attributionsHorsQpvQ1: 4,
    });
    expect(ordre(classerCandidats([candidat(3, false), candidat(3, true)], horsQpv, conv, juste, MAIRIE))).toEqual([
      1, 0,
    ]);
    const large = avance({
      attributions: 7,
      attributionsPrioritaires: 4,
      attributionsHorsQpv: 7,
      attributionsHorsQpvQ1: 4,
    });
    expect(ordre(classerCandidats([candidat(3, false), candidat(3, true)], horsQpv, conv, large, MAIRIE))).toEqual([
      0, 1,
    ]);
  });

  it('le premier ménage d’une convention compte : sans attribution encore, le prioritaire passe devant', () => {
    const rangs = classerCandidats([candidat(1, false), candidat(1, true)], horsQpv, conv, avance({}), MAIRIE);
    expect(ordre(rangs)).toEqual([1, 0]);
    expect(rangs[0].motifs[0]).toBe(
      `Ménages prioritaires : ${MAIRIE} n'a encore aucune attribution, objectif 25 % (convention CONV-FLEURY)`,
    );
  });

  it('suit l’engagement de la convention, sinon la cible de la politique', () => {
    const p = avance({
      attributions: 8,
      attributionsPrioritaires: 4,
      attributionsHorsQpv: 8,
      attributionsHorsQpvQ1: 4,
    });
    const pool = [candidat(3, false), candidat(3, true)];
    // 4 of 8, one household of margin: under a 25 % target the réservataire's order stands; under 50 % it does not.
    expect(ordre(classerCandidats(pool, horsQpv, conv, p, MAIRIE))).toEqual([0, 1]);
    const exigeante = { ...conv, engagements: { ...conv.engagements, prioritairesMin: 0.5 } };
    expect(ordre(classerCandidats(pool, horsQpv, exigeante, p, MAIRIE))).toEqual([1, 0]);
    const politique = resolvePolicy({ cibles: { prioritaires: 0.5 } });
    expect(ordre(classerCandidats(pool, horsQpv, conv, p, MAIRIE, politique))).toEqual([1, 0]);
  });
});

/**
 * One lag everywhere: when the flux runs below its forecast, the progress page (`progressionADate`),
 * the override approval policy (`retardConvention`, `motifsApprobation`) and the recommendation's
 * pace reason (RYTHME) all measure a percentage convention against its objective of the real year.
 * Forecast of the fixtures: 100 flats to share, 1/12 a month; at 30/06 half the year is expected.
 */
import {
  DEFAULT_POLICY,
  motifsApprobation,
  objectifADate,
  POLITIQUE_PAR_DEFAUT,
  progressionADate,
  recommend,
  retardConvention,
  type EngineState,
  type FluxOriente,
} from '@aiguillage/engine';
import { A, conv, convention, DATE, etat, logement, option, reservataire } from './fixtures';

const reservataires = [reservataire('als', 'ALS'), reservataire('dep', 'DEPARTEMENT')];
const conventions = [convention('x', 'als', 0.3), convention('y', 'dep', 0.2)];

/** 40 flats oriented by 30/06 instead of the 50 forecast (all in commune A, hors QPV). */
const quarante: FluxOriente = { total: 40, qpv: 0, horsQpv: 40, parCommune: { [A]: 40 }, parCellule: {} };

/** x has `propositions` of the 40 flats, y 8, the bailleur the rest. */
const annee = (propositions: number): EngineState =>
  etat(
    { conventions, reservataires },
    { x: { propositions }, y: { propositions: 8 } },
    { bailleurPropositions: 32 - propositions, fluxOriente: quarante },
  );

/** The recommendation's pace reason on x, as a chargé reads it, and its signed lag (positive: behind). */
function rythme(state: EngineState): { texte: string; retard: number } {
  const m = option(recommend(logement('l', A), state, DEFAULT_POLICY, DATE), 'CONVENTION:x').motifs!.find(
    (r) => r.terme === 'RYTHME',
  )!;
  return { texte: m.texte, retard: m.sens === 'pour' ? m.valeur! : -m.valeur! };
}

const ligne = (state: EngineState) => progressionADate(state, DATE).conventions.find((r) => r.conventionId === 'x')!;

describe('un seul retard : avancement, approbation et recommandation', () => {
  it('flux sous la prévision : la page d’avancement, la dérogation et la raison RYTHME chiffrent le même retard', () => {
    const state = annee(12);
    // Flux estimated at 91 flats instead of 100: x is owed 27,4, 13,7 at date, not 15.
    const x = ligne(state);
    expect([x.objectifPrevu, x.realise]).toEqual([30, 12]);
    expect(x.objectif).toBeCloseTo(27.4, 1);
    expect(x.objectif).toBe(objectifADate(state, 'x', DATE));
    expect(x.attendu).toBeCloseTo(x.objectif / 2, 2);
    expect(rythme(state).texte).toBe(
      "Réservataire als — convention CONV-x : retard de 1,7 logement sur l'objectif à date, au-delà de la marge de 1 logement (rythme régulier)",
    );
    expect(rythme(state).retard).toBeCloseTo(retardConvention(state, 'x', DATE), 3);
    expect(x.ecart).toBeCloseTo(-retardConvention(state, 'x', DATE), 2);
    expect(
      motifsApprobation(
        POLITIQUE_PAR_DEFAUT,
        state,
        DATE,
        conv('x'),
        option(recommend(logement('l', A), state, DEFAULT_POLICY, DATE), 'BAILLEUR'),
      ),
    ).toContain(
      'La convention recommandée (Réservataire als — convention CONV-x) est en retard de 1,7 logement sur sa progression attendue',
    );
  });

  it('en retard sur la prévision mais en avance sur l’année réelle : partout « en avance »', () => {
    const state = annee(14);
    // 14 of 15 on the forecast (behind by 1), 14 of 13,7 on the real year: ahead by 0,3.
    expect(rythme(state).texte).toBe(
      "Réservataire als — convention CONV-x : avance de 0,3 logement sur l'objectif à date, 1,3 logement d'avance avec ce logement, au-delà de la marge de 1 logement (rythme régulier)",
    );
    expect(retardConvention(state, 'x', DATE)).toBeCloseTo(rythme(state).retard, 3);
    expect(ligne(state).ecart).toBeCloseTo(0.3, 1);
    const bailleur = option(recommend(logement('l', A), state, DEFAULT_POLICY, DATE), 'BAILLEUR');
    expect(motifsApprobation(POLITIQUE_PAR_DEFAUT, state, DATE, conv('x'), bailleur)).toEqual([]);
    const versX = option(recommend(logement('l', A), state, DEFAULT_POLICY, DATE), 'CONVENTION:x');
    expect(motifsApprobation(POLITIQUE_PAR_DEFAUT, state, DATE, conv('y'), versX)).toContain(
      'La convention choisie (Réservataire als — convention CONV-x) a déjà atteint sa progression attendue (avance de 0,3 logement à date)',
    );
  });

  it('un nombre (droits uniques) reste un nombre ; sans flux observé, la prévision tient', () => {
    const droits = convention('d', 'dep', 0, { cible: { type: 'DROITS_UNIQUES', nombre: 20, annees: 1 } });
    const state = etat(
      { conventions: [...conventions, droits], reservataires },
      { x: { propositions: 12 }, y: { propositions: 8 }, d: { propositions: 6 } },
      { bailleurPropositions: 14, fluxOriente: quarante },
    );
    const d = progressionADate(state, DATE).conventions.find((r) => r.conventionId === 'd')!;
    expect([d.objectif, d.objectifPrevu, d.attendu, d.ecart]).toEqual([20, 20, 10, -4]);
    expect(retardConvention(state, 'd', DATE)).toBeCloseTo(4, 9);
    const sansFlux = etat({ conventions, reservataires }, { x: { propositions: 12 } });
    expect([ligne(sansFlux).objectif, ligne(sansFlux).objectifPrevu, ligne(sansFlux).ecart]).toEqual([30, 30, -3]);
    expect(retardConvention(sansFlux, 'x', DATE)).toBeCloseTo(3, 9);
  });
});

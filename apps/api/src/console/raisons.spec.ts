import type { Motif } from '@aiguillage/engine';
import { raisonLue, raisonsPourContre } from './raisons';

const retard: Motif = {
  sens: 'pour',
  texte: "Retard de 4,2 logements sur l'objectif à date",
  terme: 'RYTHME',
  valeur: 4.2,
  unite: 'logement',
};
const avance: Motif = {
  sens: 'contre',
  texte: "Avance de 1,5 logement sur l'objectif à date",
  terme: 'RYTHME',
  valeur: 1.5,
  unite: 'logement',
};
const quartile: Motif = {
  sens: 'pour',
  texte: 'Ménages du 1er quartile (hors QPV) : 60,6 % des demandeurs de ce réservataire (objectif 25 %)',
  terme: 'MIXITE',
  valeur: 0.606,
  unite: 'pourcent',
};
const demande: Motif = {
  sens: 'contre',
  texte: 'Demande T4 faible chez ce réservataire : risque de refus',
  terme: 'ADEQUATION',
};

describe('raisons', () => {
  it("reads the engine's sign, figure and unit, not the wording", () => {
    expect(raisonLue(retard)).toEqual({ texte: retard.texte, sens: 'POUR', valeur: 4.2, unite: 'logement' });
    expect(raisonLue(quartile)).toMatchObject({ sens: 'POUR', valeur: 0.606, unite: 'pourcent' });
    expect(raisonLue(demande)).toEqual({ texte: demande.texte, sens: 'CONTRE', valeur: null, unite: null });
    // a sentence the former wording rules did not know still gets its sign
    expect(raisonLue({ sens: 'contre', texte: 'Nouvelle règle du moteur', terme: 'X' }).sens).toBe('CONTRE');
  });

  it('splits an eligible option into pour and contre, in the engine’s order; none for an ineligible one', () => {
    const option = { eligible: true, motifs: [retard, avance, quartile, demande] };
    expect(raisonsPourContre(option)).toEqual({
      pour: [raisonLue(retard), raisonLue(quartile)],
      contre: [raisonLue(avance), raisonLue(demande)],
    });
    expect(raisonsPourContre({ ...option, eligible: false })).toEqual({ pour: [], contre: [] });
    expect(raisonsPourContre({ eligible: true })).toEqual({ pour: [], contre: [] });
  });
});

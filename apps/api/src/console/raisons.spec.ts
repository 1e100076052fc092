import { lireRaison } from './raisons';

describe('lireRaison', () => {
  it('reads a lag as a reason for, with its figure', () => {
    expect(lireRaison("Retard de 4,2 logements sur l'objectif à date")).toEqual({ texte: "Retard de 4,2 logements sur l'objectif à date", sens: 'POUR', chiffre: 4.2 });
  });
  it('reads an advance, an objective reached and a weak demand as reasons against', () => {
    expect(lireRaison("Avance de 1,5 logement sur l'objectif à date")).toMatchObject({ sens: 'CONTRE', chiffre: 1.5 });
    expect(lireRaison('Objectif annuel déjà atteint (12 sur 12)')).toMatchObject({ sens: 'CONTRE', chiffre: 12 });
    expect(lireRaison('Demande T4 faible chez ce réservataire : risque de refus')).toMatchObject({ sens: 'CONTRE', chiffre: null });
    expect(lireRaison('Gestion directe : attente des candidats (≈ 30 jours)')).toMatchObject({ sens: 'CONTRE', chiffre: 30 });
  });
  it('keeps ordinals out of the figure', () => {
    expect(lireRaison('Ménages du 1er quartile (hors QPV) : 60,6 % des demandeurs de ce réservataire (objectif 25 %)')).toMatchObject({ sens: 'POUR', chiffre: 60.6 });
  });
  it('takes the figure with a unit before a number of the wording', () => {
    expect(lireRaison('Ménages des quartiles 2 à 4 (en QPV) : 85,6 % des demandeurs de ce réservataire (objectif 50 %)')).toMatchObject({ chiffre: 85.6 });
    expect(lireRaison('Sous-quota Agents civils et militaires de l’État : retard de 0,9 logement')).toMatchObject({ chiffre: 0.9 });
  });
  it('keeps the typologie out of the figure', () => {
    expect(lireRaison('Demande T3 forte chez ce réservataire')).toMatchObject({ sens: 'POUR', chiffre: null });
  });
});

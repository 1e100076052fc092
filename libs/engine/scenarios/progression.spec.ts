/** Dashboard figures: what counts under the décompte, what the seasonal calendar expected by the date, the gap. */
import { progressionADate } from '@aiguillage/engine';
import { convention, DATE, etat, exercice, reservataire } from './fixtures';

const reservataires = [reservataire('als', 'ALS'), reservataire('dep', 'DEPARTEMENT'), reservataire('com', 'COMMUNE')];
const conventions = [
  convention('x', 'als', 0.3),
  convention('y', 'dep', 0.2, { decompte: { mode: 'ATTRIBUTION' } }),
  convention('z', 'com', 0.1, { dateDebut: '2026-07-01' }),
];
const progress = { x: { propositions: 12 }, y: { propositions: 15, attributions: 4 } };

describe('progression à date', () => {
  it('compte selon le décompte, attend la moitié de l’objectif au 30 juin, et chiffre l’écart', () => {
    const { fractionAttendue, conventions: rows } = progressionADate(
      etat({ conventions, reservataires }, progress),
      DATE,
    );
    expect(fractionAttendue).toBe(0.5);
    const x = rows.find((r) => r.conventionId === 'x')!;
    const y = rows.find((r) => r.conventionId === 'y')!;
    expect([x.objectif, x.realise, x.attendu, x.ecart]).toEqual([30, 12, 15, -3]);
    expect([y.objectif, y.realise, y.attendu, y.ecart]).toEqual([20, 4, 10, -6]);
  });

  it('suit la saisonnalité prévue, pas une droite', () => {
    const saison = [0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.4 / 6, 0.4 / 6, 0.4 / 6, 0.4 / 6, 0.4 / 6, 0.4 / 6];
    const state = etat({ conventions, reservataires, exercice: exercice({ saisonnalite: saison }) }, progress);
    const x = progressionADate(state, DATE).conventions.find((r) => r.conventionId === 'x')!;
    expect(x.attendu).toBe(18); // 60 % of 30 expected by the end of June
  });

  it('une convention qui commence le 1er juillet n’est attendue à rien avant, à tout son objectif en fin d’année', () => {
    const state = etat({ conventions, reservataires }, progress);
    const z = (date: string) => progressionADate(state, date).conventions.find((r) => r.conventionId === 'z')!;
    expect(z(DATE).attendu).toBe(0);
    // Valid 184 days of 365: owed that part of a year's objective (10 % of 100 → 5,04), all of it by 31/12.
    expect(z('2026-12-31').objectif).toBeCloseTo((10 * 184) / 365, 3);
    expect(z('2026-12-31').attendu).toBeCloseTo(z('2026-12-31').objectif, 2);
    expect(z('2026-09-30').attendu).toBeGreaterThan(0);
    expect(z('2026-09-30').attendu).toBeLessThan(z('2026-09-30').objectif);
  });
});

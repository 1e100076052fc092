import type { Convention } from '@aiguillage/engine';
import { conventionDeTest } from '@aiguillage/engine/testing/convention';
import { objectifConvention } from './calculs';
import { allocate, joursValidesDansAnnee, normalise } from './util';
import { codesInsee, isValidSiren, luhnCheckDigit, siren } from './referentiel';
import { nomProgramme } from './programme';

const convention = (over: Partial<Convention>): Convention =>
  conventionDeTest({
    departement: '96',
    delegation: { mode: 'DELEGUEE', delaiJours: 0, candidatsMax: 3, retourCompte: true },
    dateFin: null,
    ...over,
  });

describe('objectifConvention', () => {
  it('is taux × flux of the territory, rounded, plus the deficit carried under REPORT', () => {
    expect(objectifConvention(convention({ deficitReporte: 4 }), 2026, 650)).toBe(199);
    expect(objectifConvention(convention({ cible: { type: 'TAUX', taux: 0.15 } }), 2026, 41)).toBe(6);
  });

  it('spreads a droits-uniques pool over its years', () => {
    expect(
      objectifConvention(convention({ cible: { type: 'DROITS_UNIQUES', nombre: 600, annees: 20 } }), 2026, 0),
    ).toBe(30);
  });

  it('carries 1/N of a deficit under ETALEMENT, none under REMBOURSEMENT, a surplus always', () => {
    expect(
      objectifConvention(
        convention({ deficitReporte: 9, actionCorrective: 'ETALEMENT', etalementAnnees: 3 }),
        2026,
        100,
      ),
    ).toBe(33);
    expect(objectifConvention(convention({ deficitReporte: 9, actionCorrective: 'REMBOURSEMENT' }), 2026, 100)).toBe(
      30,
    );
    expect(objectifConvention(convention({ deficitReporte: -5, actionCorrective: 'REMBOURSEMENT' }), 2026, 100)).toBe(
      25,
    );
    expect(objectifConvention(convention({ deficitReporte: -50 }), 2026, 100)).toBe(0);
  });

  it('pro-rates a convention valid part of the year, by days', () => {
    // 1 January – 30 June 2026: 181 days of 365.
    expect(objectifConvention(convention({ dateFin: '2026-06-30' }), 2026, 365)).toBe(Math.round(0.3 * 181));
    expect(objectifConvention(convention({ dateDebut: '2027-01-01' }), 2026, 365)).toBe(0);
  });

  it('never rounds above a legal cap (the préfet: 30 % of 255 is 76.5 → 76)', () => {
    expect(objectifConvention(convention({}), 2026, 255)).toBe(77);
    expect(objectifConvention(convention({}), 2026, 255, 0.3)).toBe(76);
  });
});

describe('util', () => {
  it('allocates a total exactly in proportion (largest remainder)', () => {
    expect(allocate(10, [1, 1, 1])).toEqual([4, 3, 3]);
    expect(allocate(7, [0, 2, 5])).toEqual([0, 2, 5]);
    expect(allocate(100, [0.3, 0.3, 0.4]).reduce((a, b) => a + b, 0)).toBe(100);
    expect(allocate(5, [0, 0])).toEqual([0, 0]);
  });

  it('counts validity days of a convention within a year', () => {
    expect(joursValidesDansAnnee(2026, '2024-01-01', null)).toBe(365);
    expect(joursValidesDansAnnee(2024, '2024-03-01', '2024-03-31')).toBe(31);
    expect(joursValidesDansAnnee(2026, '2026-07-01', '2025-12-31')).toBe(0);
    expect(joursValidesDansAnnee(2028, '2020-01-01', '2028-02-29')).toBe(60);
  });

  it('normalises weights to fractions summing exactly to 1', () => {
    const n = normalise([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    expect(n).toHaveLength(12);
    expect(Math.abs(n.reduce((a, b) => a + b, 0) - 1)).toBeLessThan(1e-9);
  });
});

describe('référentiel codes', () => {
  it('makes Luhn-valid SIREN numbers', () => {
    expect(luhnCheckDigit('73282932')).toBe(0); // 732829320 is a real, valid SIREN
    expect(siren('20004817')).toBe('200048171');
    expect(isValidSiren('200048171')).toBe(true);
    expect(isValidSiren('200048170')).toBe(false);
    expect(() => siren('123')).toThrow(/8 chiffres/);
  });

  it('numbers communes in alphabetical order under the département code', () => {
    const codes = codesInsee('96', ['Sarmont', 'Ardenay', 'Bellerive']);
    expect([...codes.keys()]).toEqual(['Ardenay', 'Bellerive', 'Sarmont']);
    const values = [...codes.values()];
    expect(values.every((c) => /^96\d{3}$/.test(c))).toBe(true);
    expect([...values].sort()).toEqual(values);
  });
});

describe('nomProgramme', () => {
  it('contracts "de" with the article as French does', () => {
    expect(nomProgramme('Hameau de', 'Les Tilleuls')).toBe('Hameau des Tilleuls');
    expect(nomProgramme('Les Jardins de', 'Le Parc')).toBe('Les Jardins du Parc');
    expect(nomProgramme('Le Clos de', 'La Roseraie')).toBe('Le Clos de la Roseraie');
    expect(nomProgramme("L'Orée de", "L'Étang")).toBe("L'Orée de l'Étang");
    expect(nomProgramme('Résidence', 'Les Lilas')).toBe('Résidence Les Lilas');
  });
});

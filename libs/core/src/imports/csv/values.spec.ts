import fc from 'fast-check';
import { ValeurInvalideError } from './errors';
import { parseBooleen, parseCentiemes, parseDateIso, parseEntier, parseFraction } from './values';

describe('parseCentiemes (exact decimal → hundredths)', () => {
  it.each([
    ['412,37', 41237],
    ['412.37', 41237],
    ['412', 41200],
    ['412,3', 41230],
    ['412,370', 41237],
    ['0,07', 7],
    ['1 234,56', 123456],
    ['1\u00a0234,56', 123456],
    ['1.234,56', 123456],
    ['1,234.56', 123456],
    ['1.234.567', 123456700],
    ['-3,5', -350],
    ['-0', 0],
    [' 75,10 ', 7510],
  ])('%s → %d', (raw, expected) => {
    expect(parseCentiemes(raw, 'un loyer')).toBe(expected);
  });

  it.each(['abc', '', '12,3,4', '1.2.3', '12 €', '4,123', '1,2345', '--1', '1e3'])('refuses « %s »', (raw) => {
    expect(() => parseCentiemes(raw, 'un loyer')).toThrow(ValeurInvalideError);
  });

  it('says why a value with three significant decimals is refused', () => {
    expect(() => parseCentiemes('412,375', 'un loyer')).toThrow('« 412,375 » : un loyer a plus de deux décimales');
  });

  it('round-trips every amount of cents written with a comma or a dot, never through floats', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 9_999_999_99 }), fc.constantFrom(',', '.'), (cents, sep) => {
        const text = `${Math.floor(cents / 100)}${sep}${String(cents % 100).padStart(2, '0')}`;
        expect(parseCentiemes(text, 'un loyer')).toBe(cents);
      }),
    );
  });
});

describe('other value parsers', () => {
  it('parses integers within bounds, with a French message naming the value', () => {
    expect(parseEntier(' 12 ', 'un nombre de pièces')).toBe(12);
    expect(() => parseEntier('abc', 'un nombre de pièces')).toThrow("« abc » n'est pas un nombre de pièces");
    expect(() => parseEntier('0', 'un nombre de pièces', { min: 1, max: 99 })).toThrow(
      '« 0 » : un nombre de pièces doit être entre 1 et 99',
    );
    expect(() => parseEntier('3.5', 'un étage')).toThrow(ValeurInvalideError);
  });

  it('reads RPLS yes/no codes (1/2, 1/0, O/N, OUI/NON)', () => {
    expect(['1', 'O', 'oui', 'Y'].map((v) => parseBooleen(v, 'x'))).toEqual([true, true, true, true]);
    expect(['0', '2', 'N', 'non'].map((v) => parseBooleen(v, 'x'))).toEqual([false, false, false, false]);
    expect(() => parseBooleen('peut-être', 'l’ascenseur')).toThrow(/oui\/non pour l’ascenseur/);
  });

  it('parses ISO and French dates, refusing impossible days', () => {
    expect(parseDateIso('2025-01-31', 'une date')).toBe('2025-01-31');
    expect(parseDateIso('31/01/2025', 'une date')).toBe('2025-01-31');
    expect(() => parseDateIso('2025-02-30', 'une date')).toThrow(/n'est pas une date valide/);
  });

  it('parses fractions and percentages', () => {
    expect(parseFraction('0,25', 'un taux')).toBe(0.25);
    expect(parseFraction('30 %', 'un taux')).toBeCloseTo(0.3, 12);
    expect(() => parseFraction('130 %', 'un taux')).toThrow(/entre 0 et 1/);
    expect(() => parseFraction('beaucoup', 'un taux')).toThrow(/n'est pas un taux/);
  });
});

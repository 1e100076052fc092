import { logementsFr, nombreFr, pourcentFr } from './format';

describe('nombres à la française', () => {
  it.each([
    [4.25, '4,3'],
    [4.2, '4,2'],
    [2, '2'],
    [30, '30'],
    [100, '100'],
    [0.04, '0'],
    [-1.26, '-1,3'],
    [-0.01, '0'],
  ])('%d → %s', (value, text) => expect(nombreFr(value)).toBe(text));

  it('accorde « logement » au pluriel à partir de 2', () => {
    expect(logementsFr(1)).toBe('1 logement');
    expect(logementsFr(1.9)).toBe('1,9 logement');
    expect(logementsFr(4.2)).toBe('4,2 logements');
    expect(logementsFr(10, 0)).toBe('10 logements');
  });

  it('pourcentages', () => {
    expect(pourcentFr(0.3)).toBe('30 %');
    expect(pourcentFr(0.125)).toBe('12,5 %');
  });
});

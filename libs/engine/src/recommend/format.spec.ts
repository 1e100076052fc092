import { dateFr, dateHeureFr, jourParis, logementsFr, nombreFr, pourcentFr } from './format';

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

describe('dates à la française, heure de Paris', () => {
  it('un jour : JJ/MM/AAAA', () => expect(dateFr('2026-11-30')).toBe('30/11/2026'));

  it('un instant : le jour et l’heure de Paris, été comme hiver', () => {
    expect(dateHeureFr('2026-11-30T05:12:00Z')).toBe('30/11/2026 à 06:12');
    expect(dateHeureFr('2026-07-14T22:30:00Z')).toBe('15/07/2026 à 00:30');
  });

  it('le jour de Paris, pas celui de Greenwich', () => {
    expect(jourParis('2026-11-29T23:30:00Z')).toBe('2026-11-30');
    expect(jourParis(new Date('2026-11-30T22:59:00Z'))).toBe('2026-11-30');
  });
});

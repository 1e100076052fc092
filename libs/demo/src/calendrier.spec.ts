import { jourOuvre, joursFeries, paques } from './calendrier';

describe('calendrier des jours ouvrés', () => {
  it('dates Easter', () => {
    expect([2024, 2025, 2026, 2027].map(paques)).toEqual(['2024-03-31', '2025-04-20', '2026-04-05', '2027-03-28']);
  });

  it('lists the eleven French public holidays of 2026', () => {
    expect([...joursFeries(2026)].sort()).toEqual([
      '2026-01-01',
      '2026-04-06',
      '2026-05-01',
      '2026-05-08',
      '2026-05-14',
      '2026-05-25',
      '2026-07-14',
      '2026-08-15',
      '2026-11-01',
      '2026-11-11',
      '2026-12-25',
    ]);
  });

  it('moves a weekend or a public holiday to the next working day, across a year end', () => {
    expect(jourOuvre('2026-11-30')).toBe('2026-11-30'); // a Monday
    expect(jourOuvre('2026-11-28')).toBe('2026-11-30'); // Saturday → Monday
    expect(jourOuvre('2026-05-01')).toBe('2026-05-04'); // Friday 1 May → Monday
    expect(jourOuvre('2026-12-25')).toBe('2026-12-28');
    expect(jourOuvre('2027-01-01')).toBe('2027-01-04');
    expect(jourOuvre('2026-12-31')).toBe('2026-12-31');
  });
});

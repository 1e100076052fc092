import { EvenementsVus } from '../../apps/console/src/evenements-vus';

describe('the live events a console session handles', () => {
  it('handles each event once', () => {
    const vus = new EvenementsVus();
    expect(vus.nouveau('5')).toBe(true);
    expect(vus.nouveau('5')).toBe(false);
    expect(vus.dernier).toBe('5');
  });

  it('handles an older event replayed after a newer one reached the socket live, and asks after the newest', () => {
    // Reconnected with lastEventId 4: 9 is committed while 5–7 are read from the log.
    const vus = new EvenementsVus();
    vus.nouveau('4');
    expect(vus.nouveau('9')).toBe(true);
    expect(['5', '6', '7'].map((id) => vus.nouveau(id))).toEqual([true, true, true]);
    expect(vus.dernier).toBe('9');
    expect(vus.nouveau('7')).toBe(false);
  });

  it('compares ids as numbers and keeps a bounded memory', () => {
    const vus = new EvenementsVus(3);
    for (const id of ['98', '99', '100', '101']) vus.nouveau(id);
    expect(vus.dernier).toBe('101');
    // 98 is forgotten (the oldest), 99–101 still known.
    expect(['99', '100', '101'].map((id) => vus.nouveau(id))).toEqual([false, false, false]);
  });
});

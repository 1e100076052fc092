import { setImmediate as tick } from 'node:timers/promises';
import { horloge } from './horloge';

describe('horloge', () => {
  it('is the real clock outside aLaDate', () => {
    const avant = Date.now();
    const t = horloge.maintenant().getTime();
    expect(t).toBeGreaterThanOrEqual(avant);
    expect(t).toBeLessThanOrEqual(Date.now());
    expect(horloge.decalageMs()).toBe(0);
  });

  it('records as of the given instant within aLaDate, time still running, each concurrent call on its own date', async () => {
    const lu = async (jour: string) =>
      horloge.aLaDate(new Date(`${jour}T08:00:00Z`), async () => {
        const premier = horloge.maintenant();
        await tick();
        const second = horloge.maintenant();
        return { premier, second, reel: horloge.reel(second).getTime() };
      });
    const avant = Date.now();
    const [mars, juin] = await Promise.all([lu('2026-03-02'), lu('2026-06-15')]);
    for (const [r, jour] of [
      [mars, '2026-03-02'],
      [juin, '2026-06-15'],
    ] as const) {
      expect(r.premier.toISOString().slice(0, 10)).toBe(jour);
      expect(r.second.getTime()).toBeGreaterThanOrEqual(r.premier.getTime());
      // Converted back for the job queue: the real clock of that moment.
      expect(r.reel).toBeGreaterThanOrEqual(avant);
      expect(r.reel).toBeLessThanOrEqual(Date.now());
    }
    expect(horloge.decalageMs()).toBe(0);
  });
});

import { coalescer } from '../../apps/console/src/rechargement';

/** A load the test ends when it wants: the number started, and how to end the k-th. */
function chargeur() {
  const fins: Array<(erreur?: Error) => void> = [];
  const charger = () =>
    new Promise<void>((resolve, reject) => fins.push((erreur) => (erreur ? reject(erreur) : resolve())));
  return { charger, fins, lances: () => fins.length };
}
const microtaches = () => new Promise((resolve) => setImmediate(resolve));

describe('a page reloaded on live events', () => {
  it('serves a burst of calls during a load with one more load, not one each', async () => {
    const c = chargeur();
    const recharger = coalescer(c.charger);
    const premier = recharger();
    for (let i = 0; i < 5; i++) void recharger();
    expect(c.lances()).toBe(1);
    c.fins[0]();
    await microtaches();
    expect(c.lances()).toBe(2); // started after the last call: it reads what those events changed
    c.fins[1]();
    await premier; // the first caller waits for the page to be up to date
    expect(c.lances()).toBe(2);
  });

  it('loads again for a call after the loads have ended, and after a load that failed', async () => {
    const c = chargeur();
    const recharger = coalescer(c.charger);
    const echec = recharger();
    c.fins[0](new Error('hors ligne'));
    await expect(echec).rejects.toThrow('hors ligne');
    const suivant = recharger();
    expect(c.lances()).toBe(2);
    c.fins[1]();
    await suivant;
    void recharger();
    expect(c.lances()).toBe(3);
  });
});

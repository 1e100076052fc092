/**
 * A page reloaded on live events: at most one load at a time, and the calls made while one runs are
 * served by a single load once it ends (a burst of N decisions elsewhere: 2 loads, not N). That last
 * load starts after the last call, so what it reads is at least as new as each event that asked.
 */
export function coalescer(charger: () => Promise<unknown>): () => Promise<void> {
  let enCours: Promise<void> | null = null;
  let encore = false;
  const boucle = async () => {
    try {
      do {
        encore = false;
        await charger();
      } while (encore);
    } finally {
      enCours = null;
    }
  };
  return () => {
    if (enCours) {
      encore = true;
      return enCours;
    }
    return (enCours = boucle());
  };
}

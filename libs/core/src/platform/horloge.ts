import { AsyncLocalStorage } from 'node:async_hooks';

/** Milliseconds between the recorded timeline and the real clock, within `horloge.aLaDate`. */
const decalage = new AsyncLocalStorage<number>();

/**
 * The time the use cases record (a decision, an override request and its steps, a proposition and
 * its délai). It is the real clock, except inside `aLaDate`: the demo's replay plays its year as of
 * each step's day, so that « Décisions », the approvals and the bilan's register show the year as
 * it went. Time still runs there (steps of one call keep their order). The job queue runs on the
 * real clock: `reel` converts an instant of the recorded timeline for it.
 */
export const horloge = {
  maintenant: (): Date => new Date(Date.now() + (decalage.getStore() ?? 0)),
  /** What `maintenant` adds to the real clock (0 outside `aLaDate`), for timestamps taken in SQL. */
  decalageMs: (): number => decalage.getStore() ?? 0,
  reel: (instant: Date): Date => new Date(instant.getTime() - (decalage.getStore() ?? 0)),
  /** Runs `run` with the recorded time starting at `instant` (concurrent calls keep their own). */
  aLaDate: <T>(instant: Date, run: () => Promise<T>): Promise<T> => decalage.run(instant.getTime() - Date.now(), run),
};

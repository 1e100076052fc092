/** The order of the steps within one day of the replay (a lease before a CAL before candidates...). */
export const PHASES = {
  bail: 0,
  refus: 1,
  cal: 2,
  candidats: 3,
  avertissement: 4,
  expiration: 5,
  reponse: 6,
  declaration: 7,
  decision: 8,
} as const;

/** A step of the offices (the manager's answer, the CAL, the lease): on a working day. */
export const OUVRE = true;

/**
 * When the k-th step of a day is recorded: from 07:30 UTC, a few minutes apart, until 16:30 UTC at
 * the latest, and never after the real clock (the demo's date is today's).
 */
export const instantDuPas = (jour: string, rang: number): Date =>
  new Date(Math.min(Date.parse(`${jour}T07:30:00.000Z`) + Math.min(rang * 6, 540) * 60_000, Date.now()));

interface Pas {
  jour: string;
  phase: number;
  seq: number;
  run: () => Promise<void>;
}

/**
 * The replay's agenda: steps ordered by day, then phase, then the order they were planned in (a
 * binary heap), so that the same scenario always plays in the same order.
 */
export class FileEvenements {
  private readonly tas: Pas[] = [];
  private seq = 0;

  ajouter(jour: string, phase: number, run: () => Promise<void>): void {
    this.tas.push({ jour, phase, seq: this.seq++, run });
    let i = this.tas.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!avant(this.tas[i], this.tas[parent])) break;
      [this.tas[i], this.tas[parent]] = [this.tas[parent], this.tas[i]];
      i = parent;
    }
  }

  /** The next step (removed), or null when the agenda is empty. */
  suivant(): Pas | null {
    const first = this.tas[0];
    if (!first) return null;
    const last = this.tas.pop()!;
    if (this.tas.length > 0) {
      this.tas[0] = last;
      let i = 0;
      for (;;) {
        const [l, r] = [2 * i + 1, 2 * i + 2];
        let m = i;
        if (l < this.tas.length && avant(this.tas[l], this.tas[m])) m = l;
        if (r < this.tas.length && avant(this.tas[r], this.tas[m])) m = r;
        if (m === i) break;
        [this.tas[i], this.tas[m]] = [this.tas[m], this.tas[i]];
        i = m;
      }
    }
    return first;
  }

  get taille(): number {
    return this.tas.length;
  }
}

function avant(a: Pas, b: Pas): boolean {
  if (a.jour !== b.jour) return a.jour < b.jour;
  if (a.phase !== b.phase) return a.phase < b.phase;
  return a.seq < b.seq;
}

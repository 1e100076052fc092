/**
 * Drains a source batch by batch until a batch comes back empty, one drain at a time. A call made
 * while a drain runs shares its result and asks it for one more round, so a wake-up arriving
 * mid-drain is never lost. A failed batch ends the drain (`onError`; the next call starts again).
 * After `stop()`, no new batch starts; `stop()` waits for the one under way.
 */
export class CoalescingDrain {
  private running: Promise<number> | null = null;
  private again = false;
  private stopped = false;

  /** `batch` handles one batch and returns its size (0: nothing left). */
  constructor(
    private readonly batch: () => Promise<number>,
    private readonly onError: (error: Error) => void,
  ) {}

  /** Drains; returns how many items this drain handled. */
  run(): Promise<number> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = this.drain().finally(() => (this.running = null));
    return this.running;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.running?.catch(() => 0);
  }

  private async drain(): Promise<number> {
    let total = 0;
    try {
      do {
        this.again = false;
        let n: number;
        do {
          n = await this.batch();
          total += n;
        } while (n > 0 && !this.stopped);
      } while (this.again && !this.stopped);
    } catch (error) {
      this.onError(error as Error);
    }
    return total;
  }
}

/**
 * Which live events a session has handled: each one once, whatever the order they arrive in. On a
 * reconnection the gateway joins the socket to its rooms, then replays from the log what it missed:
 * an event committed meanwhile reaches it live before the older ones being replayed, and those must
 * still be handled (a « keep the highest id » rule would drop them). `dernier`, the highest id seen,
 * is what the next reconnection asks to be replayed after.
 */
export class EvenementsVus {
  private readonly vus = new Set<string>();
  dernier: string | null = null;

  /** `memoire`: ids remembered, the oldest forgotten first (far older than any replay). */
  constructor(private readonly memoire = 10_000) {}

  /** True the first time `id` is seen. */
  nouveau(id: string): boolean {
    if (this.vus.has(id)) return false;
    this.vus.add(id);
    if (this.vus.size > this.memoire) this.vus.delete(this.vus.values().next().value as string);
    if (this.dernier === null || BigInt(id) > BigInt(this.dernier)) this.dernier = id;
    return true;
  }
}

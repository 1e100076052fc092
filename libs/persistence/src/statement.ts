/** Positional parameters of one statement, numbered as they are added. */
export class Params {
  readonly values: unknown[] = [];

  /** The placeholder (`$n`) of a new parameter. */
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

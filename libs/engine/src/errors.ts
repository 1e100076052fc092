/**
 * The engine's one error type: bad input, named by field, explained in French.
 * Adapters (HTTP, queue, Slack) map it to their own "bad request".
 */
export class EngineInputError extends Error {
  constructor(
    readonly champ: string,
    readonly raison: string,
  ) {
    super(`${champ} : ${raison}`);
    this.name = 'EngineInputError';
  }
}

export function requireFinite(
  champ: string,
  value: unknown,
  opts: { min?: number; max?: number; integer?: boolean } = {},
): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new EngineInputError(champ, 'doit être un nombre');
  if (opts.integer && !Number.isInteger(value)) throw new EngineInputError(champ, 'doit être un nombre entier');
  if (opts.min !== undefined && value < opts.min)
    throw new EngineInputError(champ, `doit être supérieur ou égal à ${opts.min}`);
  if (opts.max !== undefined && value > opts.max)
    throw new EngineInputError(champ, `doit être inférieur ou égal à ${opts.max}`);
  return value;
}

/** Rounds away float noise (0.15000000000000002 → 0.15). */
export function round6(value: number): number {
  return Math.round(value * 1e6) / 1e6 + 0;
}

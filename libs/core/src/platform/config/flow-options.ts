import { RequeteInvalideError } from '../../errors/domain-errors';

/** Timing of the live flow. Tests shorten the "day" so a 30-day délai expires in seconds. */
export interface FlowOptions {
  /** Length of one délai day in milliseconds (86 400 000 in production). */
  dureeJourMs: number;
  /** Days before a DIRECTE délai ends when `delai.expiring` is sent. */
  avertissementJours: number;
  /** Fallback poll of the outbox and of the event log, in ms (NOTIFY wakes them at once). */
  pollMs: number;
}

export const FLOW_OPTIONS = Symbol('FLOW_OPTIONS');

/** Reads `FLOW_DUREE_JOUR_MS`, `FLOW_AVERTISSEMENT_JOURS`, `FLOW_POLL_MS` (all optional). */
export function flowOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): FlowOptions {
  const read = (name: string, fallback: number, min: number): number => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    const value = Number(raw);
    if (!Number.isFinite(value) || value < min) {
      throw new RequeteInvalideError(
        [{ champ: name, raison: `doit être un nombre supérieur ou égal à ${min} (reçu « ${raw} »)` }],
        'Configuration invalide',
      );
    }
    return value;
  };
  return {
    dureeJourMs: read('FLOW_DUREE_JOUR_MS', 86_400_000, 1),
    avertissementJours: read('FLOW_AVERTISSEMENT_JOURS', 5, 0),
    pollMs: read('FLOW_POLL_MS', 1000, 10),
  };
}

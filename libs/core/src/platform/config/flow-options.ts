/**
 * Timing of the live flow, read from the validated configuration (`AppConfig.get('flow')`:
 * FLOW_DUREE_JOUR_MS, FLOW_AVERTISSEMENT_JOURS, FLOW_POLL_MS). Tests shorten the "day" so a 30-day
 * délai expires in seconds.
 */
export interface FlowOptions {
  /** Length of one délai day in milliseconds (86 400 000 in production). */
  dureeJourMs: number;
  /** Days before a DIRECTE délai ends when `delai.expiring` is sent. */
  avertissementJours: number;
  /** Fallback poll of the outbox and of the event log, in ms (NOTIFY wakes them at once). */
  pollMs: number;
}

/** The injection token of the live flow's `FlowOptions` (provided by `FlowCoreModule` from `AppConfig`). */
export const FLOW_OPTIONS = Symbol('FLOW_OPTIONS');

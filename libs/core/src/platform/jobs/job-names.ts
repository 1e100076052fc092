/**
 * Every job of the system, with its payload type. Adding a job = one entry here and one
 * `@JobHandler(name)` method somewhere in the processors module (checked at boot).
 */
export interface JobPayloads {
  /** The demo département was loaded into an empty database (logged by the worker). */
  'demo.loaded': { seed: number; bailleurs: number; logements: number; conventions: number };
  /** Live flow: warn that a DIRECTE proposition's délai ends soon (idempotent per proposition). */
  'flow.delai-avertissement': { propositionId: string };
  /** Live flow: a DIRECTE proposition's délai is over; without candidates the flat returns to the bailleur. */
  'flow.delai-expiration': { propositionId: string };
  /** An override waits for a manager: post it to the Slack approvals channel (once per request). */
  'notification.derogation': { overrideRequestId: string };
  /** Send a Slack channel's queued messages, in order (one sender per channel). */
  'slack.canal': { canal: string };
  /** The daily Slack digest of a bailleur (once per bailleur and day). */
  'slack.digest': { bailleurId: string; date: string };
  /** Erases the candidates' personal data past the retention period (planned once a day, `date` its UTC day). */
  'donnees.purge-candidats': { date: string };
  /** Computes an annual bilan into an immutable snapshot, pushing its progress (issue #13). */
  'bilan.generation': {
    generationId: string;
    texteCouverture: string | null;
    periodes: Array<{ libelle: string; debut: number | null; fin: number | null }> | null;
  };
}

export type JobName = keyof JobPayloads;

/** The runtime list of job names, kept in sync with `JobPayloads` by the type below. */
export const JOB_NAMES = [
  'demo.loaded',
  'flow.delai-avertissement',
  'flow.delai-expiration',
  'notification.derogation',
  'slack.canal',
  'slack.digest',
  'donnees.purge-candidats',
  'bilan.generation',
] as const satisfies readonly JobName[];
type Missing = Exclude<JobName, (typeof JOB_NAMES)[number]>;
const _everyJobListed: Missing extends never ? true : Missing = true;
void _everyJobListed;

export interface JobOptions {
  /** Idempotency key: adding a job whose id is already queued (or recently done) is a no-op. No ':'. */
  jobId?: string;
  /** Milliseconds to wait before running the job. */
  delay?: number;
}

/** The queue every job goes through (BullMQ queue name). */
export const JOBS_QUEUE = 'aiguillage';

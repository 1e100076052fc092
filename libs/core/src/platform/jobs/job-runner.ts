import type { JobName, JobOptions, JobPayloads } from './job-names';

/**
 * Enqueues jobs. Two implementations with the same semantics: BullMQ when `REDIS_URL` is set,
 * in-process otherwise. Services depend on this abstract class only.
 */
export abstract class JobRunner {
  /** 'redis' (BullMQ) or 'inline' (in-process). */
  abstract readonly kind: 'redis' | 'inline';

  abstract add<N extends JobName>(name: N, payload: JobPayloads[N], options?: JobOptions): Promise<void>;

  /** True when the queue backend answers (always true in-process). */
  abstract ping(): Promise<boolean>;
}

export function assertJobId(jobId: string | undefined): void {
  if (jobId !== undefined && (jobId.length === 0 || jobId.includes(':') || /^\d+$/.test(jobId))) {
    throw new Error(`Identifiant de tâche invalide « ${jobId} » : non vide, sans « : », pas un simple nombre`);
  }
}

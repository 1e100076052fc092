import { InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import type { Job, Queue } from 'bullmq';
import { JOBS_QUEUE, type JobName, type JobOptions, type JobPayloads } from './job-names';
import { JobRegistry } from './job-registry';
import { assertJobId, JobRunner } from './job-runner';

/** Enqueues into Redis through BullMQ; a worker process runs them (`JobsProcessor`). */
@Injectable()
export class BullMqJobRunner extends JobRunner {
  readonly kind = 'redis' as const;

  constructor(@InjectQueue(JOBS_QUEUE) private readonly queue: Queue) {
    super();
  }

  async add<N extends JobName>(name: N, payload: JobPayloads[N], options: JobOptions = {}): Promise<void> {
    assertJobId(options.jobId);
    await this.queue.add(name, payload, {
      jobId: options.jobId,
      delay: options.delay,
      attempts: 3,
      backoff: { type: 'exponential', delay: 1000 },
      removeOnComplete: { count: 10_000 },
      removeOnFail: { count: 10_000 },
    });
  }

  async ping(): Promise<boolean> {
    try {
      await this.queue.count();
      return true;
    } catch {
      return false;
    }
  }
}

/** The BullMQ worker: hands every job to its registered handler. */
@Processor(JOBS_QUEUE)
export class JobsProcessor extends WorkerHost {
  constructor(private readonly registry: JobRegistry) {
    super();
  }

  process(job: Job): Promise<unknown> {
    return this.registry.handle(job.name as JobName, job.data as JobPayloads[JobName]);
  }
}

/** ioredis connection options from a `redis://user:pass@host:port/db` URL. */
export function redisConnection(url: string) {
  const parsed = new URL(url);
  return {
    host: parsed.hostname,
    port: Number(parsed.port || 6379),
    username: parsed.username ? decodeURIComponent(parsed.username) : undefined,
    password: parsed.password ? decodeURIComponent(parsed.password) : undefined,
    db: parsed.pathname.length > 1 ? Number(parsed.pathname.slice(1)) : 0,
    tls: parsed.protocol === 'rediss:' ? {} : undefined,
    maxRetriesPerRequest: null,
  };
}

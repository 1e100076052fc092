import { BullModule } from '@nestjs/bullmq';
import { Global, Module, type DynamicModule, type Type } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { BullMqJobRunner, JobsProcessor, redisConnection } from './bullmq-job-runner';
import { InlineJobRunner } from './inline-job-runner';
import { JOBS_QUEUE } from './job-names';
import { JobRegistry } from './job-registry';
import { JobRunner } from './job-runner';

export interface JobsModuleOptions {
  /** BullMQ on this Redis; in-process when null. */
  redisUrl: string | null;
  /** Prefix of the BullMQ keys (default `aiguillage`). */
  prefix?: string;
  /** Run the jobs in this process (worker, all-in-one); always true in-process. */
  processJobs: boolean;
  /** The module declaring the `@JobHandler` providers. */
  handlers: Type;
}

/** `JobRunner` for every service; the registry and the BullMQ worker where jobs are processed. */
@Global()
@Module({})
export class JobsModule {
  static forRoot({ redisUrl, prefix = 'aiguillage', processJobs, handlers }: JobsModuleOptions): DynamicModule {
    if (!redisUrl) {
      return {
        module: JobsModule,
        imports: [DiscoveryModule, handlers],
        providers: [JobRegistry, InlineJobRunner, { provide: JobRunner, useExisting: InlineJobRunner }],
        exports: [JobRunner, InlineJobRunner],
      };
    }
    return {
      module: JobsModule,
      imports: [
        BullModule.forRoot({ connection: redisConnection(redisUrl), prefix }),
        BullModule.registerQueue({ name: JOBS_QUEUE }),
        ...(processJobs ? [DiscoveryModule, handlers] : []),
      ],
      providers: [
        BullMqJobRunner,
        { provide: JobRunner, useExisting: BullMqJobRunner },
        ...(processJobs ? [JobRegistry, JobsProcessor] : []),
      ],
      exports: [JobRunner],
    };
  }
}

import { Module } from '@nestjs/common';
import { DemoLoadedProcessor } from '../demo/demo-loaded.processor';
import { FlowJobsProcessor } from '../flow/flow-jobs.processor';

/** Every provider holding `@JobHandler` methods (the job registry checks one handler per job name). */
@Module({ providers: [DemoLoadedProcessor, FlowJobsProcessor], exports: [DemoLoadedProcessor] })
export class ProcessorsModule {}

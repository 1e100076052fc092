import { Module } from '@nestjs/common';
import { DemoLoadedProcessor } from '../demo/demo-loaded.processor';

/** Every provider holding `@JobHandler` methods (the job registry checks one handler per job name). */
@Module({ providers: [DemoLoadedProcessor], exports: [DemoLoadedProcessor] })
export class ProcessorsModule {}

import { Module } from '@nestjs/common';
import { BilanProcessor } from '../bilan/bilan.processor';
import { DemoLoadedProcessor } from '../demo/demo-loaded.processor';
import { FlowJobsProcessor } from '../flow/flow-jobs.processor';
import { DerogationNotificationProcessor } from '../notifications/derogation-notification.processor';

/** Every provider holding `@JobHandler` methods (the job registry checks one handler per job name). */
@Module({ providers: [DemoLoadedProcessor, FlowJobsProcessor, DerogationNotificationProcessor, BilanProcessor], exports: [DemoLoadedProcessor, DerogationNotificationProcessor] })
export class ProcessorsModule {}

import { Module } from '@nestjs/common';
import { BilanProcessor } from './bilan/bilan.processor';
import { DemoLoadedProcessor } from './demo/demo-loaded.processor';
import { PurgeCandidatsService } from './donnees-personnelles/purge-candidats.service';
import { FlowJobsProcessor } from './cycle-vie/flow-jobs.processor';
import { DerogationNotificationProcessor } from './notifications/derogation-notification.processor';
import { SlackDigestService } from './slack/slack-digest.service';
import { SlackLivraisonProcessor } from './slack/slack-livraison.processor';
import { SlackProjection } from './slack/slack-projection';

/** The Slack bot's delivery: projection of the event log, one sender per channel, the daily digest. */
const SLACK = [SlackLivraisonProcessor, SlackProjection, SlackDigestService];

/** Every provider holding `@JobHandler` methods (the job registry checks one handler per job name). */
@Module({
  providers: [
    DemoLoadedProcessor,
    FlowJobsProcessor,
    DerogationNotificationProcessor,
    ...SLACK,
    BilanProcessor,
    PurgeCandidatsService,
  ],
  exports: [DemoLoadedProcessor, DerogationNotificationProcessor, ...SLACK, PurgeCandidatsService],
})
export class ProcessorsModule {}

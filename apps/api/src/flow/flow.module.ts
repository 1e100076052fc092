import { Module } from '@nestjs/common';
import { FlowCoreModule } from '@aiguillage/core/flow-core.module';
import { EVENT_REPLAY } from '../events/events.types';
import { FlowController } from './flow.controller';
import { ListesFlowController } from './listes-flow.controller';
import { LiveEventsGateway } from './live-events.gateway';

/**
 * The live flow's routes (declaration, decisions, what follows, lists, progression), mounted by
 * the ApiModule itself beside the REST resources: `POST /api/liberations` is the flow's, the
 * resource controller only reads libérations.
 */
export const FLOW_CONTROLLERS = [FlowController, ListesFlowController];

/** The live orientation flow in the API: its use cases, the socket push of its events and their replay. */
@Module({
  imports: [FlowCoreModule],
  providers: [LiveEventsGateway, { provide: EVENT_REPLAY, useExisting: LiveEventsGateway }],
  exports: [EVENT_REPLAY, FlowCoreModule],
})
export class FlowModule {}

import { Module } from '@nestjs/common';
import { FlowCoreModule } from '@aiguillage/core/flow';
import { EVENT_REPLAY } from '../events/events.types';
import { FlowController } from './flow.controller';
import { ListesFlowController } from './listes-flow.controller';
import { LiveEventsGateway } from './live-events.gateway';

/**
 * The live flow's routes. Mounted by the ApiModule itself, ahead of the REST resources: the flow
 * owns `POST /api/liberations` (declaration + recommendation), which the resource controller also
 * declares as a plain create — the first registered route wins.
 */
export const FLOW_CONTROLLERS = [FlowController, ListesFlowController];

/** The live orientation flow in the API: its use cases, the socket push of its events and their replay. */
@Module({
  imports: [FlowCoreModule],
  providers: [LiveEventsGateway, { provide: EVENT_REPLAY, useExisting: LiveEventsGateway }],
  exports: [EVENT_REPLAY, FlowCoreModule],
})
export class FlowModule {}

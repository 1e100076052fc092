import { Module } from '@nestjs/common';
import { FlowCoreModule } from '@aiguillage/core/flow';
import { EventsGateway } from './events.gateway';

/** The websocket side of the API: the one gateway (live flow events, bilan progress, replay, sessions). */
@Module({
  imports: [FlowCoreModule],
  providers: [EventsGateway],
  exports: [EventsGateway],
})
export class EventsModule {}

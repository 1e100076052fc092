import { Module } from '@nestjs/common';
import { FlowCoreModule } from '@aiguillage/core/flow';
import { ActualisationController } from './actualisation.controller';
import { BilanController } from './bilan.controller';

/** The annual bilan and the next year's actualisation. Its progress is pushed by the API's one gateway (EventsGateway). */
@Module({ imports: [FlowCoreModule], controllers: [BilanController, ActualisationController] })
export class BilanModule {}

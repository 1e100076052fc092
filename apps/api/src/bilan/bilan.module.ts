import { Module } from '@nestjs/common';
import { FlowCoreModule } from '@aiguillage/core/flow-core.module';
import { BilanGateway } from './bilan.gateway';

/** The annual bilan's websocket push (its controller is mounted by the ApiModule, like the resources). */
@Module({ imports: [FlowCoreModule], providers: [BilanGateway] })
export class BilanModule {}

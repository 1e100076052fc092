import { Module } from '@nestjs/common';
import { FlowCoreModule } from '@aiguillage/core/flow';
import { PropositionsController } from './propositions.controller';

/** What follows an orientation: propositions, candidates, CAL, lease. */
@Module({ imports: [FlowCoreModule], controllers: [PropositionsController] })
export class PropositionsModule {}

import { Module } from '@nestjs/common';
import { FlowCoreModule } from '@aiguillage/core/flow';
import { LiberationsController } from './liberations.controller';

/** Freed flats: declaring them (the live flow) and reading them. */
@Module({ imports: [FlowCoreModule], controllers: [LiberationsController] })
export class LiberationsModule {}

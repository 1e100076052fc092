import { Module } from '@nestjs/common';
import { FlowCoreModule } from '@aiguillage/core/flow';
import { OrientationsController } from './orientations.controller';

/** Orientation decisions, overrides and their approval policy. */
@Module({ imports: [FlowCoreModule], controllers: [OrientationsController] })
export class OrientationsModule {}

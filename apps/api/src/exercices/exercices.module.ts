import { Module } from '@nestjs/common';
import { FlowCoreModule } from '@aiguillage/core/flow';
import { ExercicesController } from './exercices.controller';

/** The exercices, their objectives and their progression. */
@Module({ imports: [FlowCoreModule], controllers: [ExercicesController] })
export class ExercicesModule {}

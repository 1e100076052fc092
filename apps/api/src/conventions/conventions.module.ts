import { Module } from '@nestjs/common';
import { ConventionsController, ReservatairesController } from './conventions.controller';

/** The réservataires and their conventions. */
@Module({ controllers: [ConventionsController, ReservatairesController] })
export class ConventionsModule {}

import { Module } from '@nestjs/common';
import { PatrimoineController } from './patrimoine.controller';

/** The bailleurs' programmes and flats. */
@Module({ controllers: [PatrimoineController] })
export class PatrimoineModule {}

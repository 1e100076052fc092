import { Module } from '@nestjs/common';
import { CalculsController } from './calculs.controller';
import { CalculsService } from './calculs.service';

/** POST /api/calculs/assiette and /api/calculs/conversion: the annual figures, no database. */
@Module({ controllers: [CalculsController], providers: [CalculsService], exports: [CalculsService] })
export class CalculsModule {}

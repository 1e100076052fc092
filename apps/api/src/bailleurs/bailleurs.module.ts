import { Module } from '@nestjs/common';
import { BailleursController } from './bailleurs.controller';

/** The bailleurs of the caller's perimeter. */
@Module({ controllers: [BailleursController] })
export class BailleursModule {}

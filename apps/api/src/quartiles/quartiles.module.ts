import { Module } from '@nestjs/common';
import { QuartilesController } from './quartiles.controller';

/** The income quartile thresholds of the préfets' arrêtés. */
@Module({ controllers: [QuartilesController] })
export class QuartilesModule {}

import { Module } from '@nestjs/common';
import { HealthController } from './health.controller';

/** GET /api/health (public). */
@Module({ controllers: [HealthController] })
export class HealthModule {}

import { Controller, Res } from '@nestjs/common';
import { ApiResponse, ApiTags } from '@nestjs/swagger';
import { HealthService, type HealthReport } from '@aiguillage/core';
import type { Response } from 'express';
import { Public } from '../auth/auth.decorators';
import { objet } from '../common/openapi';
import { ApiGet } from '../common/route';

const HEALTH_SCHEMA = objet('L’état du service et de ses dépendances', {
  status: { type: 'string', enum: ['ok', 'error'] },
  database: { type: 'string', enum: ['up', 'down'] },
  queue: { type: 'string', enum: ['inline', 'redis', 'down'] },
});

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(private readonly health: HealthService) {}

  /** 200 `{"status":"ok","database":"up","queue":"inline"|"redis"}`, 503 with the parts that are down. */
  @Public()
  @ApiGet({
    summary: 'État du service (public) : base de données et file de tâches',
    schema: HEALTH_SCHEMA,
  })
  @ApiResponse({
    status: 503,
    description: 'Une dépendance ne répond pas (même corps, status error)',
    schema: HEALTH_SCHEMA,
  })
  async check(@Res({ passthrough: true }) response: Response): Promise<HealthReport> {
    const report = await this.health.check();
    response.status(report.status === 'ok' ? 200 : 503);
    return report;
  }
}

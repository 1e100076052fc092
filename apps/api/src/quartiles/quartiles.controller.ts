import { Controller, Get, HttpCode, Post, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import type { Request } from 'express';
import { QuartilesService, type AccessScope, type ImportSeuilsResult } from '@aiguillage/core';
import type { SeuilQuartile } from '@aiguillage/persistence';
import { Roles, Scope } from '../auth/auth.decorators';
import { readUpload } from '../imports/upload';

export class SeuilsQueryDto {
  @ApiPropertyOptional({ example: 2026, description: 'Année des arrêtés (toutes sans elle)' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(2000)
  @Max(2100)
  annee?: number;
}

/**
 * Income quartile thresholds of the préfets' arrêtés (CCH L.441-1), per EPCI (or Île-de-France) and
 * year: read by every role (public data), imported from CSV by an ADMIN.
 */
@ApiTags('quartiles')
@ApiBearerAuth()
@Controller('quartiles/seuils')
export class QuartilesController {
  constructor(private readonly quartiles: QuartilesService) {}

  @Get()
  @ApiOperation({ summary: "Seuils de quartile de ressources par EPCI (ou Île-de-France) et par année, en centimes d'euro par unité de consommation" })
  lister(@Query() query: SeuilsQueryDto): Promise<SeuilQuartile[]> {
    return this.quartiles.lister(query.annee);
  }

  @Post('import')
  @Roles('ADMIN')
  @HttpCode(200)
  @ApiOperation({ summary: 'Importer les seuils de quartile des arrêtés (CSV territoire;annee;seuil_q1[;seuil_q2;seuil_q3;arrete]), tout ou rien' })
  @ApiConsumes('text/csv', 'multipart/form-data')
  @ApiBody({ schema: { type: 'string', format: 'binary' } })
  async importer(@Scope() scope: AccessScope, @Req() request: Request): Promise<ImportSeuilsResult> {
    const upload = await readUpload(request, { csvOnly: true });
    return this.quartiles.importer(scope, upload.input);
  }
}

import { Controller, HttpCode, Post, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiTags } from '@nestjs/swagger';
import { EDITOR_ROLES, ImportsService, type AccessScope } from '@aiguillage/core';
import { IsUUID } from 'class-validator';
import { ApiProperty } from '@nestjs/swagger';
import type { Request } from 'express';
import type { Readable } from 'stream';
import { Roles, Scope } from '../auth/auth.decorators';
import { UuidParam } from '../common/uuid-param.decorator';
import { readUpload } from './upload';

export class ImportConventionsQueryDto {
  @ApiProperty({ description: 'Bailleur dont les conventions sont importées' })
  @IsUUID()
  bailleurId: string;
}

const FILE_BODY = { schema: { type: 'string', format: 'binary' } };

/** File imports (ADMIN, MANAGER). The RPLS import reports bad lines and imports the rest; the others are all or nothing. */
@ApiTags('imports')
@ApiBearerAuth()
@Roles(...EDITOR_ROLES)
@Controller()
export class ImportsController {
  constructor(private readonly imports: ImportsService) {}

  /** RPLS extract (CSV, either public layout, UTF-8 or Latin-1) → the bailleur's flats, idempotent on the RPLS id. */
  @Post('bailleurs/:id/rpls')
  @HttpCode(200)
  @ApiConsumes('text/csv', 'multipart/form-data')
  @ApiBody(FILE_BODY)
  async rpls(@Scope() scope: AccessScope, @UuidParam() bailleurId: string, @Req() request: Request) {
    const upload = await readUpload(request, { csvOnly: true });
    return this.imports.rpls(scope, bailleurId, upload.input as Readable);
  }

  /** Conventions of a bailleur (CSV or JSON; see docs/imports.md), all or nothing. */
  @Post('conventions/import')
  @HttpCode(200)
  @ApiConsumes('text/csv', 'application/json', 'multipart/form-data')
  @ApiBody(FILE_BODY)
  async conventions(@Scope() scope: AccessScope, @Query() query: ImportConventionsQueryDto, @Req() request: Request) {
    const upload = await readUpload(request);
    return this.imports.conventions(scope, query.bailleurId, upload.input, upload.format);
  }

  /** Demand profiles of réservataires (CSV or JSON), all or nothing. */
  @Post('profils-demande/import')
  @HttpCode(200)
  @ApiConsumes('text/csv', 'application/json', 'multipart/form-data')
  @ApiBody(FILE_BODY)
  async profils(@Req() request: Request) {
    const upload = await readUpload(request);
    return this.imports.profils(upload.input, upload.format);
  }
}

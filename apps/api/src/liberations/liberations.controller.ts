import { Body, Controller, Get, Headers, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiTags } from '@nestjs/swagger';
import { LiberationsService, RequeteInvalideError, STAFF_ROLES, type AccessScope, type LiberationView } from '@aiguillage/core';
import type { Page } from '@aiguillage/persistence';
import type { Response } from 'express';
import { Roles, Scope } from '../auth/auth.decorators';
import { UuidParam } from '../common/uuid-param.decorator';
import { DeclareLiberationDto, LiberationQueryDto } from './liberations.dto';

@ApiTags('liberations')
@ApiBearerAuth()
@Roles(...STAFF_ROLES)
@Controller('liberations')
export class LiberationsController {
  constructor(private readonly liberations: LiberationsService) {}

  @Get()
  list(@Scope() scope: AccessScope, @Query() query: LiberationQueryDto): Promise<Page<LiberationView>> {
    return this.liberations.list(scope, query);
  }

  @Get(':id')
  get(@Scope() scope: AccessScope, @UuidParam() id: string): Promise<LiberationView> {
    return this.liberations.get(scope, id);
  }

  /** Declares a freed flat: 201 when recorded, 200 when the same `Idempotency-Key` was already used. */
  @Post()
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  async declare(
    @Scope() scope: AccessScope,
    @Body() body: DeclareLiberationDto,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Res({ passthrough: true }) response: Response,
  ): Promise<LiberationView> {
    if (idempotencyKey !== undefined && !/^[\w.-]{1,128}$/.test(idempotencyKey)) {
      throw new RequeteInvalideError([{ champ: 'Idempotency-Key', raison: 'doit contenir 1 à 128 caractères (lettres, chiffres, . _ -)' }]);
    }
    const { liberation, created } = await this.liberations.declare(scope, body, idempotencyKey);
    response.status(created ? 201 : 200);
    return liberation;
  }
}

import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { LiberationsService, STAFF_ROLES, type AccessScope, type LiberationView } from '@aiguillage/core';
import type { Page } from '@aiguillage/persistence';
import { Roles, Scope } from '../auth/auth.decorators';
import { UuidParam } from '../common/uuid-param.decorator';
import { LiberationQueryDto } from './liberations.dto';

@ApiTags('liberations')
@ApiBearerAuth()
@Roles(...STAFF_ROLES)
/** Reading freed flats; declaring them (POST /api/liberations) belongs to the live flow (apps/api/src/flow). */
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
}

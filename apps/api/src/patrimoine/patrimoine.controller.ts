import { Body, Controller, Get, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Logement, Programme } from '@aiguillage/engine';
import { EDITOR_ROLES, PatrimoineService, STAFF_ROLES, type AccessScope } from '@aiguillage/core';
import type { Page } from '@aiguillage/persistence';
import { Roles, Scope } from '../auth/auth.decorators';
import { UuidParam } from '../common/uuid-param.decorator';
import { CreateLogementDto, LogementQueryDto, ProgrammeQueryDto, UpdateLogementDto } from './patrimoine.dto';

@ApiTags('patrimoine')
@ApiBearerAuth()
@Roles(...STAFF_ROLES)
@Controller()
export class PatrimoineController {
  constructor(private readonly patrimoine: PatrimoineService) {}

  @Get('programmes')
  programmes(@Scope() scope: AccessScope, @Query() query: ProgrammeQueryDto): Promise<Programme[]> {
    return this.patrimoine.listProgrammes(scope, query);
  }

  /** Flats of the caller's bailleurs, filtered and paginated (`{ items, total }`). */
  @Get('logements')
  logements(@Scope() scope: AccessScope, @Query() query: LogementQueryDto): Promise<Page<Logement>> {
    return this.patrimoine.listLogements(scope, query);
  }

  @Get('logements/:id')
  logement(@Scope() scope: AccessScope, @UuidParam() id: string): Promise<Logement> {
    return this.patrimoine.getLogement(scope, id);
  }

  @Roles(...EDITOR_ROLES)
  @Post('logements')
  create(@Scope() scope: AccessScope, @Body() body: CreateLogementDto): Promise<Logement> {
    return this.patrimoine.createLogement(scope, body);
  }

  @Roles(...EDITOR_ROLES)
  @Patch('logements/:id')
  update(@Scope() scope: AccessScope, @UuidParam() id: string, @Body() body: UpdateLogementDto): Promise<Logement> {
    return this.patrimoine.updateLogement(scope, id, body);
  }
}

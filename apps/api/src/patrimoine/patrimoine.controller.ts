import { Body, Controller, Get, Patch, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Logement, Programme } from '@aiguillage/engine';
import { EDITOR_ROLES, PatrimoineService, STAFF_ROLES, type AccessScope } from '@aiguillage/core';
import type { Page } from '@aiguillage/persistence';
import { Roles, Scope } from '../auth/auth.decorators';
import { ApiProtege, ApiRoute, liste, page } from '../common/openapi';
import { UuidParam } from '../common/uuid-param.decorator';
import {
  CreateLogementDto,
  LOGEMENT_SCHEMA,
  LogementQueryDto,
  PROGRAMME_SCHEMA,
  ProgrammeQueryDto,
  UpdateLogementDto,
} from './patrimoine.dto';

@ApiTags('patrimoine')
@ApiProtege()
@Roles(...STAFF_ROLES)
@Controller()
export class PatrimoineController {
  constructor(private readonly patrimoine: PatrimoineService) {}

  @Get('programmes')
  @ApiRoute({ summary: 'Programmes de vos bailleurs', schema: liste(PROGRAMME_SCHEMA), erreurs: [400] })
  programmes(@Scope() scope: AccessScope, @Query() query: ProgrammeQueryDto): Promise<Programme[]> {
    return this.patrimoine.listProgrammes(scope, query);
  }

  /** Flats of the caller's bailleurs, filtered and paginated (`{ items, total }`). */
  @Get('logements')
  @ApiRoute({
    summary: 'Logements de vos bailleurs, filtrés et paginés',
    schema: page(LOGEMENT_SCHEMA),
    erreurs: [400],
  })
  logements(@Scope() scope: AccessScope, @Query() query: LogementQueryDto): Promise<Page<Logement>> {
    return this.patrimoine.listLogements(scope, query);
  }

  @Get('logements/:id')
  @ApiRoute({ summary: 'Un logement', schema: LOGEMENT_SCHEMA, erreurs: [400, 404] })
  logement(@Scope() scope: AccessScope, @UuidParam() id: string): Promise<Logement> {
    return this.patrimoine.getLogement(scope, id);
  }

  @Roles(...EDITOR_ROLES)
  @Post('logements')
  @ApiRoute({
    summary: 'Ajoute un logement au patrimoine d’un bailleur',
    status: 201,
    schema: LOGEMENT_SCHEMA,
    erreurs: [400, 404, 409],
  })
  create(@Scope() scope: AccessScope, @Body() body: CreateLogementDto): Promise<Logement> {
    return this.patrimoine.createLogement(scope, body);
  }

  @Roles(...EDITOR_ROLES)
  @Patch('logements/:id')
  @ApiRoute({ summary: 'Modifie un logement', schema: LOGEMENT_SCHEMA, erreurs: [400, 404, 409] })
  update(@Scope() scope: AccessScope, @UuidParam() id: string, @Body() body: UpdateLogementDto): Promise<Logement> {
    return this.patrimoine.updateLogement(scope, id, body);
  }
}

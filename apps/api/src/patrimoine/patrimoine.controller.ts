import { Body, Controller, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Logement, Programme } from '@aiguillage/engine';
import {
  CreerLogement,
  EDITOR_ROLES,
  ModifierLogement,
  PatrimoineService,
  STAFF_ROLES,
  type AccessScope,
} from '@aiguillage/core';
import type { Page } from '@aiguillage/persistence';
import { Roles, Scope } from '../auth/auth.decorators';
import { ApiProtege, liste, page } from '../common/openapi';
import { ApiGet, ApiPatch, ApiPost } from '../common/route';
import { UuidParam } from '../common/uuid-param.decorator';
import { LOGEMENT_SCHEMA, LogementQueryDto, PROGRAMME_SCHEMA, ProgrammeQueryDto } from './patrimoine.dto';

@ApiTags('patrimoine')
@ApiProtege()
@Roles(...STAFF_ROLES)
@Controller()
export class PatrimoineController {
  constructor(private readonly patrimoine: PatrimoineService) {}

  @ApiGet('programmes', { summary: 'Programmes de vos bailleurs', schema: liste(PROGRAMME_SCHEMA), erreurs: [400] })
  programmes(@Scope() scope: AccessScope, @Query() query: ProgrammeQueryDto): Promise<Programme[]> {
    return this.patrimoine.listProgrammes(scope, query);
  }

  /** Flats of the caller's bailleurs, filtered and paginated (`{ items, total }`). */
  @ApiGet('logements', {
    summary: 'Logements de vos bailleurs, filtrés et paginés',
    schema: page(LOGEMENT_SCHEMA),
    erreurs: [400],
  })
  logements(@Scope() scope: AccessScope, @Query() query: LogementQueryDto): Promise<Page<Logement>> {
    return this.patrimoine.listLogements(scope, query);
  }

  @ApiGet('logements/:id', { summary: 'Un logement', schema: LOGEMENT_SCHEMA })
  logement(@Scope() scope: AccessScope, @UuidParam() id: string): Promise<Logement> {
    return this.patrimoine.getLogement(scope, id);
  }

  @Roles(...EDITOR_ROLES)
  @ApiPost('logements', {
    summary: 'Ajoute un logement au patrimoine d’un bailleur',
    status: 201,
    schema: LOGEMENT_SCHEMA,
    erreurs: [404, 409],
  })
  create(@Scope() scope: AccessScope, @Body() body: CreerLogement): Promise<Logement> {
    return this.patrimoine.createLogement(scope, body);
  }

  @Roles(...EDITOR_ROLES)
  @ApiPatch('logements/:id', { summary: 'Modifie un logement', schema: LOGEMENT_SCHEMA, erreurs: [409] })
  update(@Scope() scope: AccessScope, @UuidParam() id: string, @Body() body: ModifierLogement): Promise<Logement> {
    return this.patrimoine.updateLogement(scope, id, body);
  }
}

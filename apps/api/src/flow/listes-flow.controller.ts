import { Controller, Get, Query, UseFilters } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AccessScope } from '@aiguillage/core';
import { ListesFlowService, type OverrideResume, type PropositionResume } from '@aiguillage/core/liberations';
import type { Page } from '@aiguillage/persistence';
import { Roles, Scope } from '../auth/auth.decorators';
import { FlowExceptionFilter } from './flow-exception.filter';
import { OverridesQueryDto, PropositionsQueryDto } from './listes-flow.dto';

/**
 * The live flow's lists: the propositions (a réservataire finds those waiting for its candidates,
 * a chargé follows its bailleurs' by status) and the override requests (the managers' queue).
 * Scoping is the service's, in SQL.
 */
@ApiTags('flux')
@ApiBearerAuth()
@UseFilters(FlowExceptionFilter)
@Controller()
export class ListesFlowController {
  constructor(private readonly listes: ListesFlowService) {}

  @Get('propositions')
  @ApiOperation({
    summary: 'Propositions de vos bailleurs (un réservataire : celles faites à ses conventions)',
    description: "D'abord les propositions en attente avec un délai, le délai le plus proche en premier ; puis les autres, les plus récentes d'abord. limit 50 par défaut, 500 au plus.",
  })
  propositions(@Scope() scope: AccessScope, @Query() query: PropositionsQueryDto): Promise<Page<PropositionResume>> {
    return this.listes.propositions(scope, query);
  }

  @Get('overrides')
  @Roles('ADMIN', 'MANAGER', 'CHARGE')
  @ApiOperation({
    summary: 'Demandes de dérogation de vos bailleurs, avec leur statut courant',
    description: "D'abord les demandes en attente, la plus ancienne en premier ; puis les demandes traitées, les plus récentes d'abord. limit 50 par défaut, 500 au plus.",
  })
  overrides(@Scope() scope: AccessScope, @Query() query: OverridesQueryDto): Promise<Page<OverrideResume>> {
    return this.listes.overrides(scope, query);
  }
}

import { Body, Controller, Get, HttpCode, Post, Put, Query, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { AccessScope } from '@aiguillage/core';
import { ListesFlowService, type OverrideResume } from '@aiguillage/core/liberations';
import {
  DeciderOrientation,
  DefinirPolitiqueDerogation,
  OrientationFlowService,
  PolitiqueDerogationService,
  TraiterDerogation,
  type DecisionResult,
  type PolitiqueDerogation,
} from '@aiguillage/core/orientations';
import type { Page } from '@aiguillage/persistence';
import type { Response } from 'express';
import { Roles, Scope } from '../auth/auth.decorators';
import { ApiProtege, ApiRoute, liste, objet, page, uuid } from '../common/openapi';
import { UuidParam } from '../common/uuid-param.decorator';
import {
  DECISION_RESULT_SCHEMA,
  OVERRIDE_RESUME_SCHEMA,
  OVERRIDE_STEP_SCHEMA,
  OverridesQueryDto,
  POLITIQUE_SCHEMA,
} from './orientations.dto';

/**
 * Orienting a freed flat: accept the recommendation or override it; an override the bailleur's
 * policy sends to a manager waits for approval (the managers' queue, each request's steps). Thin:
 * every rule is in the core flow services.
 */
@ApiTags('orientations')
@ApiProtege()
@Controller()
export class OrientationsController {
  constructor(
    private readonly orientations: OrientationFlowService,
    private readonly listes: ListesFlowService,
    private readonly politiques: PolitiqueDerogationService,
  ) {}

  /** Accept the recommendation (no destination) or override it (destination, motif, commentaire). */
  @Post('orientations')
  @Roles('ADMIN', 'MANAGER', 'CHARGE')
  @ApiRoute({
    summary: 'Oriente un logement libéré : accepte la recommandation ou y déroge (destination, motif, commentaire)',
    status: 201,
    schema: DECISION_RESULT_SCHEMA,
    autres: [{ status: 202, description: 'Dérogation en attente de l’approbation d’un responsable' }],
    erreurs: [400, 404, 409, 422],
  })
  async decide(
    @Scope() scope: AccessScope,
    @Body() body: DeciderOrientation,
    @Res({ passthrough: true }) res: Response,
  ): Promise<DecisionResult> {
    const result = await this.orientations.decide(scope, body);
    res.status(result.status === 'DECIDEE' ? 201 : 202);
    return result;
  }

  @Get('overrides')
  @Roles('ADMIN', 'MANAGER', 'CHARGE')
  @ApiRoute({
    summary: 'Demandes de dérogation de vos bailleurs, avec leur statut courant',
    description:
      "D'abord les demandes en attente, la plus ancienne en premier ; puis les demandes traitées, les plus récentes d'abord. limit 50 par défaut, 500 au plus.",
    schema: page(OVERRIDE_RESUME_SCHEMA),
    erreurs: [400],
  })
  overrides(@Scope() scope: AccessScope, @Query() query: OverridesQueryDto): Promise<Page<OverrideResume>> {
    return this.listes.overrides(scope, query);
  }

  @Post('overrides/:id/approve')
  @Roles('ADMIN', 'MANAGER')
  @HttpCode(201)
  @ApiRoute({
    summary: 'Approuve une dérogation en attente : la décision est enregistrée',
    status: 201,
    schema: DECISION_RESULT_SCHEMA,
    erreurs: [400, 404, 409, 422],
  })
  approve(
    @Scope() scope: AccessScope,
    @UuidParam() id: string,
    @Body() body: TraiterDerogation,
  ): Promise<DecisionResult> {
    return this.orientations.approve(scope, id, body);
  }

  @Post('overrides/:id/reject')
  @Roles('ADMIN', 'MANAGER')
  @HttpCode(200)
  @ApiRoute({
    summary: 'Refuse une dérogation en attente : le logement reste à orienter',
    schema: objet('La demande refusée', { overrideRequestId: uuid, status: { type: 'string', enum: ['REJECTED'] } }),
    erreurs: [400, 404, 409],
  })
  reject(@Scope() scope: AccessScope, @UuidParam() id: string, @Body() body: TraiterDerogation) {
    return this.orientations.reject(scope, id, body);
  }

  @Get('overrides/:id/steps')
  @Roles('ADMIN', 'MANAGER', 'CHARGE')
  @ApiRoute({
    summary: 'Étapes d’une demande de dérogation (demande, approbation ou refus), dans l’ordre',
    schema: liste(OVERRIDE_STEP_SCHEMA),
    erreurs: [400, 404],
  })
  steps(@Scope() scope: AccessScope, @UuidParam() id: string) {
    return this.orientations.history(scope, id);
  }

  @Get('bailleurs/:id/politique-derogation')
  @Roles('ADMIN', 'MANAGER', 'CHARGE')
  @ApiRoute({
    summary: 'Politique d’approbation des dérogations d’un bailleur',
    schema: POLITIQUE_SCHEMA,
    erreurs: [400, 404],
  })
  politique(@Scope() scope: AccessScope, @UuidParam() id: string): Promise<PolitiqueDerogation> {
    return this.politiques.read(scope, id);
  }

  @Put('bailleurs/:id/politique-derogation')
  @Roles('ADMIN', 'MANAGER')
  @ApiRoute({
    summary: 'Modifie la politique d’approbation des dérogations d’un bailleur',
    schema: POLITIQUE_SCHEMA,
    erreurs: [400, 404],
  })
  savePolitique(
    @Scope() scope: AccessScope,
    @UuidParam() id: string,
    @Body() body: DefinirPolitiqueDerogation,
  ): Promise<PolitiqueDerogation> {
    return this.politiques.save(scope, id, body);
  }
}

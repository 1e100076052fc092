import { Body, Controller, Query, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { EDITOR_ROLES, STAFF_ROLES, type AccessScope } from '@aiguillage/core';
import { ListesFlowService, type OverrideResume } from '@aiguillage/core/liberations';
import {
  DecisionDuJourService,
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
import { ApiProtege, liste, objet, page, uuid } from '../common/openapi';
import { ApiGet, ApiPost, ApiPut } from '../common/route';
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
    private readonly duJour: DecisionDuJourService,
    private readonly listes: ListesFlowService,
    private readonly politiques: PolitiqueDerogationService,
  ) {}

  /**
   * Accept the recommendation (no destination) or override it (destination, motif, commentaire);
   * `surEtatDuJour`: on today's recommendation (`DecisionDuJourService`).
   */
  @Roles(...STAFF_ROLES)
  @ApiPost('orientations', {
    summary: 'Oriente un logement libéré : accepte la recommandation ou y déroge (destination, motif, commentaire)',
    status: 201,
    schema: DECISION_RESULT_SCHEMA,
    autres: [{ status: 202, description: 'Dérogation en attente de l’approbation d’un responsable' }],
    erreurs: [404, 409, 422],
  })
  async decide(
    @Scope() scope: AccessScope,
    @Body() body: DeciderOrientation,
    @Res({ passthrough: true }) res: Response,
  ): Promise<DecisionResult> {
    const result = body.surEtatDuJour
      ? await this.duJour.decider(scope, body)
      : await this.orientations.decide(scope, body);
    res.status(result.status === 'DECIDEE' ? 201 : 202);
    return result;
  }

  @Roles(...STAFF_ROLES)
  @ApiGet('overrides', {
    summary: 'Demandes de dérogation de vos bailleurs, avec leur statut courant',
    description:
      "D'abord les demandes en attente, la plus ancienne en premier ; puis les demandes traitées, les plus récentes d'abord. limit 50 par défaut, 500 au plus.",
    schema: page(OVERRIDE_RESUME_SCHEMA),
    erreurs: [400],
  })
  overrides(@Scope() scope: AccessScope, @Query() query: OverridesQueryDto): Promise<Page<OverrideResume>> {
    return this.listes.overrides(scope, query);
  }

  @Roles(...EDITOR_ROLES)
  @ApiPost('overrides/:id/approve', {
    summary: 'Approuve une dérogation en attente : la décision est enregistrée',
    status: 201,
    schema: DECISION_RESULT_SCHEMA,
    erreurs: [409, 422],
  })
  approve(
    @Scope() scope: AccessScope,
    @UuidParam() id: string,
    @Body() body: TraiterDerogation,
  ): Promise<DecisionResult> {
    return this.orientations.approve(scope, id, body);
  }

  @Roles(...EDITOR_ROLES)
  @ApiPost('overrides/:id/reject', {
    summary: 'Refuse une dérogation en attente : le logement reste à orienter',
    schema: objet('La demande refusée', { overrideRequestId: uuid, status: { type: 'string', enum: ['REJECTED'] } }),
    erreurs: [409],
  })
  reject(@Scope() scope: AccessScope, @UuidParam() id: string, @Body() body: TraiterDerogation) {
    return this.orientations.reject(scope, id, body);
  }

  @Roles(...STAFF_ROLES)
  @ApiGet('overrides/:id/steps', {
    summary: 'Étapes d’une demande de dérogation (demande, approbation ou refus), dans l’ordre',
    schema: liste(OVERRIDE_STEP_SCHEMA),
  })
  steps(@Scope() scope: AccessScope, @UuidParam() id: string) {
    return this.orientations.history(scope, id);
  }

  @Roles(...STAFF_ROLES)
  @ApiGet('bailleurs/:id/politique-derogation', {
    summary: 'Politique d’approbation des dérogations d’un bailleur',
    schema: POLITIQUE_SCHEMA,
  })
  politique(@Scope() scope: AccessScope, @UuidParam() id: string): Promise<PolitiqueDerogation> {
    return this.politiques.read(scope, id);
  }

  @Roles(...EDITOR_ROLES)
  @ApiPut('bailleurs/:id/politique-derogation', {
    summary: 'Modifie la politique d’approbation des dérogations d’un bailleur',
    schema: POLITIQUE_SCHEMA,
  })
  savePolitique(
    @Scope() scope: AccessScope,
    @UuidParam() id: string,
    @Body() body: DefinirPolitiqueDerogation,
  ): Promise<PolitiqueDerogation> {
    return this.politiques.save(scope, id, body);
  }
}

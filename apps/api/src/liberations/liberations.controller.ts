import { Body, Controller, Headers, Query, Res } from '@nestjs/common';
import { ApiHeader, ApiTags } from '@nestjs/swagger';
import { LiberationsService, STAFF_ROLES, type AccessScope, type LiberationView } from '@aiguillage/core';
import {
  DeclarerLiberation,
  DeclarerLiberations,
  LiberationFlowService,
  type LiberationResult,
  type RecalculResult,
  type RecommendationView,
} from '@aiguillage/core/liberations';
import type { Page } from '@aiguillage/persistence';
import type { Response } from 'express';
import { Roles, Scope } from '../auth/auth.decorators';
import { ApiProtege, page } from '../common/openapi';
import { ApiGet, ApiPost } from '../common/route';
import { UuidParam } from '../common/uuid-param.decorator';
import {
  LIBERATION_BATCH_RESULT_SCHEMA,
  LIBERATION_RESULT_SCHEMA,
  LIBERATION_SCHEMA,
  LiberationQueryDto,
  RECALCUL_SCHEMA,
  RECOMMENDATION_SCHEMA,
} from './liberations.dto';

/**
 * Freed flats: declared one by one or in bulk (the live flow: the recommendation is computed and
 * pushed at once), then read with their latest recommendation. Staff only.
 */
@ApiTags('liberations')
@ApiProtege()
@Roles(...STAFF_ROLES)
@Controller('liberations')
export class LiberationsController {
  constructor(
    private readonly liberations: LiberationsService,
    private readonly flow: LiberationFlowService,
  ) {}

  /** 201 with the recommendation; 200 with the first result when already declared (nothing created). */
  @ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description:
      'Rejouer la même clé avec le même contenu renvoie le premier résultat (200) ; la même clé avec un autre contenu est refusée (422)',
  })
  @ApiPost({
    summary: 'Déclare un logement libéré et calcule sa recommandation (poussée aussitôt aux sockets)',
    status: 201,
    schema: LIBERATION_RESULT_SCHEMA,
    autres: [
      {
        status: 200,
        description: 'Déjà déclarée (même clé, ou même logement le même jour) : le premier résultat, rien de créé',
      },
    ],
    erreurs: [404, 409, 422],
  })
  async declare(
    @Scope() scope: AccessScope,
    @Body() body: DeclarerLiberation,
    @Headers('idempotency-key') key: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ): Promise<LiberationResult> {
    const result = await this.flow.declare(scope, body, key);
    res.status(result.created ? 201 : 200);
    return result;
  }

  /** Bulk import: each line idempotent; `created` tells which ones are new. */
  @ApiPost('lot', {
    summary: 'Déclare un lot de libérations (chaque ligne idempotente)',
    status: 201,
    schema: LIBERATION_BATCH_RESULT_SCHEMA,
    erreurs: [404, 409, 413, 422],
  })
  async declareBatch(
    @Scope() scope: AccessScope,
    @Body() body: DeclarerLiberations,
  ): Promise<{ crees: number; existantes: number; resultats: LiberationResult[] }> {
    const resultats = await this.flow.declareBatch(scope, body);
    const crees = resultats.filter((r) => r.created).length;
    return { crees, existantes: resultats.length - crees, resultats };
  }

  @ApiGet({
    summary: 'Libérations de vos bailleurs, filtrées par bailleur, logement et période',
    schema: page(LIBERATION_SCHEMA),
    erreurs: [400],
  })
  list(@Scope() scope: AccessScope, @Query() query: LiberationQueryDto): Promise<Page<LiberationView>> {
    return this.liberations.list(scope, query);
  }

  @ApiGet(':id', { summary: 'Une libération', schema: LIBERATION_SCHEMA })
  get(@Scope() scope: AccessScope, @UuidParam() id: string): Promise<LiberationView> {
    return this.liberations.get(scope, id);
  }

  /** The latest recommendation of a libération, with every rule met and broken per option. */
  @ApiGet(':id/recommendation', {
    summary: 'Dernière recommandation d’une libération, chaque option avec ses règles respectées et enfreintes',
    schema: RECOMMENDATION_SCHEMA,
  })
  recommendation(@Scope() scope: AccessScope, @UuidParam() id: string): Promise<RecommendationView> {
    return this.flow.recommendationOf(scope, id);
  }

  /** 201 with the new recommendation; 200 with the latest one when it was already computed on today's state. */
  @ApiPost(':id/recommendation', {
    summary:
      'Recalcule la recommandation d’une libération à orienter sur l’état actuel des conventions, l’enregistre comme la dernière et la pousse aux sockets',
    status: 201,
    schema: RECALCUL_SCHEMA,
    autres: [
      {
        status: 200,
        description:
          'Déjà calculée sur l’état actuel des conventions : la dernière recommandation, rien de recalculé (`recalculee: false`)',
      },
    ],
    erreurs: [409],
  })
  async recalculer(
    @Scope() scope: AccessScope,
    @UuidParam() id: string,
    @Res({ passthrough: true }) res: Response,
  ): Promise<RecalculResult> {
    const result = await this.flow.recalculer(scope, id);
    res.status(result.recalculee ? 201 : 200);
    return result;
  }
}

import { Body, Controller, Get, Headers, HttpCode, Post, Put, Query, Res, UseFilters } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { AccessScope } from '@aiguillage/core';
import { LiberationFlowService, type LiberationResult, type RecommendationView } from '@aiguillage/core/liberations';
import { OrientationFlowService, PolitiqueDerogationService, type DecisionInput, type DecisionResult, type PolitiqueDerogation } from '@aiguillage/core/orientations';
import { ProgressionFlowService, type ProgressionExercice } from '@aiguillage/core/progression';
import { SuiviFlowService, type PropositionView } from '@aiguillage/core/cycle-vie';
import type { Response } from 'express';
import { Roles, Scope } from '../auth/auth.decorators';
import { UuidParam } from '../common/uuid-param.decorator';
import { FlowExceptionFilter } from './flow-exception.filter';
import {
  BailDto,
  CalDto,
  CandidatRefDto,
  DeclinDto,
  CandidatsDto,
  DecisionDto,
  LiberationBatchDto,
  LiberationDto,
  OverrideStepDto,
  PolitiqueDerogationDto,
} from './flow.dto';

/**
 * The live orientation flow over HTTP: freed flats in (recommendation pushed at once), decisions
 * and overrides, then what follows the orientation. Thin: every rule is in the core flow services.
 */
@ApiTags('flux')
@ApiBearerAuth()
@UseFilters(FlowExceptionFilter)
@Controller()
export class FlowController {
  constructor(
    private readonly liberations: LiberationFlowService,
    private readonly orientations: OrientationFlowService,
    private readonly suivi: SuiviFlowService,
    private readonly politiques: PolitiqueDerogationService,
    private readonly progressions: ProgressionFlowService,
  ) {}

  /** 201 with the recommendation; 200 with the first result when already declared (nothing created). */
  @Post('liberations')
  @Roles('ADMIN', 'MANAGER', 'CHARGE')
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Rejouer la même clé avec le même contenu renvoie le premier résultat (200) ; la même clé avec un autre contenu est refusée (422)' })
  async declare(
    @Scope() scope: AccessScope,
    @Body() body: LiberationDto,
    @Headers('idempotency-key') key: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ): Promise<LiberationResult> {
    const result = await this.liberations.declare(scope, body, key);
    res.status(result.created ? 201 : 200);
    return result;
  }

  /** Bulk import: each line idempotent; `created` tells which ones are new. */
  @Post('liberations/lot')
  @Roles('ADMIN', 'MANAGER', 'CHARGE')
  async declareBatch(@Scope() scope: AccessScope, @Body() body: LiberationBatchDto): Promise<{ crees: number; existantes: number; resultats: LiberationResult[] }> {
    const resultats = await this.liberations.declareBatch(scope, body.liberations);
    const crees = resultats.filter((r) => r.created).length;
    return { crees, existantes: resultats.length - crees, resultats };
  }

  /** The latest recommendation of a libération, with every rule met and broken per option. */
  @Get('liberations/:id/recommendation')
  @Roles('ADMIN', 'MANAGER', 'CHARGE')
  recommendation(@Scope() scope: AccessScope, @UuidParam() id: string): Promise<RecommendationView> {
    return this.liberations.recommendationOf(scope, id);
  }

  /** Accept the recommendation (no destination) or override it (destination, motif, commentaire). */
  @Post('orientations')
  @Roles('ADMIN', 'MANAGER', 'CHARGE')
  async decide(@Scope() scope: AccessScope, @Body() body: DecisionDto, @Res({ passthrough: true }) res: Response): Promise<DecisionResult> {
    const result = await this.orientations.decide(scope, body as DecisionInput);
    res.status(result.status === 'DECIDEE' ? 201 : 202);
    return result;
  }

  @Post('overrides/:id/approve')
  @Roles('ADMIN', 'MANAGER')
  @HttpCode(201)
  approve(@Scope() scope: AccessScope, @UuidParam() id: string, @Body() body: OverrideStepDto): Promise<DecisionResult> {
    return this.orientations.approve(scope, id, body.commentaire);
  }

  @Post('overrides/:id/reject')
  @Roles('ADMIN', 'MANAGER')
  @HttpCode(200)
  reject(@Scope() scope: AccessScope, @UuidParam() id: string, @Body() body: OverrideStepDto) {
    return this.orientations.reject(scope, id, body.commentaire);
  }

  @Get('overrides/:id/steps')
  @Roles('ADMIN', 'MANAGER', 'CHARGE')
  steps(@Scope() scope: AccessScope, @UuidParam() id: string) {
    return this.orientations.history(scope, id);
  }

  @Get('propositions/:id')
  proposition(@Scope() scope: AccessScope, @UuidParam() id: string): Promise<PropositionView> {
    return this.suivi.get(scope, id);
  }

  /** Candidates: the convention's réservataire (DIRECTE) or the bailleur (délégation). */
  @Post('propositions/:id/candidats')
  @HttpCode(200)
  candidats(@Scope() scope: AccessScope, @UuidParam() id: string, @Body() body: CandidatsDto): Promise<PropositionView> {
    return this.suivi.candidats(scope, id, body.candidats);
  }

  @Post('propositions/:id/cal')
  @Roles('ADMIN', 'MANAGER', 'CHARGE')
  @HttpCode(200)
  cal(@Scope() scope: AccessScope, @UuidParam() id: string, @Body() body: CalDto): Promise<PropositionView> {
    return this.suivi.cal(scope, id, body);
  }

  @Post('propositions/:id/refus')
  @Roles('ADMIN', 'MANAGER', 'CHARGE')
  @HttpCode(200)
  refus(@Scope() scope: AccessScope, @UuidParam() id: string, @Body() body: CandidatRefDto): Promise<PropositionView> {
    return this.suivi.refus(scope, id, body.candidatId);
  }

  /** The réservataire (or the bailleur on its behalf) declines the flat, with its reason: back to the bailleur for one turn. */
  @Post('propositions/:id/declin')
  @HttpCode(200)
  declin(@Scope() scope: AccessScope, @UuidParam() id: string, @Body() body: DeclinDto): Promise<PropositionView> {
    return this.suivi.declin(scope, id, body.motif);
  }

  @Post('propositions/:id/bail')
  @Roles('ADMIN', 'MANAGER', 'CHARGE')
  @HttpCode(200)
  bail(@Scope() scope: AccessScope, @UuidParam() id: string, @Body() body: BailDto): Promise<PropositionView> {
    return this.suivi.bail(scope, id, body.candidatId, body.signedAt);
  }

  /**
   * Where every convention of the exercice stands at `date` (default today): réalisé under its
   * décompte, attendu by the seasonal forecast, écart. The snapshot a dashboard starts from; a
   * réservataire sees its own conventions only.
   */
  @Get('exercices/:id/progression')
  @ApiQuery({ name: 'date', required: false, example: '2026-06-30' })
  progression(@Scope() scope: AccessScope, @UuidParam() id: string, @Query('date') date?: string): Promise<ProgressionExercice> {
    return this.progressions.progression(scope, id, date);
  }

  @Get('bailleurs/:id/politique-derogation')
  @Roles('ADMIN', 'MANAGER', 'CHARGE')
  politique(@Scope() scope: AccessScope, @UuidParam() id: string): Promise<PolitiqueDerogation> {
    return this.politiques.read(scope, id);
  }

  @Put('bailleurs/:id/politique-derogation')
  @Roles('ADMIN', 'MANAGER')
  savePolitique(@Scope() scope: AccessScope, @UuidParam() id: string, @Body() body: PolitiqueDerogationDto): Promise<PolitiqueDerogation> {
    return this.politiques.save(scope, id, body);
  }
}

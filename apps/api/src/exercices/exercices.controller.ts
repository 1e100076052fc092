import { Body, Controller, Get, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Exercice } from '@aiguillage/engine';
import { EDITOR_ROLES, ExercicesService, STAFF_ROLES, type AccessScope, type ExerciceDetaille, type ObjectifDetaille } from '@aiguillage/core';
import { Roles, Scope } from '../auth/auth.decorators';
import { UuidParam } from '../common/uuid-param.decorator';
import { ExerciceDto, ExerciceQueryDto } from './exercices.dto';

@ApiTags('exercices')
@ApiBearerAuth()
@Controller('exercices')
export class ExercicesController {
  constructor(private readonly exercices: ExercicesService) {}

  /** Every role: a réservataire lists its bailleurs' exercices (the progression route needs their ids), with its own objectives only. */
  @Get()
  list(@Scope() scope: AccessScope, @Query() query: ExerciceQueryDto): Promise<Exercice[]> {
    return this.exercices.list(scope, query);
  }

  /** With its typed figures (flux to share, objectives) beside the computed ones and the reason of each difference. */
  @Get(':id')
  get(@Scope() scope: AccessScope, @UuidParam() id: string): Promise<ExerciceDetaille> {
    return this.exercices.detail(scope, id);
  }

  /** Each convention's objective for the year, with its reference and réservataire. */
  @Roles(...STAFF_ROLES)
  @Get(':id/objectifs')
  objectifs(@Scope() scope: AccessScope, @UuidParam() id: string): Promise<ObjectifDetaille[]> {
    return this.exercices.objectifs(scope, id);
  }

  /** Creates or replaces the exercice of a bailleur × département × année (and its objectives). */
  @Roles(...EDITOR_ROLES)
  @Post()
  save(@Scope() scope: AccessScope, @Body() body: ExerciceDto): Promise<Exercice> {
    return this.exercices.save(scope, body);
  }
}

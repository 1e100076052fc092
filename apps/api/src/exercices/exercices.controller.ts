import { Body, Controller, Get, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Exercice } from '@aiguillage/engine';
import { ClotureExerciceService, EDITOR_ROLES, ExercicesService, STAFF_ROLES, type AccessScope, type ClotureExercice, type ExerciceDetaille, type ObjectifDetaille } from '@aiguillage/core';
import { Roles, Scope } from '../auth/auth.decorators';
import { UuidParam } from '../common/uuid-param.decorator';
import { ClotureDto, ExerciceDto, ExerciceQueryDto } from './exercices.dto';

@ApiTags('exercices')
@ApiBearerAuth()
@Controller('exercices')
export class ExercicesController {
  constructor(
    private readonly exercices: ExercicesService,
    private readonly clotures: ClotureExerciceService,
  ) {}

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

  /** Closes the year once: each convention's result carried onto the next year under its corrective action (and the droits-uniques pools). */
  @ApiOperation({ summary: "Clôturer l'exercice : le résultat de chaque convention est reporté sur l'année suivante (déficit selon l'action corrective, réserve de droits uniques), une seule fois" })
  @Roles(...EDITOR_ROLES)
  @Post(':id/cloture')
  cloturer(@Scope() scope: AccessScope, @UuidParam() id: string, @Body() body: ClotureDto): Promise<ClotureExercice> {
    return this.clotures.cloturer(scope, id, body.droitsNouveaux ?? []);
  }

  /** Whether the year is closed, and its closing. */
  @ApiOperation({ summary: "Lire la clôture de l'exercice (cloturee: false tant qu'il n'est pas clôturé)" })
  @Roles(...STAFF_ROLES)
  @Get(':id/cloture')
  cloture(@Scope() scope: AccessScope, @UuidParam() id: string): Promise<{ cloturee: boolean; cloture: ClotureExercice | null }> {
    return this.clotures.lire(scope, id);
  }
}

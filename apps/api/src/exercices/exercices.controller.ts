import { Body, Controller, Query } from '@nestjs/common';
import { ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Exercice } from '@aiguillage/engine';
import {
  ClotureExerciceService,
  Cloturer,
  EDITOR_ROLES,
  EnregistrerExercice,
  ExercicesService,
  STAFF_ROLES,
  type AccessScope,
  type ClotureExercice,
  type ExerciceDetaille,
  type ObjectifDetaille,
} from '@aiguillage/core';
import { ProgressionFlowService, type ProgressionExercice } from '@aiguillage/core/progression';
import { Roles, Scope } from '../auth/auth.decorators';
import { ApiProtege, liste } from '../common/openapi';
import { ApiGet, ApiPost } from '../common/route';
import { UuidParam } from '../common/uuid-param.decorator';
import {
  CLOTURE_SCHEMA,
  EXERCICE_DETAILLE_SCHEMA,
  EXERCICE_SCHEMA,
  ExerciceQueryDto,
  LECTURE_CLOTURE_SCHEMA,
  OBJECTIF_DETAILLE_SCHEMA,
  PROGRESSION_SCHEMA,
} from './exercices.dto';

/** The exercices (a bailleur × département × année, its assiette and objectives) and where their conventions stand. */
@ApiTags('exercices')
@ApiProtege()
@Controller('exercices')
export class ExercicesController {
  constructor(
    private readonly exercices: ExercicesService,
    private readonly progressions: ProgressionFlowService,
    private readonly clotures: ClotureExerciceService,
  ) {}

  /** Every role: a réservataire lists its bailleurs' exercices (the progression route needs their ids), with its own objectives only. */
  @ApiGet({
    summary: 'Exercices de vos bailleurs (un réservataire : avec ses seuls objectifs)',
    schema: liste(EXERCICE_SCHEMA),
    erreurs: [400],
  })
  list(@Scope() scope: AccessScope, @Query() query: ExerciceQueryDto): Promise<Exercice[]> {
    return this.exercices.list(scope, query);
  }

  /** With its typed figures (flux to share, objectives) beside the computed ones and the reason of each difference. */
  @ApiGet(':id', {
    summary: 'Un exercice, ses chiffres saisis à côté des chiffres calculés et le motif de chaque écart',
    schema: EXERCICE_DETAILLE_SCHEMA,
  })
  get(@Scope() scope: AccessScope, @UuidParam() id: string): Promise<ExerciceDetaille> {
    return this.exercices.detail(scope, id);
  }

  /** Each convention's objective for the year, with its reference and réservataire. */
  @Roles(...STAFF_ROLES)
  @ApiGet(':id/objectifs', {
    summary: 'Objectif de l’année de chaque convention, avec sa référence et son réservataire',
    schema: liste(OBJECTIF_DETAILLE_SCHEMA),
  })
  objectifs(@Scope() scope: AccessScope, @UuidParam() id: string): Promise<ObjectifDetaille[]> {
    return this.exercices.objectifs(scope, id);
  }

  /**
   * Where every convention of the exercice stands at `date` (default today): réalisé under its
   * décompte, attendu by the seasonal forecast, écart. The snapshot a dashboard starts from; a
   * réservataire sees its own conventions only.
   */
  @ApiQuery({ name: 'date', required: false, example: '2026-06-30' })
  @ApiGet(':id/progression', {
    summary: 'Avancement de chaque convention de l’exercice à une date : réalisé, attendu, écart',
    schema: PROGRESSION_SCHEMA,
  })
  progression(
    @Scope() scope: AccessScope,
    @UuidParam() id: string,
    @Query('date') date?: string,
  ): Promise<ProgressionExercice> {
    return this.progressions.progression(scope, id, date);
  }

  /** Creates or replaces the exercice of a bailleur × département × année (and its objectives). */
  @Roles(...EDITOR_ROLES)
  @ApiPost({
    summary: 'Crée ou remplace l’exercice d’un bailleur pour un département et une année, avec ses objectifs',
    status: 201,
    schema: EXERCICE_SCHEMA,
    erreurs: [404, 409],
  })
  save(@Scope() scope: AccessScope, @Body() body: EnregistrerExercice): Promise<Exercice> {
    return this.exercices.save(scope, body);
  }

  /** Closes the year once: each convention's result carried onto the next year under its corrective action (and the droits-uniques pools). */
  @Roles(...EDITOR_ROLES)
  @ApiPost(':id/cloture', {
    summary:
      "Clôture l'exercice : le résultat de chaque convention est reporté sur l'année suivante (déficit selon l'action corrective, réserve de droits uniques), une seule fois",
    status: 201,
    schema: CLOTURE_SCHEMA,
    erreurs: [409],
  })
  cloturer(@Scope() scope: AccessScope, @UuidParam() id: string, @Body() body: Cloturer): Promise<ClotureExercice> {
    return this.clotures.cloturer(scope, id, body);
  }

  /** Whether the year is closed, and its closing. */
  @Roles(...STAFF_ROLES)
  @ApiGet(':id/cloture', {
    summary: "La clôture de l'exercice (cloturee : false tant qu'il n'est pas clôturé)",
    schema: LECTURE_CLOTURE_SCHEMA,
  })
  cloture(
    @Scope() scope: AccessScope,
    @UuidParam() id: string,
  ): Promise<{ cloturee: boolean; cloture: ClotureExercice | null }> {
    return this.clotures.lire(scope, id);
  }
}

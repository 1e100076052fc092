import { Body, Controller, Get, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Convention, Reservataire, VersionConvention } from '@aiguillage/engine';
import { ConventionsService, EDITOR_ROLES, type AccessScope } from '@aiguillage/core';
import { Roles, Scope } from '../auth/auth.decorators';
import { UuidParam } from '../common/uuid-param.decorator';
import { ConventionDto, ConventionQueryDto, ReservataireDto, toConventionInput } from './conventions.dto';

/** Conventions: every role reads (a RESERVATAIRE its own only); ADMIN and MANAGER write. */
@ApiTags('conventions')
@ApiBearerAuth()
@Controller('conventions')
export class ConventionsController {
  constructor(private readonly conventions: ConventionsService) {}

  @Get()
  list(@Scope() scope: AccessScope, @Query() query: ConventionQueryDto): Promise<Convention[]> {
    return this.conventions.list(scope, query);
  }

  @Get(':id')
  get(@Scope() scope: AccessScope, @UuidParam() id: string): Promise<Convention> {
    return this.conventions.get(scope, id);
  }

  @Roles(...EDITOR_ROLES)
  @Post()
  create(@Scope() scope: AccessScope, @Body() body: ConventionDto): Promise<Convention> {
    return this.conventions.create(scope, toConventionInput(body));
  }

  /** The versions of its terms, each in force from its date (none for a convention never changed). */
  @ApiOperation({ summary: "Versions successives d'une convention, chacune en vigueur à partir de sa date d'effet" })
  @Get(':id/versions')
  versions(@Scope() scope: AccessScope, @UuidParam() id: string): Promise<VersionConvention[]> {
    return this.conventions.versions(scope, id);
  }

  /** Replaces the whole convention (same bailleur), from `dateEffet` (default: today): what was counted before stays counted. */
  @Roles(...EDITOR_ROLES)
  @Put(':id')
  update(@Scope() scope: AccessScope, @UuidParam() id: string, @Body() body: ConventionDto): Promise<Convention> {
    return this.conventions.update(scope, id, toConventionInput(body), body.dateEffet);
  }
}

/** Réservataires: staff see those holding conventions with their bailleurs; a RESERVATAIRE sees itself. */
@ApiTags('reservataires')
@ApiBearerAuth()
@Controller('reservataires')
export class ReservatairesController {
  constructor(private readonly conventions: ConventionsService) {}

  @Get()
  list(@Scope() scope: AccessScope): Promise<Reservataire[]> {
    return this.conventions.listReservataires(scope);
  }

  @Get(':id')
  get(@Scope() scope: AccessScope, @UuidParam() id: string): Promise<Reservataire> {
    return this.conventions.getReservataire(scope, id);
  }

  @Roles(...EDITOR_ROLES)
  @Post()
  create(@Body() body: ReservataireDto): Promise<Reservataire> {
    return this.conventions.createReservataire(body);
  }
}

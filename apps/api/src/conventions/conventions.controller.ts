import { Body, Controller, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Convention, Reservataire, VersionConvention } from '@aiguillage/engine';
import {
  ConventionsService,
  CreerReservataire,
  EDITOR_ROLES,
  EnregistrerConvention,
  type AccessScope,
} from '@aiguillage/core';
import { Roles, Scope } from '../auth/auth.decorators';
import { ApiProtege, jour, liste, objet } from '../common/openapi';
import { ApiGet, ApiPost, ApiPut } from '../common/route';
import { UuidParam } from '../common/uuid-param.decorator';
import { CONVENTION_SCHEMA, ConventionQueryDto, RESERVATAIRE_SCHEMA } from './conventions.dto';

/** Conventions: every role reads (a RESERVATAIRE its own only); ADMIN and MANAGER write. */
@ApiTags('conventions')
@ApiProtege()
@Controller('conventions')
export class ConventionsController {
  constructor(private readonly conventions: ConventionsService) {}

  @ApiGet({
    summary: 'Conventions de réservation de vos bailleurs (un réservataire : les siennes)',
    schema: liste(CONVENTION_SCHEMA),
    erreurs: [400],
  })
  list(@Scope() scope: AccessScope, @Query() query: ConventionQueryDto): Promise<Convention[]> {
    return this.conventions.list(scope, query);
  }

  @ApiGet(':id', { summary: 'Une convention de réservation', schema: CONVENTION_SCHEMA })
  get(@Scope() scope: AccessScope, @UuidParam() id: string): Promise<Convention> {
    return this.conventions.get(scope, id);
  }

  @Roles(...EDITOR_ROLES)
  @ApiPost({
    summary: 'Crée une convention de réservation',
    status: 201,
    schema: CONVENTION_SCHEMA,
    erreurs: [404, 409],
  })
  create(@Scope() scope: AccessScope, @Body() body: EnregistrerConvention): Promise<Convention> {
    return this.conventions.create(scope, body);
  }

  /** The versions of its terms, each in force from its date (none for a convention never changed). */
  @ApiGet(':id/versions', {
    summary: "Versions successives d'une convention, chacune en vigueur à partir de sa date d'effet",
    schema: liste(
      objet("Les termes de la convention en vigueur à partir d'une date", {
        dateEffet: jour,
        convention: CONVENTION_SCHEMA,
      }),
    ),
  })
  versions(@Scope() scope: AccessScope, @UuidParam() id: string): Promise<VersionConvention[]> {
    return this.conventions.versions(scope, id);
  }

  /** Replaces the whole convention (same bailleur), from `dateEffet` (default: today): what was counted before stays counted. */
  @Roles(...EDITOR_ROLES)
  @ApiPut(':id', {
    summary:
      "Remplace une convention entière (même bailleur) à partir de sa date d'effet (dateEffet, par défaut aujourd'hui) : ce qui a été compté avant reste compté",
    schema: CONVENTION_SCHEMA,
    erreurs: [409],
  })
  update(
    @Scope() scope: AccessScope,
    @UuidParam() id: string,
    @Body() body: EnregistrerConvention,
  ): Promise<Convention> {
    return this.conventions.update(scope, id, body);
  }
}

/** Réservataires: staff see those holding conventions with their bailleurs; a RESERVATAIRE sees itself. */
@ApiTags('reservataires')
@ApiProtege()
@Controller('reservataires')
export class ReservatairesController {
  constructor(private readonly conventions: ConventionsService) {}

  @ApiGet({
    summary: 'Réservataires ayant des conventions avec vos bailleurs (un réservataire : lui-même)',
    schema: liste(RESERVATAIRE_SCHEMA),
  })
  list(@Scope() scope: AccessScope): Promise<Reservataire[]> {
    return this.conventions.listReservataires(scope);
  }

  @ApiGet(':id', { summary: 'Un réservataire', schema: RESERVATAIRE_SCHEMA })
  get(@Scope() scope: AccessScope, @UuidParam() id: string): Promise<Reservataire> {
    return this.conventions.getReservataire(scope, id);
  }

  @Roles(...EDITOR_ROLES)
  @ApiPost({ summary: 'Crée un réservataire', status: 201, schema: RESERVATAIRE_SCHEMA, erreurs: [409] })
  create(@Body() body: CreerReservataire): Promise<Reservataire> {
    return this.conventions.createReservataire(body);
  }
}

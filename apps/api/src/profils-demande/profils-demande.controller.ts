import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsUUID, Max, Min } from 'class-validator';
import type { ProfilDemande } from '@aiguillage/engine';
import { ProfilsDemandeService, type AccessScope } from '@aiguillage/core';
import { Scope } from '../auth/auth.decorators';

export class ProfilQueryDto {
  @ApiProperty({ example: 2026 }) @Type(() => Number) @IsInt() @Min(2000) @Max(2100) annee: number;
  @ApiPropertyOptional() @IsOptional() @IsUUID() reservataireId?: string;
}

/** Demand profiles (applicants by commune × typologie, quartiles, prioritaires). A RESERVATAIRE sees its own. */
@ApiTags('profils-demande')
@ApiBearerAuth()
@Controller('profils-demande')
export class ProfilsDemandeController {
  constructor(private readonly profils: ProfilsDemandeService) {}

  @Get()
  list(@Scope() scope: AccessScope, @Query() query: ProfilQueryDto): Promise<ProfilDemande[]> {
    return this.profils.list(scope, query);
  }
}

import { Controller, Query } from '@nestjs/common';
import { ApiProperty, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import type { ProfilDemande } from '@aiguillage/engine';
import { ProfilsDemandeService, type AccessScope } from '@aiguillage/core';
import { Scope } from '../auth/auth.decorators';
import { ApiProtege, entier, liste, nombre, objet, uuid } from '../common/openapi';
import { ApiGet } from '../common/route';
import { IsAnnee, OptionalUuid } from '@aiguillage/core';

const PROFIL_SCHEMA = objet('Le profil de la demande d’un réservataire pour une année', {
  reservataireId: uuid,
  annee: entier,
  demandes: liste(objet('Demandeurs par commune et typologie')),
  quartiles: liste(nombre),
  prioritaires: nombre,
  delaiMoyenJours: nombre,
  tauxRefus: nombre,
});

export class ProfilQueryDto {
  @ApiProperty({ example: 2026 }) @Type(() => Number) @IsAnnee() annee: number;
  @OptionalUuid() reservataireId?: string;
}

/** Demand profiles (applicants by commune × typologie, quartiles, prioritaires). A RESERVATAIRE sees its own. */
@ApiTags('profils-demande')
@ApiProtege()
@Controller('profils-demande')
export class ProfilsDemandeController {
  constructor(private readonly profils: ProfilsDemandeService) {}

  @ApiGet({
    summary: 'Profils de la demande d’une année (un réservataire : le sien)',
    schema: liste(PROFIL_SCHEMA),
    erreurs: [400],
  })
  list(@Scope() scope: AccessScope, @Query() query: ProfilQueryDto): Promise<ProfilDemande[]> {
    return this.profils.list(scope, query);
  }
}

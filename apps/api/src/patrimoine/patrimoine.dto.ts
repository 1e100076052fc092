import { ApiPropertyOptional, IntersectionType } from '@nestjs/swagger';
import { booleen, entier, nombre, objet, texte, uuid } from '../common/openapi';
import { Transform } from 'class-transformer';
import { IsOptional } from 'class-validator';
import { TYPOLOGIES, type Typologie } from '@aiguillage/engine';
import { BOOLEEN, IsInsee, OptionalEnum, OptionalUuid } from '@aiguillage/core';
import { PaginationQueryDto, toBoolean } from '../common/dto';

export class ProgrammeQueryDto {
  @OptionalUuid()
  bailleurId?: string;

  @ApiPropertyOptional({ description: 'Code INSEE' })
  @IsOptional()
  @IsInsee()
  commune?: string;
}

/** The programmes' filters (bailleur, commune), paginated, and the flats' own. */
export class LogementQueryDto extends IntersectionType(PaginationQueryDto, ProgrammeQueryDto) {
  @ApiPropertyOptional()
  @IsOptional()
  @Transform(toBoolean)
  @BOOLEEN
  qpv?: boolean;

  @OptionalEnum(TYPOLOGIES)
  typologie?: Typologie;

  @OptionalUuid()
  programmeId?: string;
}

// Answers (OpenAPI schemas)

export const PROGRAMME_SCHEMA = objet('Un programme', {
  id: uuid,
  bailleurId: uuid,
  nom: texte,
  commune: texte,
  anneeLivraison: entier,
});

export const LOGEMENT_SCHEMA = objet('Un logement', {
  id: uuid,
  rplsId: texte,
  bailleurId: uuid,
  programmeId: uuid,
  commune: texte,
  departement: texte,
  qpv: booleen,
  typologie: texte,
  financement: texte,
  surfaceM2: nombre,
});

import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { IsDepartement, IsJour, OptionalUuid } from '@aiguillage/core';
import { liste, objet, texte, uuid } from '../common/openapi';

export class ConventionQueryDto {
  @OptionalUuid() bailleurId?: string;
  @OptionalUuid() reservataireId?: string;
  @ApiPropertyOptional() @IsOptional() @IsDepartement() departement?: string;
  @ApiPropertyOptional({ description: 'Conventions valides ce jour (AAAA-MM-JJ)' })
  @IsOptional()
  @IsJour()
  valideLe?: string;
}

// Answers (OpenAPI schemas)

export const RESERVATAIRE_SCHEMA = objet('Un réservataire et son territoire', {
  id: uuid,
  code: texte,
  nom: texte,
  kind: texte,
  territoire: objet('Son territoire'),
});

export const CONVENTION_SCHEMA = objet(
  'Une convention de réservation : sa cible, son décompte, sa délégation, ses engagements et sous-quotas',
  {
    id: uuid,
    bailleurId: uuid,
    reservataireId: uuid,
    departement: texte,
    reference: texte,
    cible: objet('TAUX (taux) ou DROITS_UNIQUES (nombre, annees)'),
    decompte: objet('Le mode de décompte'),
    delegation: texte,
    engagements: objet('Les engagements'),
    sousQuotas: liste(objet('Un sous-quota')),
  },
);

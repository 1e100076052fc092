import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { IsJour, OptionalUuid } from '@aiguillage/core';
import { PaginationQueryDto } from '../common/dto';
import {
  DESTINATION_SCHEMA,
  booleen,
  entier,
  instant,
  jour,
  liste,
  nombre,
  objet,
  texte,
  uuid,
} from '../common/openapi';

export class LiberationQueryDto extends PaginationQueryDto {
  @OptionalUuid() bailleurId?: string;
  @ApiPropertyOptional({ description: 'Depuis (AAAA-MM-JJ, inclus)' }) @IsOptional() @IsJour() from?: string;
  @ApiPropertyOptional({ description: "Jusqu'au (AAAA-MM-JJ, inclus)" }) @IsOptional() @IsJour() to?: string;
  @OptionalUuid() logementId?: string;
}

// Answers (OpenAPI schemas of the use cases' views)

export const LIBERATION_SCHEMA = objet('Une libération', {
  id: uuid,
  logementId: uuid,
  bailleurId: uuid,
  date: jour,
  motif: texte,
  kind: texte,
});

export const RECOMMENDATION_SCHEMA = objet(
  'La recommandation : la destination recommandée et chaque option, classée, avec ses règles respectées et enfreintes',
  {
    id: uuid,
    liberationId: uuid,
    inputsVersion: texte,
    recommandee: DESTINATION_SCHEMA,
    options: liste(
      objet('Une option : destination, score, éligibilité, raisons', {
        destination: DESTINATION_SCHEMA,
        libelle: texte,
        score: nombre,
        eligible: booleen,
        satisfies: liste(objet('Une règle respectée')),
        violates: liste(objet('Une règle enfreinte')),
        raisons: liste(texte),
      }),
    ),
    createdAt: instant,
  },
);

export const LIBERATION_RESULT_SCHEMA = objet('La libération déclarée et sa recommandation', {
  created: { type: 'boolean', description: 'Faux quand la libération était déjà déclarée : rien n’est créé' },
  liberation: LIBERATION_SCHEMA,
  recommendation: RECOMMENDATION_SCHEMA,
});

export const RECALCUL_SCHEMA = objet('La recommandation recalculée, ou la dernière quand elle était à jour', {
  recalculee: {
    type: 'boolean',
    description: 'Faux quand la dernière recommandation était déjà calculée sur l’état actuel : rien n’est recalculé',
  },
  recommendation: RECOMMENDATION_SCHEMA,
});

export const LIBERATION_BATCH_RESULT_SCHEMA = objet('Le lot déclaré', {
  crees: entier,
  existantes: entier,
  resultats: liste(LIBERATION_RESULT_SCHEMA),
});

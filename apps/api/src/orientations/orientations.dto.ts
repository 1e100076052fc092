import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsIn, IsObject, IsOptional, IsString, IsUUID, MaxLength, ValidateNested } from 'class-validator';
import { OVERRIDE_REASONS, OVERRIDE_STATUSES, type OverrideReason, type OverrideStatus } from '@aiguillage/persistence';
import { ListeFluxQueryDto, OptionalEnum, OptionalUuid } from '../common/dto';
import { DESTINATION_SCHEMA, booleen, instant, liste, objet, texte, uuid } from '../common/openapi';

export class DestinationDto {
  @ApiProperty({ enum: ['CONVENTION', 'EXCLU', 'BAILLEUR'] })
  @IsIn(['CONVENTION', 'EXCLU', 'BAILLEUR'])
  kind: 'CONVENTION' | 'EXCLU' | 'BAILLEUR';

  @OptionalUuid({ format: 'uuid', description: 'Obligatoire pour CONVENTION' })
  conventionId?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(32)
  sousQuota?: string;

  @ApiPropertyOptional({ enum: ['MUTATION', 'NPNRU', 'ORCOD', 'LHI'], description: 'Obligatoire pour EXCLU' })
  @IsOptional()
  @IsIn(['MUTATION', 'NPNRU', 'ORCOD', 'LHI'])
  usage?: 'MUTATION' | 'NPNRU' | 'ORCOD' | 'LHI';
}

export class DecisionDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  liberationId: string;

  @ApiPropertyOptional({
    format: 'uuid',
    description: 'La recommandation sur laquelle porte la décision (par défaut la plus récente)',
  })
  @IsOptional()
  @IsUUID()
  recommendationId?: string;

  @ApiPropertyOptional({ type: DestinationDto, description: 'Absente : la recommandation est acceptée' })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => DestinationDto)
  destination?: DestinationDto;

  @OptionalEnum(OVERRIDE_REASONS, { description: 'Obligatoire pour une dérogation' })
  motif?: OverrideReason;

  @ApiPropertyOptional({ maxLength: 2000 })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  commentaire?: string;
}

export class OverrideStepDto {
  @ApiPropertyOptional({ maxLength: 2000 })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  commentaire?: string;
}

export class PolitiqueDerogationDto {
  @ApiProperty({ description: 'Toute dérogation attend un responsable' })
  @IsBoolean()
  toujours: boolean;

  @ApiProperty({ description: 'Approbation quand la dérogation éloigne une convention de sa cible' })
  @IsBoolean()
  ecartCible: boolean;

  @ApiProperty({ description: 'Approbation quand la destination enfreint une règle souple' })
  @IsBoolean()
  regleSouple: boolean;
}

export class OverridesQueryDto extends ListeFluxQueryDto {
  @OptionalEnum(OVERRIDE_STATUSES, { description: 'Statut courant de la demande (sa dernière étape)' })
  status?: OverrideStatus;
}

// Answers (OpenAPI schemas of the use cases' views)

export const DECISION_RESULT_SCHEMA = objet(
  'La décision (DECIDEE) ou la dérogation en attente d’un responsable (EN_ATTENTE_APPROBATION, avec ses motifs)',
  {
    status: { type: 'string', enum: ['DECIDEE', 'EN_ATTENTE_APPROBATION'] },
    liberationId: uuid,
    destination: DESTINATION_SCHEMA,
    isOverride: booleen,
    decisionId: uuid,
    overrideRequestId: uuid,
    propositionId: uuid,
    delaiExpireAt: instant,
    motifsApprobation: liste(texte),
  },
);

export const OVERRIDE_STEP_SCHEMA = objet('Une étape d’une demande de dérogation', {
  status: { type: 'string', enum: [...OVERRIDE_STATUSES] },
  actorId: uuid,
  comment: texte,
  createdAt: instant,
});

export const OVERRIDE_RESUME_SCHEMA = objet('Une demande de dérogation et son statut courant', {
  id: uuid,
  liberationId: uuid,
  logementId: uuid,
  destination: DESTINATION_SCHEMA,
  reason: { type: 'string', enum: [...OVERRIDE_REASONS] },
  comment: texte,
  requestedBy: uuid,
  requestedByNom: texte,
  createdAt: instant,
  status: { type: 'string', enum: [...OVERRIDE_STATUSES] },
});

export const POLITIQUE_SCHEMA = objet('Quand une dérogation attend l’approbation d’un responsable', {
  toujours: booleen,
  ecartCible: booleen,
  regleSouple: booleen,
});

import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { LIBERATION_KINDS, MOTIFS_LIBERATION, type LiberationKind, type MotifLiberation } from '@aiguillage/engine';
import { CAL_DECISIONS, OVERRIDE_REASONS, type CalDecisionKind, type OverrideReason } from '@aiguillage/persistence';
import { MAX_BATCH } from '@aiguillage/core/liberations';
import { BOOLEEN, IsJour } from '../common/dto';

export class LiberationDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  logementId: string;

  @ApiProperty({ example: '2026-03-14' })
  @IsJour()
  date: string;

  @ApiProperty({ enum: MOTIFS_LIBERATION })
  @IsIn(MOTIFS_LIBERATION)
  motif: MotifLiberation;

  @ApiPropertyOptional({ enum: LIBERATION_KINDS, default: 'ROTATION' })
  @IsOptional()
  @IsIn(LIBERATION_KINDS)
  kind?: LiberationKind;
}

export class LiberationBatchDto {
  @ApiProperty({ type: [LiberationDto], maxItems: MAX_BATCH })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_BATCH)
  @ValidateNested({ each: true })
  @Type(() => LiberationDto)
  liberations: LiberationDto[];
}

export class DestinationDto {
  @ApiProperty({ enum: ['CONVENTION', 'EXCLU', 'BAILLEUR'] })
  @IsIn(['CONVENTION', 'EXCLU', 'BAILLEUR'])
  kind: 'CONVENTION' | 'EXCLU' | 'BAILLEUR';

  @ApiPropertyOptional({ format: 'uuid', description: 'Obligatoire pour CONVENTION' })
  @IsOptional()
  @IsUUID()
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

  @ApiPropertyOptional({ format: 'uuid', description: 'La recommandation sur laquelle porte la décision (par défaut la plus récente)' })
  @IsOptional()
  @IsUUID()
  recommendationId?: string;

  @ApiPropertyOptional({ type: DestinationDto, description: 'Absente : la recommandation est acceptée' })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => DestinationDto)
  destination?: DestinationDto;

  @ApiPropertyOptional({ enum: OVERRIDE_REASONS, description: 'Obligatoire pour une dérogation' })
  @IsOptional()
  @IsIn(OVERRIDE_REASONS)
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

export class CandidatDto {
  @ApiProperty({ description: 'Numéro unique SNE de la demande' })
  @IsString()
  @MinLength(1)
  @MaxLength(32)
  numeroSne: string;

  @ApiProperty({ minimum: 1 })
  @IsInt()
  @Min(1)
  @Max(99)
  rang: number;

  @ApiProperty({ minimum: 1 })
  @IsInt()
  @Min(1)
  @Max(20)
  tailleMenage: number;

  @ApiProperty({ enum: [1, 2, 3, 4] })
  @IsIn([1, 2, 3, 4])
  quartile: 1 | 2 | 3 | 4;

  @ApiProperty()
  @BOOLEEN
  prioritaire: boolean;
}

export class CandidatsDto {
  @ApiProperty({ type: [CandidatDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => CandidatDto)
  candidats: CandidatDto[];
}

export class CalDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  candidatId: string;

  @ApiProperty({ enum: CAL_DECISIONS })
  @IsIn(CAL_DECISIONS)
  decision: CalDecisionKind;

  @ApiPropertyOptional({ minimum: 1, description: "Rang de l'attribution (1 : le logement revient à ce candidat s'il accepte)" })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(99)
  rang?: number;

  @ApiProperty({ example: '2026-04-02' })
  @IsJour()
  dateCal: string;
}

export class CandidatRefDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  candidatId: string;
}

export class DeclinDto {
  @ApiProperty({ description: 'Pourquoi le réservataire décline le logement (suivi des refus abusifs)', example: 'Typologie sans demandeur sur la commune' })
  @IsString()
  @MinLength(1)
  @MaxLength(500)
  motif: string;
}

export class BailDto extends CandidatRefDto {
  @ApiProperty({ example: '2026-04-20' })
  @IsJour()
  signedAt: string;
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

import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsNumber, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';
import { FINANCEMENTS, TYPOLOGIES, type Financement, type Typologie } from '@aiguillage/engine';
import { HORS_ASSIETTE } from '@aiguillage/persistence';
import {
  BOOLEEN,
  IsDepartement,
  IsEntier,
  IsInsee,
  OptionalEnum,
  OptionalUuid,
} from '../platform/validation/decorateurs';

/**
 * The patrimoine's commands, validated once when created (the API's ValidationPipe): `PatrimoineService`
 * checks only what needs the database (the RPLS id is new, the programme is the bailleur's).
 */

/** The optional characteristics of a flat, shared by creation and update. */
export class CaracteristiquesLogement {
  @OptionalUuid()
  programmeId?: string | null;

  @ApiPropertyOptional({ description: 'SIREN de l’EPCI' })
  @IsOptional()
  @Matches(/^\d{9}$/, { message: 'doit être un SIREN à 9 chiffres' })
  epci?: string | null;

  @ApiPropertyOptional({ example: 'QN06901M' })
  @IsOptional()
  @IsString()
  @MaxLength(16)
  qpvCode?: string | null;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(8)
  financementCode?: string | null;

  @ApiPropertyOptional()
  @IsOptional()
  @IsEntier(1800, 2100)
  anneeConstruction?: number | null;

  @ApiPropertyOptional()
  @IsOptional()
  @IsEntier(-5, 100)
  etage?: number | null;

  @ApiPropertyOptional()
  @IsOptional()
  @BOOLEEN
  ascenseur?: boolean | null;

  @ApiPropertyOptional()
  @IsOptional()
  @BOOLEEN
  pmr?: boolean | null;

  @ApiPropertyOptional()
  @IsOptional()
  @IsNumber()
  @Min(1)
  @Max(1000)
  surfaceM2?: number | null;

  @ApiPropertyOptional({ description: 'Loyer mensuel hors charges, en centimes' })
  @IsOptional()
  @IsEntier(0)
  loyerCentimes?: number | null;

  @ApiPropertyOptional()
  @IsOptional()
  @BOOLEEN
  stockDefense?: boolean;

  @OptionalEnum(HORS_ASSIETTE)
  horsAssiette?: (typeof HORS_ASSIETTE)[number] | null;

  @OptionalUuid()
  ancienReservataireId?: string | null;
}

/** A new flat: where it is and what it is are required. */
export class CreerLogement extends CaracteristiquesLogement {
  @ApiProperty({ description: 'Identifiant RPLS (unique)' })
  @IsString()
  @MinLength(1)
  @MaxLength(32)
  rplsId: string;

  @ApiProperty()
  @IsUUID()
  bailleurId: string;

  @ApiProperty({ description: 'Code INSEE' })
  @IsInsee()
  commune: string;

  @ApiProperty()
  @IsDepartement()
  departement: string;

  @ApiProperty()
  @BOOLEEN
  qpv: boolean;

  @ApiProperty({ enum: TYPOLOGIES })
  @IsIn(TYPOLOGIES)
  typologie: Typologie;

  @ApiProperty({ enum: FINANCEMENTS })
  @IsIn(FINANCEMENTS)
  financement: Financement;
}

/** Changes to a flat (RPLS id and bailleur are fixed once created). */
export class ModifierLogement extends CaracteristiquesLogement {
  @ApiPropertyOptional({ description: 'Code INSEE' })
  @IsOptional()
  @IsInsee()
  commune?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsDepartement()
  departement?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @BOOLEEN
  qpv?: boolean;

  @OptionalEnum(TYPOLOGIES)
  typologie?: Typologie;

  @OptionalEnum(FINANCEMENTS)
  financement?: Financement;
}

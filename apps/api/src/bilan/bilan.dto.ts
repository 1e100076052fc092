import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, MaxLength, MinLength, ValidateIf } from 'class-validator';
import {
  DIMENSIONS,
  INDICATEURS,
  PERIMETRES,
  type Dimension,
  type Indicateur,
  type TypePerimetre,
} from '@aiguillage/core/bilan';
import { IsAnnee, IsDepartement, IsEntier, ListeDe, OptionalUuid } from '@aiguillage/core';
import { AnneeQuery } from '../common/dto';

export class PeriodeDto {
  @ApiProperty({ example: '1949-1974' })
  @IsString()
  @MinLength(1)
  @MaxLength(40)
  libelle: string;

  @ApiProperty({ nullable: true, example: 1949 })
  @ValidateIf((_, v) => v !== null)
  @IsEntier(1000, 2100)
  debut: number | null;

  @ApiProperty({ nullable: true, example: 1974 })
  @ValidateIf((_, v) => v !== null)
  @IsEntier(1000, 2100)
  fin: number | null;
}

export class GenererBilanDto {
  @ApiProperty()
  @IsUUID()
  bailleurId: string;

  @ApiProperty({ example: '93' })
  @IsDepartement()
  departement: string;

  @ApiProperty({ example: 2025 })
  @IsAnnee()
  annee: number;

  @ApiPropertyOptional({
    description: 'Texte de couverture du bailleur pour les PDF (une lettre par défaut sinon)',
    maxLength: 4000,
  })
  @IsOptional()
  @IsString()
  @MaxLength(4000)
  texteCouverture?: string;

  @ApiPropertyOptional({
    type: [PeriodeDto],
    description:
      'Périodes de construction des répartitions (par défaut : avant 1949, 1949-1974, 1975-1989, 1990-2004, 2005-2014, depuis 2015)',
  })
  @IsOptional()
  @ListeDe(() => PeriodeDto, 20)
  periodes?: PeriodeDto[];
}

export class BilansQueryDto {
  @OptionalUuid()
  bailleurId?: string;

  @AnneeQuery({ example: 2025 })
  annee?: number;
}

export const FORMATS = ['xlsx', 'csv', 'pdf'] as const;

export class DetailQueryDto {
  @ApiProperty({ enum: PERIMETRES })
  @IsIn(PERIMETRES, { message: `doit valoir ${PERIMETRES.join(', ')}` })
  perimetre: TypePerimetre;

  @ApiPropertyOptional({ description: 'Convention, réservataire ou EPCI (SIREN) selon le périmètre' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  id?: string;

  @ApiProperty({ enum: INDICATEURS })
  @IsIn(INDICATEURS, { message: `doit valoir l'un de : ${INDICATEURS.join(', ')}` })
  indicateur: Indicateur;

  @ApiPropertyOptional({ enum: DIMENSIONS })
  @IsOptional()
  @IsIn(DIMENSIONS, { message: `doit valoir ${DIMENSIONS.join(', ')}` })
  dimension?: Dimension;

  @ApiPropertyOptional({ description: 'Valeur de la répartition (T3, PLAI, QPV, code INSEE, libellé de période)' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  valeur?: string;
}

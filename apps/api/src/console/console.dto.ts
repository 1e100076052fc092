import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min, MinLength } from 'class-validator';
import { BOOLEEN } from '@aiguillage/core';
import { paginationQuery, toBoolean } from '../common/dto';
import { STATUTS_LIBERATION, type StatutLiberation } from './console.types';

export class ListeLiberationsQueryDto extends paginationQuery(500, 50) {
  @ApiPropertyOptional({
    enum: STATUTS_LIBERATION,
    default: 'A_ORIENTER',
    description: 'à orienter, en attente d’approbation, décidée',
  })
  @IsOptional()
  @IsIn(STATUTS_LIBERATION, { message: `doit être l'une des valeurs : ${STATUTS_LIBERATION.join(', ')}` })
  statut?: StatutLiberation;

  @ApiPropertyOptional({ description: 'Décidées : seulement les dérogations (true)' })
  @IsOptional()
  @Transform(toBoolean)
  @BOOLEEN
  derogations?: boolean;
}

export class RechercheLogementsQueryDto {
  @ApiProperty({
    description: 'Identifiant RPLS (début), nom de commune ou de résidence (partie)',
    example: 'Montargis',
  })
  @IsString({ message: 'doit être un texte' })
  @MinLength(2, { message: 'doit contenir au moins 2 caractères' })
  @MaxLength(100, { message: 'doit contenir au plus 100 caractères' })
  q: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 50, default: 20 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'doit être un nombre entier' })
  @Min(1, { message: 'doit être au moins 1' })
  @Max(50, { message: 'doit être au plus 50' })
  limit?: number;
}

export class DerogationsQueryDto extends paginationQuery(500, 50) {
  @ApiPropertyOptional({ enum: ['PENDING', 'TRAITEES'], default: 'PENDING' })
  @IsOptional()
  @IsIn(['PENDING', 'TRAITEES'], { message: "doit être l'une des valeurs : PENDING, TRAITEES" })
  statut?: 'PENDING' | 'TRAITEES';
}

import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsNumber, IsOptional, IsUUID, Max, Min, ValidateNested } from 'class-validator';
import { ListeDe } from '@aiguillage/core';

export class ProposerActualisationDto {
  @ApiProperty({ description: 'Instantané du bilan de l’année close' })
  @IsUUID()
  snapshotId: string;
}

export class ExclusionsDto {
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(0) mutations?: number;
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(0) npnru?: number;
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(0) orcod?: number;
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(0) lhi?: number;
}

export class ObjectifSaisiDto {
  @ApiProperty() @IsUUID() conventionId: string;
  @ApiProperty() @IsInt() @Min(0) objectif: number;
}

export class ModifierActualisationDto {
  @ApiPropertyOptional({ example: 0.085, description: 'Taux de rotation retenu (fraction)' })
  @IsOptional()
  @IsNumber()
  @Min(0)
  @Max(1)
  tauxRotation?: number;

  @ApiPropertyOptional({ type: ExclusionsDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => ExclusionsDto)
  exclusions?: ExclusionsDto;

  @ApiPropertyOptional({ type: [ObjectifSaisiDto] })
  @IsOptional()
  @ListeDe(() => ObjectifSaisiDto, 1000)
  objectifs?: ObjectifSaisiDto[];
}

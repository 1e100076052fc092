import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDefined, IsIn, IsInt, IsNumber, IsObject, Max, Min, ValidateIf, ValidateNested } from 'class-validator';
import { IsEntier } from '@aiguillage/core';

const complet = (o: AssietteDto) => o.fluxBrut === undefined && o.exclusions === undefined;

export class RelogementsDto {
  @ApiProperty({ example: 25 }) @IsInt() @Min(0) npnru: number;
  @ApiProperty({ example: 3 }) @IsInt() @Min(0) orcod: number;
  @ApiProperty({ example: 2 }) @IsInt() @Min(0) lhi: number;
}

/**
 * Either the full assiette (patrimoine, retraits, rotation, exclusions) or the direct form
 * `{ fluxBrut, exclusions }` (flats let in the year and flats excluded).
 */
export class AssietteDto {
  @ApiPropertyOptional({ example: 10000 }) @ValidateIf(complet) @IsDefined() @IsInt() @Min(0) logements?: number;
  @ApiPropertyOptional({ example: 120 }) @ValidateIf(complet) @IsDefined() @IsInt() @Min(0) stockDefense?: number;
  @ApiPropertyOptional({ example: 60 }) @ValidateIf(complet) @IsDefined() @IsInt() @Min(0) plansVente?: number;
  @ApiPropertyOptional({ example: 45 }) @ValidateIf(complet) @IsDefined() @IsInt() @Min(0) demolitions?: number;
  @ApiPropertyOptional({ example: 0.083, description: 'Taux de rotation prévisionnel (fraction)' })
  @ValidateIf(complet)
  @IsDefined()
  @IsNumber()
  @Min(0)
  @Max(1)
  tauxRotation?: number;
  @ApiPropertyOptional({ example: 90 }) @ValidateIf(complet) @IsDefined() @IsInt() @Min(0) mutations?: number;
  @ApiPropertyOptional({ type: RelogementsDto })
  @ValidateIf(complet)
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => RelogementsDto)
  relogements?: RelogementsDto;

  @ApiPropertyOptional({ example: 1000, description: 'Forme directe : logements loués dans l’année' })
  @ValidateIf((o: AssietteDto) => !complet(o))
  @IsDefined()
  @IsEntier(0)
  fluxBrut?: number;
  @ApiPropertyOptional({ example: 350, description: 'Forme directe : logements exclus du flux' })
  @ValidateIf((o: AssietteDto) => !complet(o))
  @IsDefined()
  @IsEntier(0)
  exclusions?: number;
}

export class AssietteResultDto {
  @ApiProperty({ nullable: true, type: Number, description: 'Patrimoine sous flux (null en forme directe)' })
  patrimoineFlux: number | null;
  @ApiProperty() fluxBrut: number;
  @ApiProperty() fluxARepartir: number;
}

const scenario =
  (...s: number[]) =>
  (o: ConversionDto) =>
    s.includes(o.scenario);

/** The inputs of one of the four conversion scenarios of the guide (rates are fractions). */
export class ConversionDto {
  @ApiProperty({ enum: [1, 2, 3, 4] }) @IsIn([1, 2, 3, 4]) scenario: number;

  @ApiPropertyOptional({ example: 1400, description: 'Scénarios 1, 2, 3' })
  @ValidateIf(scenario(1, 2, 3))
  @IsDefined()
  @IsNumber()
  @Min(0)
  droitsDeSuite?: number;
  @ApiPropertyOptional({ example: 100, description: 'Scénarios 1, 2' })
  @ValidateIf(scenario(1, 2))
  @IsDefined()
  @IsNumber()
  @Min(0)
  droitsUniquesAnnuels?: number;
  @ApiPropertyOptional({ example: 10000, description: 'Scénarios 1, 2' })
  @ValidateIf(scenario(1, 2))
  @IsDefined()
  @IsNumber()
  @Min(1)
  patrimoine?: number;
  @ApiPropertyOptional({ example: 0.2, description: 'Scénario 2' })
  @ValidateIf(scenario(2))
  @IsDefined()
  @IsNumber()
  @Min(0)
  @Max(1)
  rotationContingent?: number;
  @ApiPropertyOptional({ example: 0.1, description: 'Scénario 2' })
  @ValidateIf(scenario(2))
  @IsDefined()
  @IsNumber()
  @Min(0)
  @Max(1)
  rotationMoyenne?: number;
  @ApiPropertyOptional({ example: 0.1, description: 'Scénario 3' })
  @ValidateIf(scenario(3))
  @IsDefined()
  @IsNumber()
  @Min(0)
  @Max(1)
  rotation?: number;
  @ApiPropertyOptional({ example: 20, description: 'Scénario 3' })
  @ValidateIf(scenario(3))
  @IsDefined()
  @IsNumber()
  @Min(0)
  dureeRestanteAnnees?: number;
  @ApiPropertyOptional({ example: 1000, description: 'Scénario 3' })
  @ValidateIf(scenario(3))
  @IsDefined()
  @IsNumber()
  @Min(1)
  fluxAnnuelProposable?: number;
  @ApiPropertyOptional({ example: 150, description: 'Scénario 4' })
  @ValidateIf(scenario(4))
  @IsDefined()
  @IsNumber()
  @Min(0)
  droitsEnPropositions?: number;
  @ApiPropertyOptional({ example: 100, description: 'Scénario 4' })
  @ValidateIf(scenario(4))
  @IsDefined()
  @IsNumber()
  @Min(0)
  besoinPropositions?: number;
  @ApiPropertyOptional({ example: 1000, description: 'Scénario 4' })
  @ValidateIf(scenario(4))
  @IsDefined()
  @IsNumber()
  @Min(1)
  fluxAnnuel?: number;
}

export class ConversionResultDto {
  @ApiProperty({ example: 0.15, description: 'Part du flux annuel (fraction)' }) taux: number;
  @ApiPropertyOptional({ description: 'Scénario 3 : droits uniques obtenus' }) droitsUniques?: number;
  @ApiPropertyOptional({ description: 'Scénario 3 : droits uniques par an' }) parAn?: number;
}

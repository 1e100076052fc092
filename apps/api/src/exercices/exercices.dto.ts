import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsDefined, IsInt, IsNumber, IsOptional, IsString, IsUUID, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { IsDepartement } from '../common/dto';

const Nombre = () => (target: object, key: string | symbol) => {
  ApiProperty()(target, key);
  IsInt()(target, key);
  Min(0)(target, key);
};

export class RelogementsDto {
  @Nombre() npnru: number;
  @Nombre() orcod: number;
  @Nombre() lhi: number;
}

/** The inputs of the assiette (counts of flats, forecast turnover as a fraction). */
export class AssietteInputDto {
  @Nombre() logements: number;
  @Nombre() stockDefense: number;
  @Nombre() plansVente: number;
  @Nombre() demolitions: number;

  @ApiProperty({ example: 0.09 })
  @IsNumber()
  @Min(0)
  @Max(1)
  tauxRotation: number;

  @Nombre() mutations: number;

  @ApiProperty({ type: RelogementsDto })
  @IsDefined()
  @ValidateNested()
  @Type(() => RelogementsDto)
  relogements: RelogementsDto;
}

export class ObjectifDto {
  @ApiProperty() @IsUUID() conventionId: string;
  @ApiProperty({ description: 'Logements dus cette année, déficit reporté inclus' }) @IsInt() @Min(0) objectif: number;

  @ApiPropertyOptional({ description: "Motif d'un objectif saisi différent de l'objectif calculé (obligatoire alors)" })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  motif?: string;
}

export class ExerciceDto {
  @ApiProperty() @IsUUID() bailleurId: string;
  @ApiProperty({ example: '69' }) @IsDepartement() departement: string;
  @ApiProperty({ example: 2026 }) @IsInt() @Min(2000) @Max(2100) annee: number;

  @ApiProperty({ type: AssietteInputDto })
  @IsDefined()
  @ValidateNested()
  @Type(() => AssietteInputDto)
  assiette: AssietteInputDto;

  @ApiProperty({ description: 'Flux annuel à répartir, en logements' }) @IsInt() @Min(0) fluxARepartir: number;

  @ApiPropertyOptional({ description: "Motif d'un flux saisi différent de celui que donne l'assiette (obligatoire alors)" })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  fluxARepartirMotif?: string;

  @ApiProperty({ type: [Number], description: '12 parts mensuelles des libérations (somme 1)' })
  @IsArray()
  @ArrayMinSize(12)
  @ArrayMaxSize(12)
  @IsNumber({}, { each: true })
  @Min(0, { each: true })
  @Max(1, { each: true })
  saisonnalite: number[];

  @ApiProperty({ type: [ObjectifDto] })
  @IsArray()
  @ArrayMaxSize(10000)
  @ValidateNested({ each: true })
  @Type(() => ObjectifDto)
  objectifs: ObjectifDto[];
}

export class DroitsNouveauxDto {
  @ApiProperty() @IsUUID() conventionId: string;
  @ApiProperty({ description: 'Droits uniques des programmes neufs ajoutés à la réserve de la convention' }) @IsInt() @Min(0) @Max(100000) nombre: number;
}

/** The closing of a year: new programmes' one-turn rights added to droits-uniques pools (optional). */
export class ClotureDto {
  @ApiPropertyOptional({ type: [DroitsNouveauxDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(1000)
  @ValidateNested({ each: true })
  @Type(() => DroitsNouveauxDto)
  droitsNouveaux?: DroitsNouveauxDto[];
}

export class ExerciceQueryDto {
  @ApiPropertyOptional() @IsOptional() @IsUUID() bailleurId?: string;
  @ApiPropertyOptional() @IsOptional() @Type(() => Number) @IsInt() @Min(2000) @Max(2100) annee?: number;
}

import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { liste, objet, texte, uuid } from '../common/openapi';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsDefined,
  IsIn,
  IsNumber,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import {
  ACTIONS_CORRECTIVES,
  CONTREPARTIES,
  DECOMPTE_MODES,
  DELEGATION_MODES,
  RESERVATAIRE_KINDS,
  type ActionCorrective,
  type Cible,
  type Contrepartie,
  type DecompteMode,
  type DelegationMode,
  type ReservataireKind,
} from '@aiguillage/engine';
import type { ConventionInput } from '@aiguillage/persistence';
import { BOOLEEN, IsAnnee, IsDepartement, IsEntier, IsInsee, IsJour, ListeDe, OptionalUuid } from '@aiguillage/core';

/** A share of the flux: a fraction between 0 and 1. */
const Taux = () => (target: object, key: string | symbol) => {
  IsNumber()(target, key);
  Min(0)(target, key);
  Max(1)(target, key);
};

export class TerritoireDto {
  @ApiProperty({ example: '69' })
  @IsDepartement()
  departement: string;

  @ApiPropertyOptional({ type: [String], description: 'Codes INSEE' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(1000)
  @IsInsee(true)
  communes?: string[];

  @ApiPropertyOptional({ type: [String], description: 'SIREN des EPCI' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @Matches(/^\d{9}$/, { each: true, message: 'doit contenir des SIREN à 9 chiffres' })
  epcis?: string[];
}

export class CibleDto {
  @ApiProperty({ enum: ['TAUX', 'DROITS_UNIQUES'] })
  @IsIn(['TAUX', 'DROITS_UNIQUES'])
  type: Cible['type'];

  @ApiPropertyOptional({ description: 'Part du flux annuel (TAUX), ex. 0.25' })
  @ValidateIf((c: CibleDto) => c.type === 'TAUX')
  @Taux()
  taux?: number;

  @ApiPropertyOptional({ description: 'Nombre de droits uniques (DROITS_UNIQUES)' })
  @ValidateIf((c: CibleDto) => c.type === 'DROITS_UNIQUES')
  @IsEntier(1)
  nombre?: number;

  @ApiPropertyOptional({ description: 'Années sur lesquelles ils sont étalés (DROITS_UNIQUES)' })
  @ValidateIf((c: CibleDto) => c.type === 'DROITS_UNIQUES')
  @IsEntier(1, 99)
  annees?: number;
}

export class PoidsDecompteDto {
  @ApiProperty() @Taux() proposition: number;
  @ApiProperty() @Taux() attribution: number;
  @ApiProperty() @Taux() bail: number;
}

export class DecompteDto {
  @ApiProperty({ enum: DECOMPTE_MODES })
  @IsIn(DECOMPTE_MODES)
  mode: DecompteMode;

  @ApiPropertyOptional({ type: PoidsDecompteDto, description: 'Obligatoire en MIXTE (somme 1)' })
  @IsOptional()
  @ValidateNested()
  @Type(() => PoidsDecompteDto)
  poids?: PoidsDecompteDto;
}

export class DelegationDto {
  @ApiProperty({ enum: DELEGATION_MODES })
  @IsIn(DELEGATION_MODES)
  mode: DelegationMode;

  @ApiProperty({ example: 30 })
  @IsEntier(0, 365)
  delaiJours: number;

  @ApiProperty({ example: 3 })
  @IsEntier(1, 10)
  candidatsMax: number;

  @ApiPropertyOptional()
  @IsOptional()
  @Taux()
  partDeleguee?: number;

  @ApiProperty()
  @BOOLEEN
  retourCompte: boolean;
}

export class BornesTauxDto {
  @ApiPropertyOptional() @IsOptional() @Taux() min?: number;
  @ApiPropertyOptional() @IsOptional() @Taux() max?: number;
}

const Bornes = () => (target: object, key: string | symbol) => {
  ApiPropertyOptional({ type: BornesTauxDto })(target, key);
  IsOptional()(target, key);
  ValidateNested()(target, key);
  Type(() => BornesTauxDto)(target, key);
};

export class BornesTypologiesDto {
  @Bornes() T1?: BornesTauxDto;
  @Bornes() T2?: BornesTauxDto;
  @Bornes() T3?: BornesTauxDto;
  @Bornes() T4?: BornesTauxDto;
  @Bornes() T5?: BornesTauxDto;
  @Bornes() T6?: BornesTauxDto;
}

export class BornesFinancementsDto {
  @Bornes() PLAI?: BornesTauxDto;
  @Bornes() PLUS?: BornesTauxDto;
  @Bornes() PLS?: BornesTauxDto;
  @Bornes() PLI?: BornesTauxDto;
  @Bornes() AUTRE?: BornesTauxDto;
}

export class EngagementsDto {
  @Bornes() qpv?: BornesTauxDto;
  @Bornes() horsQpv?: BornesTauxDto;

  @ApiPropertyOptional({ type: BornesTypologiesDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => BornesTypologiesDto)
  typologies?: BornesTypologiesDto;

  @ApiPropertyOptional({ type: BornesFinancementsDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => BornesFinancementsDto)
  financements?: BornesFinancementsDto;

  @ApiPropertyOptional() @IsOptional() @Taux() q1HorsQpvMin?: number;
  @ApiPropertyOptional() @IsOptional() @Taux() q234QpvMin?: number;
  @ApiPropertyOptional() @IsOptional() @Taux() prioritairesMin?: number;

  @ApiPropertyOptional()
  @IsOptional()
  @BOOLEEN
  tauxUniformeParCommune?: boolean;
}

export class SousQuotaDto {
  @ApiProperty({ example: 'FONCTIONNAIRES' })
  @Matches(/^[A-Z0-9_]{1,32}$/, { message: 'doit être un code en majuscules (A-Z, 0-9, _), 32 caractères au plus' })
  code: string;

  @ApiProperty()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  libelle: string;

  @ApiProperty()
  @Taux()
  taux: number;
}

/** A convention, as created or replaced (PUT). Rates are fractions (0.25 for 25 %). */
export class ConventionDto {
  @ApiProperty() @IsUUID() bailleurId: string;
  @ApiProperty() @IsUUID() reservataireId: string;
  @ApiProperty({ example: '69' }) @IsDepartement() departement: string;

  @ApiPropertyOptional({ type: TerritoireDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => TerritoireDto)
  territoire?: TerritoireDto | null;

  @ApiProperty({ example: 'CONV-ALS-2026' })
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  reference: string;

  @ApiProperty({ type: CibleDto }) @IsDefined() @ValidateNested() @Type(() => CibleDto) cible: CibleDto;
  @ApiProperty({ type: DecompteDto }) @IsDefined() @ValidateNested() @Type(() => DecompteDto) decompte: DecompteDto;
  @ApiProperty({ type: DelegationDto })
  @IsDefined()
  @ValidateNested()
  @Type(() => DelegationDto)
  delegation: DelegationDto;
  @ApiProperty({ type: EngagementsDto })
  @IsDefined()
  @ValidateNested()
  @Type(() => EngagementsDto)
  engagements: EngagementsDto;

  @ApiProperty({ type: [SousQuotaDto] })
  @ListeDe(() => SousQuotaDto, 20)
  sousQuotas: SousQuotaDto[];

  @ApiProperty({ enum: CONTREPARTIES }) @IsIn(CONTREPARTIES) contrepartie: Contrepartie;
  @ApiProperty({ enum: ACTIONS_CORRECTIVES }) @IsIn(ACTIONS_CORRECTIVES) actionCorrective: ActionCorrective;

  @ApiPropertyOptional()
  @IsOptional()
  @IsEntier(1, 20)
  etalementAnnees?: number | null;

  @ApiProperty({ description: 'Logements dus des années précédentes (négatif : avance)' })
  @IsEntier(-100000, 100000)
  deficitReporte: number;

  @ApiPropertyOptional({
    description: 'Premier exercice où le déficit reporté est dû (par défaut : l’année de dateDebut)',
    example: 2027,
  })
  @IsOptional()
  @IsAnnee()
  deficitAnnee?: number | null;

  @ApiProperty() @BOOLEEN compteMutations: boolean;

  @ApiPropertyOptional({
    description:
      'Les premières mises en location des programmes neufs comptent pour la convention (par défaut : non, hors flux)',
  })
  @IsOptional()
  @BOOLEEN
  comptePremieresLocations?: boolean;

  @ApiPropertyOptional({
    description:
      'Motif d’un territoire hors règle (droits d’une commune ailleurs, territorialisation infra-départementale documentée)',
  })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  motifTerritoire?: string | null;
  @ApiProperty({ example: '2026-01-01' }) @IsJour() dateDebut: string;

  @ApiPropertyOptional({ example: '2028-12-31' })
  @IsOptional()
  @IsJour()
  dateFin?: string | null;

  @ApiPropertyOptional({
    example: '2026-06-01',
    description:
      "Remplacement (PUT) : date d'effet de la modification (par défaut : aujourd'hui). Ce qui a été compté avant reste compté ; ignorée à la création",
  })
  @IsOptional()
  @IsJour()
  dateEffet?: string;
}

/** DTO → the contract's `Convention` input (the cible union built from its type). */
export function toConventionInput(dto: ConventionDto): ConventionInput {
  const { cible, dateEffet: _dateEffet, ...rest } = dto;
  return {
    ...rest,
    territoire: dto.territoire ?? null,
    cible:
      cible.type === 'TAUX'
        ? { type: 'TAUX', taux: cible.taux! }
        : { type: 'DROITS_UNIQUES', nombre: cible.nombre!, annees: cible.annees! },
    dateFin: dto.dateFin ?? null,
    etalementAnnees: dto.etalementAnnees ?? null,
  };
}

export class ConventionQueryDto {
  @OptionalUuid() bailleurId?: string;
  @OptionalUuid() reservataireId?: string;
  @ApiPropertyOptional() @IsOptional() @IsDepartement() departement?: string;
  @ApiPropertyOptional({ description: 'Conventions valides ce jour (AAAA-MM-JJ)' })
  @IsOptional()
  @IsJour()
  valideLe?: string;
}

export class ReservataireDto {
  @ApiProperty({ example: 'ALS' })
  @Matches(/^[A-Z0-9_-]{1,40}$/, {
    message: 'doit être un code en majuscules (A-Z, 0-9, _ ou -), 40 caractères au plus',
  })
  code: string;

  @ApiProperty({ example: 'Action Logement Services' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  nom: string;

  @ApiProperty({ enum: RESERVATAIRE_KINDS }) @IsIn(RESERVATAIRE_KINDS) kind: ReservataireKind;

  @ApiProperty({ type: TerritoireDto })
  @IsDefined()
  @ValidateNested()
  @Type(() => TerritoireDto)
  territoire: TerritoireDto;
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

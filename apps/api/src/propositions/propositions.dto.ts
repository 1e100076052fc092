import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMinSize,
  IsIn,
  IsNumber,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import {
  CAL_DECISIONS,
  PROPOSITION_STATUSES,
  type CalDecisionKind,
  type PropositionStatus,
} from '@aiguillage/persistence';
import { BOOLEEN, IsEntier, IsJour, ListeDe, OptionalEnum, OptionalUuid } from '@aiguillage/core';
import { ListeFluxQueryDto } from '../common/dto';
import { booleen, entier, instant, jour, liste, objet, texte, uuid } from '../common/openapi';

export class PropositionsQueryDto extends ListeFluxQueryDto {
  @OptionalEnum(PROPOSITION_STATUSES, { description: 'Statut de la proposition' })
  status?: PropositionStatus;

  @OptionalUuid({ format: 'uuid', description: "Restreint aux propositions d'une convention" })
  conventionId?: string;
}

export class CandidatDto {
  @ApiProperty({ description: 'Numéro unique SNE de la demande' })
  @IsString()
  @MinLength(1)
  @MaxLength(32)
  numeroSne: string;

  @ApiProperty({ minimum: 1 })
  @IsEntier(1, 99)
  rang: number;

  @ApiProperty({ minimum: 1 })
  @IsEntier(1, 20)
  tailleMenage: number;

  @ApiPropertyOptional({
    enum: [1, 2, 3, 4],
    description: 'Quartile de ressources saisi ; obligatoire sans les ressources, sinon calculé (et comparé)',
  })
  @IsOptional()
  @IsIn([1, 2, 3, 4])
  quartile?: 1 | 2 | 3 | 4;

  @ApiPropertyOptional({
    minimum: 0,
    example: 1500,
    description: 'Ressources mensuelles du ménage en euros (non conservées) : le quartile en est calculé',
  })
  @IsOptional()
  @IsNumber({ maxDecimalPlaces: 2, allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(1_000_000)
  ressourcesMensuelles?: number;

  @ApiPropertyOptional({
    minimum: 0,
    description: 'Enfants de moins de 14 ans du ménage (unités de consommation), avec les ressources',
  })
  @IsOptional()
  @IsEntier(0, 19)
  enfantsMoins14?: number;

  @ApiProperty()
  @BOOLEEN
  prioritaire: boolean;
}

export class CandidatsDto {
  @ApiProperty({ type: [CandidatDto] })
  @ListeDe(() => CandidatDto, 20)
  @ArrayMinSize(1)
  candidats: CandidatDto[];
}

export class CalDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  candidatId: string;

  @ApiProperty({ enum: CAL_DECISIONS })
  @IsIn(CAL_DECISIONS)
  decision: CalDecisionKind;

  @ApiPropertyOptional({
    minimum: 1,
    description: "Rang de l'attribution (1 : le logement revient à ce candidat s'il accepte)",
  })
  @IsOptional()
  @IsEntier(1, 99)
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
  @ApiProperty({
    description: 'Pourquoi le réservataire décline le logement (suivi des refus abusifs)',
    example: 'Typologie sans demandeur sur la commune',
  })
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

// Answers (OpenAPI schemas of the use cases' views)

const statut = { type: 'string' as const, enum: [...PROPOSITION_STATUSES] };

export const PROPOSITION_SCHEMA = objet('Une proposition : son statut, ses candidats, son délai', {
  id: uuid,
  status: statut,
  conventionId: uuid,
  logementId: uuid,
  delaiExpireAt: instant,
  candidats: liste(
    objet('Un candidat', {
      id: uuid,
      numeroSne: texte,
      rang: entier,
      tailleMenage: entier,
      quartile: entier,
      prioritaire: booleen,
    }),
  ),
  joursVacance: { type: 'integer', nullable: true, description: 'Jours de vacance, de la libération au bail signé' },
  horsFlux: booleen,
});

export const PROPOSITION_RESUME_SCHEMA = objet('Une proposition dans la liste', {
  id: uuid,
  status: statut,
  conventionId: uuid,
  sousQuota: texte,
  logementId: uuid,
  commune: texte,
  typologie: texte,
  qpv: booleen,
  liberationId: uuid,
  dateLiberation: jour,
  sentAt: instant,
  delaiExpireAt: instant,
});

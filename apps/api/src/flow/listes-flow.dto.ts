import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { OVERRIDE_STATUSES, PROPOSITION_STATUSES, type OverrideStatus, type PropositionStatus } from '@aiguillage/persistence';
import { LISTE_LIMIT_DEFAUT, LISTE_LIMIT_MAX } from '@aiguillage/core/liberations';
import { paginationQuery } from '../common/dto';

/** `limit` / `offset` of the live flow's lists: capped at 500. */
export class ListeFluxQueryDto extends paginationQuery(LISTE_LIMIT_MAX, LISTE_LIMIT_DEFAUT) {}

export class PropositionsQueryDto extends ListeFluxQueryDto {
  @ApiPropertyOptional({ enum: PROPOSITION_STATUSES, description: 'Statut de la proposition' })
  @IsOptional()
  @IsIn(PROPOSITION_STATUSES)
  status?: PropositionStatus;

  @ApiPropertyOptional({ format: 'uuid', description: "Restreint aux propositions d'une convention" })
  @IsOptional()
  @IsUUID()
  conventionId?: string;
}

export class OverridesQueryDto extends ListeFluxQueryDto {
  @ApiPropertyOptional({ enum: OVERRIDE_STATUSES, description: 'Statut courant de la demande (sa dernière étape)' })
  @IsOptional()
  @IsIn(OVERRIDE_STATUSES)
  status?: OverrideStatus;
}

import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsUUID, Max, Min } from 'class-validator';
import { OVERRIDE_STATUSES, PROPOSITION_STATUSES, type OverrideStatus, type PropositionStatus } from '@aiguillage/persistence';
import { LISTE_LIMIT_DEFAUT, LISTE_LIMIT_MAX } from '@aiguillage/core/flow';

/**
 * `limit` / `offset` of the live flow's lists, validated as `PaginationQueryDto` does (query text
 * converted to numbers) but capped at 500. Not a subclass: the French reason of a failed `@Max` is
 * read from the first matching decorator, which would be the parent's.
 */
export class ListeFluxQueryDto {
  @ApiPropertyOptional({ minimum: 1, maximum: LISTE_LIMIT_MAX, default: LISTE_LIMIT_DEFAUT })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(LISTE_LIMIT_MAX)
  limit?: number;

  @ApiPropertyOptional({ minimum: 0, default: 0 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  offset?: number;
}

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

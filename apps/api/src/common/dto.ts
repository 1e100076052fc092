import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional, type ApiPropertyOptions } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { IsAnnee } from '@aiguillage/core';
import { LISTE_LIMIT_DEFAUT, LISTE_LIMIT_MAX } from '@aiguillage/core/liberations';

/** The query DTOs' shared parts (the field decorators of commands and DTOs live in libs/core/src/platform/validation). */

/** Query strings are text: "true"/"false" become booleans, anything else stays (and fails validation). */
export const toBoolean = ({ value }: { value: unknown }) =>
  value === 'true' ? true : value === 'false' ? false : value;

/**
 * `limit` / `offset` query parameters (text converted to numbers), `limit` capped at `max`. A class
 * per cap rather than a subclass overriding `@Max`: the French reason of a failed `@Max` is read
 * from the first matching decorator, which would be the parent's.
 */
export function paginationQuery(max: number, defaut: number) {
  class Pagination {
    @ApiPropertyOptional({ minimum: 1, maximum: max, default: defaut })
    @IsOptional()
    @Type(() => Number)
    @IsInt()
    @Min(1)
    @Max(max)
    limit?: number;

    @ApiPropertyOptional({ minimum: 0, maximum: Number.MAX_SAFE_INTEGER, default: 0 })
    @IsOptional()
    @Type(() => Number)
    @IsInt()
    @Min(0)
    @Max(Number.MAX_SAFE_INTEGER)
    offset?: number;
  }
  return Pagination;
}

export class PaginationQueryDto extends paginationQuery(1000, 100) {}

/** An optional `annee` query parameter (text converted to a number), from 2000 to 2100. */
export const AnneeQuery = (options: ApiPropertyOptions = {}) =>
  applyDecorators(
    ApiPropertyOptional(options),
    IsOptional(),
    Type(() => Number),
    IsAnnee(),
  );

/** `limit` / `offset` of the live flow's lists: capped at 500. */
export class ListeFluxQueryDto extends paginationQuery(LISTE_LIMIT_MAX, LISTE_LIMIT_DEFAUT) {}

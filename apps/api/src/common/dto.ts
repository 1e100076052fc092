import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional, type ApiPropertyOptions } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsUUID,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { LISTE_LIMIT_DEFAUT, LISTE_LIMIT_MAX } from '@aiguillage/core/liberations';

/** `YYYY-MM-DD`, the calendar day format of the whole API. */
export const JOUR = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
export const JOUR_MESSAGE = { message: 'doit être une date au format AAAA-MM-JJ' };
export const IsJour = () => Matches(JOUR, JOUR_MESSAGE);
export const INSEE = /^(\d{5}|2[AB]\d{3})$/;
export const IsInsee = (each = false) =>
  Matches(INSEE, { message: 'doit être un code INSEE de commune (5 caractères)', each });
export const IsDepartement = () =>
  Matches(/^(\d{2,3}|2[AB])$/, { message: 'doit être un code de département (ex. 69, 2A, 974)' });

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

/** A whole number from `min` (to `max`, when given). */
export const IsEntier = (min: number, max?: number) =>
  applyDecorators(IsInt(), Min(min), ...(max === undefined ? [] : [Max(max)]));

/** A year of exercice: a whole number from 2000 to 2100. */
export const IsAnnee = () => IsEntier(2000, 2100);

/** An optional value among `values` (documented as an enum). */
export const OptionalEnum = (values: readonly (string | number)[], options: ApiPropertyOptions = {}) =>
  applyDecorators(ApiPropertyOptional({ enum: values, ...options }), IsOptional(), IsIn(values));

/** An optional `annee` query parameter (text converted to a number), from 2000 to 2100. */
export const AnneeQuery = (options: ApiPropertyOptions = {}) =>
  applyDecorators(
    ApiPropertyOptional(options),
    IsOptional(),
    Type(() => Number),
    IsAnnee(),
  );

/** An optional identifier (a filter of a query, or a field that may be left out). */
export const OptionalUuid = (options: ApiPropertyOptions = {}) =>
  applyDecorators(ApiPropertyOptional(options), IsOptional(), IsUUID());

export const BOOLEEN = IsIn([true, false], { message: 'doit valoir true ou false' });

/** `limit` / `offset` of the live flow's lists: capped at 500. */
export class ListeFluxQueryDto extends paginationQuery(LISTE_LIMIT_MAX, LISTE_LIMIT_DEFAUT) {}

/** A list of at most `max` objects of the class `type()`, each validated. */
export const ListeDe = (type: () => new () => object, max: number) =>
  applyDecorators(IsArray(), ArrayMaxSize(max), ValidateNested({ each: true }), Type(type));

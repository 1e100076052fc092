import 'reflect-metadata';
import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional, type ApiPropertyOptions } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { estJour } from '@aiguillage/persistence';
import {
  ArrayMaxSize,
  IsArray,
  IsDefined,
  IsEmail,
  IsIn,
  IsInt,
  IsNumber,
  IsOptional,
  IsUUID,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateBy,
  ValidateIf,
  ValidateNested,
} from 'class-validator';

/**
 * The field decorators shared by the commands of every feature and the API's query DTOs: each
 * carries its French reason (see `french-messages.ts`) and its OpenAPI documentation where it has one.
 */

/** `YYYY-MM-DD`, the calendar day format of the whole API. */
const JOUR = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
const JOUR_MESSAGE = 'doit être une date au format AAAA-MM-JJ';

/** A calendar day `YYYY-MM-DD` that exists. */
export const IsJour = () =>
  ValidateBy(
    { name: 'isJour', validator: { validate: estJour } },
    {
      message: ({ value }) =>
        typeof value === 'string' && JOUR.test(value) ? `le ${value} n'existe pas dans le calendrier` : JOUR_MESSAGE,
    },
  );

/** A required calendar day, documented with an example. */
export const Jour = (example: string) => applyDecorators(ApiProperty({ example }), IsJour());

/** A required e-mail address (an account's login), documented with an example. */
export const Email = (example: string) => applyDecorators(ApiProperty({ example }), IsEmail(), MaxLength(254));

/** A required identifier, documented. */
export const Uuid = (options: ApiPropertyOptions = {}) =>
  applyDecorators(ApiProperty({ format: 'uuid', ...options }), IsUUID());

export const INSEE = /^(\d{5}|2[AB]\d{3})$/;
export const IsInsee = (each = false) =>
  Matches(INSEE, { message: 'doit être un code INSEE de commune (5 caractères)', each });
export const IsDepartement = () =>
  Matches(/^(\d{2,3}|2[AB])$/, { message: 'doit être un code de département (ex. 69, 2A, 974)' });

/** A whole number from `min` (to `max`, when given). */
export const IsEntier = (min: number, max?: number) =>
  applyDecorators(IsInt(), Min(min), ...(max === undefined ? [] : [Max(max)]));

/** A required whole number from `min` to `max`, documented. */
export const Entier = (min: number, max: number, options: ApiPropertyOptions = {}) =>
  applyDecorators(ApiProperty({ minimum: min, maximum: max, ...options }), IsEntier(min, max));

/** A year of exercice: a whole number from 2000 to 2100. */
export const IsAnnee = () => IsEntier(2000, 2100);

/** An optional value among `values` (documented as an enum). */
export const OptionalEnum = (values: readonly (string | number)[], options: ApiPropertyOptions = {}) =>
  applyDecorators(ApiPropertyOptional({ enum: values, ...options }), IsOptional(), IsIn(values));

/** An optional identifier (a filter of a query, or a field that may be left out). */
export const OptionalUuid = (options: ApiPropertyOptions = {}) =>
  applyDecorators(ApiPropertyOptional(options), IsOptional(), IsUUID());

export const BOOLEEN = IsIn([true, false], { message: 'doit valoir true ou false' });

/** A share: a fraction between 0 and 1 (each item's, for a list of shares). */
export const Taux = (each = false) => applyDecorators(IsNumber({}, { each }), Min(0, { each }), Max(1, { each }));

/** A required object of the class `type`, validated field by field and documented. */
export const ObjetRequis = (type: new () => object) =>
  applyDecorators(
    ApiProperty({ type }),
    IsDefined(),
    ValidateNested(),
    Type(() => type),
  );

/** A list of at most `max` objects of the class `type()`, each validated. */
export const ListeDe = (type: () => new () => object, max: number) =>
  applyDecorators(IsArray(), ArrayMaxSize(max), ValidateNested({ each: true }), Type(type));

/** The constraint of `ObligatoireSi`: when it fails, its reason is the field's only one (see `french-messages.ts`). */
export const OBLIGATOIRE_SI = 'obligatoireSi';

const renseigne = (value: unknown) =>
  value !== undefined && value !== null && (typeof value !== 'string' || value.trim() !== '');

/**
 * A field optional unless `condition` holds on the whole object (a cross-field rule, checked with
 * the field's own decorators when the command is created): then required, not blank, refused with
 * `message` (« obligatoire avec le motif AUTRE »). Replaces `@IsOptional()` on that field.
 */
export const ObligatoireSi = (condition: (objet: object) => boolean, message: string) =>
  applyDecorators(
    ValidateIf((objet: object, value: unknown) => (value !== undefined && value !== null) || condition(objet)),
    ValidateBy(
      {
        name: OBLIGATOIRE_SI,
        validator: { validate: (value, args) => !args || !condition(args.object) || renseigne(value) },
      },
      { message },
    ),
  );

/** A text that is not blank, of at most `max` characters. */
export const IsTexte = (max: number) =>
  applyDecorators(IsString(), Matches(/\S/, { message: 'ne doit pas être vide' }), MaxLength(max));

/** A field allowed only when `condition` holds on the whole object (« réservé à une décision d'attribution »). */
export const ReserveSi = (condition: (objet: object) => boolean, message: string) =>
  ValidateBy(
    {
      name: 'reserveSi',
      validator: {
        validate: (value, args) => value === undefined || value === null || !args || condition(args.object),
      },
    },
    { message },
  );

const CROCHETS = Symbol('indicesEntreCrochets');

/**
 * The items of this list are named `canaux[0].canal` in the French errors rather than `canaux.0.canal`:
 * for a list whose use case always named them so (the answers of the API stay as they were).
 */
export const IndicesEntreCrochets = (): PropertyDecorator => (target, propriete) =>
  Reflect.defineMetadata(CROCHETS, true, target, propriete);

export const indicesEntreCrochets = (objet: object | undefined, propriete: string): boolean =>
  objet !== undefined && Reflect.getMetadata(CROCHETS, objet, propriete) === true;

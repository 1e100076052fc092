import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, Matches, MaxLength, MinLength } from 'class-validator';
import { RESERVATAIRE_KINDS, type ReservataireKind } from '@aiguillage/engine';
import type { ConventionInput } from '@aiguillage/persistence';
import { IsJour, ObjetRequis } from '../platform/validation/decorateurs';
import { contratDe, ConventionSaisie, TerritoireSaisi } from './convention-saisie';

/**
 * The commands of conventions and réservataires, validated once when created (the API's
 * ValidationPipe): the use cases check only what needs the database.
 */

/** The pattern of a réservataire's code (also how an import line names it). */
export const CODE_RESERVATAIRE = /^[A-Z0-9_-]{1,40}$/;
export const CODE_RESERVATAIRE_MESSAGE = 'doit être un code en majuscules (A-Z, 0-9, _ ou -), 40 caractères au plus';

/**
 * A convention, as created or replaced (PUT). Rates are fractions (0.25 for 25 %). Its rules between
 * fields are `ConventionSaisie`'s; `ConventionsService` checks only the réservataire, the bailleur and the caps.
 */
export class EnregistrerConvention extends ConventionSaisie {
  @ApiProperty() @IsUUID() bailleurId: string;
  @ApiProperty() @IsUUID() reservataireId: string;

  @ApiPropertyOptional({
    example: '2026-06-01',
    description:
      "Remplacement (PUT) : date d'effet de la modification (par défaut : aujourd'hui). Ce qui a été compté avant reste compté ; ignorée à la création",
  })
  @IsOptional()
  @IsJour()
  dateEffet?: string;
}

/** The command → the contract's `Convention` input. */
export function conventionDe(commande: EnregistrerConvention): ConventionInput {
  const { dateEffet: _dateEffet, bailleurId, reservataireId, ...saisie } = commande;
  return { ...contratDe(saisie), bailleurId, reservataireId };
}

export class CreerReservataire {
  @ApiProperty({ example: 'ALS' })
  @Matches(CODE_RESERVATAIRE, { message: CODE_RESERVATAIRE_MESSAGE })
  code: string;

  @ApiProperty({ example: 'Action Logement Services' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  nom: string;

  @ApiProperty({ enum: RESERVATAIRE_KINDS }) @IsIn(RESERVATAIRE_KINDS) kind: ReservataireKind;

  @ObjetRequis(TerritoireSaisi)
  territoire: TerritoireSaisi;
}

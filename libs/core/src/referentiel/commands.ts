import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsIn, IsOptional, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import { USER_ROLES } from '@aiguillage/persistence';
import type { UserRole } from '../platform/auth/access-scope';
import { Email, IsEntier, ListeDe, ObligatoireSi, ReserveSi, Uuid } from '../platform/validation/decorateurs';

/**
 * The référentiel's commands, validated once when created (the API's ValidationPipe, or
 * `creerCommande` for the demo bootstrap): the use cases check only what needs the database.
 */

const reservataire = (compte: object) => (compte as CreerCompte).role === 'RESERVATAIRE';

/** An account to create: its role, the bailleurs it sees and, for a réservataire, which one it is. */
export class CreerCompte {
  @Email('nouveau.charge@bailleur.fr')
  email: string;

  @ApiProperty({ example: 'Camille Martin' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  nom: string;

  @ApiProperty({ minLength: 12 })
  @IsString()
  @MinLength(12)
  @MaxLength(200)
  password: string;

  @ApiProperty({ enum: USER_ROLES })
  @IsIn(USER_ROLES)
  role: UserRole;

  @ApiProperty({ type: [String], description: 'Bailleurs visibles (parmi ceux de l’administrateur)' })
  @IsArray()
  @ArrayMaxSize(100)
  @IsUUID('all', { each: true })
  bailleurIds: string[];

  @ApiPropertyOptional({ format: 'uuid', description: 'Obligatoire pour le rôle RESERVATAIRE' })
  @ObligatoireSi(reservataire, 'est obligatoire pour le rôle RESERVATAIRE')
  @ReserveSi(reservataire, 'ne se renseigne que pour le rôle RESERVATAIRE')
  @IsUUID()
  reservataireId?: string | null;
}

/** New programmes' one-turn rights added to a convention's droits-uniques pool. */
export class DroitsNouveaux {
  @Uuid()
  conventionId: string;

  @ApiProperty({ description: 'Droits uniques des programmes neufs ajoutés à la réserve de la convention' })
  @IsEntier(0, 100000)
  nombre: number;
}

/** The closing of a year: new programmes' one-turn rights added to droits-uniques pools (optional). */
export class Cloturer {
  @ApiPropertyOptional({ type: [DroitsNouveaux] })
  @IsOptional()
  @ListeDe(() => DroitsNouveaux, 1000)
  droitsNouveaux?: DroitsNouveaux[];
}

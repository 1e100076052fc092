import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  MinLength,
  ValidateBy,
} from 'class-validator';
import { USER_ROLES } from '@aiguillage/persistence';
import type { UserRole } from '../platform/auth/access-scope';
import {
  Email,
  IsAnnee,
  ObjetRequis,
  Taux,
  IsDepartement,
  IsEntier,
  ListeDe,
  ObligatoireSi,
  ReserveSi,
  Uuid,
} from '../platform/validation/decorateurs';

/**
 * The référentiel's commands, validated once when created (the API's ValidationPipe, or
 * `creerCommande` for the demo bootstrap and the actualisation's validation): the use cases check only what needs the database.
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

/** A count of flats, from 0. */
const Nombre = () => applyDecorators(ApiProperty({ minimum: 0 }), IsEntier(0));

/** A typed figure's reason, when it departs from the computed one. */
const Motif = (description: string) =>
  applyDecorators(ApiPropertyOptional({ description }), IsOptional(), IsString(), MaxLength(2000));

export class Relogements {
  @Nombre() npnru: number;
  @Nombre() orcod: number;
  @Nombre() lhi: number;
}

/** The inputs of the assiette (counts of flats, forecast turnover as a fraction). */
export class AssietteSaisie {
  @Nombre() logements: number;
  @Nombre() stockDefense: number;
  @Nombre() plansVente: number;
  @Nombre() demolitions: number;

  @ApiProperty({ example: 0.09 })
  @Taux()
  tauxRotation: number;

  @Nombre() mutations: number;

  @ObjetRequis(Relogements)
  relogements: Relogements;
}

export class ObjectifSaisi {
  @Uuid() conventionId: string;
  @ApiProperty({ description: 'Logements dus cette année, déficit reporté inclus' }) @IsEntier(0) objectif: number;
  @Motif("Motif d'un objectif saisi différent de l'objectif calculé (obligatoire alors)") motif?: string;
}

const somme = (parts: unknown[]): number => parts.reduce((a: number, b) => a + (typeof b === 'number' ? b : NaN), 0);

/** Twelve monthly shares that sum to 1 (to a millionth); a list of another length is refused by its size alone. */
const SommeUn = () =>
  ValidateBy(
    {
      name: 'sommeUn',
      validator: {
        validate: (parts) => !Array.isArray(parts) || parts.length !== 12 || Math.abs(somme(parts) - 1) <= 1e-6,
      },
    },
    { message: ({ value }) => `la somme des 12 parts doit valoir 1 (reçu ${somme(value as unknown[])})` },
  );

/** Each convention appears once among the objectives. */
const UneFoisParConvention = () =>
  ValidateBy(
    {
      name: 'uneFoisParConvention',
      validator: {
        validate: (objectifs) =>
          !Array.isArray(objectifs) ||
          new Set(objectifs.map((o: ObjectifSaisi | null) => o?.conventionId)).size === objectifs.length,
      },
    },
    { message: 'une convention ne peut avoir qu’un objectif' },
  );

/**
 * The exercice of a bailleur × département × année, created or replaced with its objectives (the
 * API, and the actualisation's validation): `ExercicesService.save` checks only what needs the
 * database (the conventions are the bailleur's, the typed figures' reasons).
 */
export class EnregistrerExercice {
  @Uuid() bailleurId: string;
  @ApiProperty({ example: '69' }) @IsDepartement() departement: string;
  @ApiProperty({ example: 2026 }) @IsAnnee() annee: number;

  @ObjetRequis(AssietteSaisie)
  assiette: AssietteSaisie;

  @ApiProperty({ description: 'Flux annuel à répartir, en logements' }) @IsEntier(0) fluxARepartir: number;

  @Motif("Motif d'un flux saisi différent de celui que donne l'assiette (obligatoire alors)")
  fluxARepartirMotif?: string;

  @ApiProperty({ type: [Number], description: '12 parts mensuelles des libérations (somme 1)' })
  @IsArray()
  @ArrayMinSize(12)
  @ArrayMaxSize(12)
  @Taux(true)
  @SommeUn()
  saisonnalite: number[];

  @ApiProperty({ type: [ObjectifSaisi] })
  @ListeDe(() => ObjectifSaisi, 10000)
  @UneFoisParConvention()
  objectifs: ObjectifSaisi[];
}

import { ApiProperty } from '@nestjs/swagger';
import { booleen, liste, objet, texte, uuid } from '../common/openapi';
import { ArrayMaxSize, IsArray, IsEmail, IsIn, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import { USER_ROLES, type UserRole } from '@aiguillage/persistence';
import { OptionalUuid } from '@aiguillage/core';

export class CreateUserDto {
  @ApiProperty({ example: 'nouveau.charge@bailleur.fr' })
  @IsEmail()
  @MaxLength(254)
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

  @OptionalUuid({ description: 'Obligatoire pour le rôle RESERVATAIRE' })
  reservataireId?: string;
}

export const USER_SCHEMA = objet('Un compte', {
  id: uuid,
  email: texte,
  nom: texte,
  role: texte,
  bailleurIds: liste(uuid),
  reservataireId: uuid,
  active: booleen,
  slackUserId: texte,
});

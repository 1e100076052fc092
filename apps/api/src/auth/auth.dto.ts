import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';
import { Email } from '@aiguillage/core';
import { liste, objet, texte, uuid } from '../common/openapi';

export class LoginDto {
  @Email('charge@aiguillage.demo')
  email: string;

  @ApiProperty({ example: 'charge-aiguillage' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  password: string;
}

export const SCOPE_SCHEMA = objet('Qui appelle : rôle, bailleurs visibles, réservataire', {
  userId: uuid,
  email: texte,
  role: { type: 'string', enum: ['ADMIN', 'MANAGER', 'CHARGE', 'RESERVATAIRE'] },
  bailleurIds: liste(uuid),
  reservataireId: { type: 'string', format: 'uuid', nullable: true },
});

export const LOGIN_RESULT_SCHEMA = objet('Le jeton et l’utilisateur connecté', {
  accessToken: texte,
  tokenType: { type: 'string', enum: ['Bearer'] },
  expiresIn: { type: 'integer', description: 'Durée de validité en secondes' },
  utilisateur: SCOPE_SCHEMA,
});

import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Matches } from 'class-validator';
import { IndicesEntreCrochets, ListeDe } from '../platform/validation/decorateurs';

/**
 * The Slack settings' commands, validated once when created (the API's ValidationPipe): the use
 * cases check only what needs the database (the bailleur, the account, a Slack user linked elsewhere).
 */

/** One channel of a bailleur: for the whole bailleur, or a commune (INSEE) or an EPCI (SIREN). */
export class CanalSaisi {
  @ApiPropertyOptional({ description: 'Vide pour tout le bailleur, sinon un code INSEE ou EPCI' })
  @IsOptional()
  @Matches(/^(|\d[\dAB]\d{3}|\d{9})$/, {
    message: "doit être vide (tout le bailleur), un code INSEE de commune ou un SIREN d'EPCI",
  })
  territoire?: string;

  @ApiProperty({ example: 'C0123ABCD' })
  @IsString()
  @Matches(/^[CG][A-Z0-9]{2,31}$/, { message: "doit être l'identifiant d'un canal Slack (C0123ABCD)" })
  canal: string;
}

/** The bailleur's whole channel mapping (an empty list removes it). */
export class RemplacerCanauxSlack {
  @ApiProperty({ type: [CanalSaisi], maxItems: 200 })
  @ListeDe(() => CanalSaisi, 200)
  @IndicesEntreCrochets()
  canaux: CanalSaisi[];
}

/** The Slack user an account is linked to. */
export class LierCompteSlack {
  @ApiProperty({ example: 'U0123ABCD' })
  @IsString()
  @Matches(/^[UW][A-Z0-9]{2,31}$/, { message: "doit être l'identifiant d'un utilisateur Slack (U0123ABCD)" })
  slackUserId: string;
}

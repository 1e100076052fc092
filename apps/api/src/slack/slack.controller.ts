import { Body, Controller } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import {
  LierCompteSlack,
  RemplacerCanauxSlack,
  SlackCanauxService,
  SlackComptesService,
  type CanalSlack,
} from '@aiguillage/core/slack';
import { STAFF_ROLES, type AccessScope } from '@aiguillage/core';
import { Roles, Scope } from '../auth/auth.decorators';
import { ApiProtege, liste, objet, texte, uuid } from '../common/openapi';
import { ApiDelete, ApiGet, ApiPut } from '../common/route';
import { UuidParam } from '../common/uuid-param.decorator';

const CANAUX_SCHEMA = liste(
  objet('Un canal', {
    territoire: { type: 'string', description: 'Vide pour tout le bailleur, sinon un code INSEE ou EPCI' },
    canal: texte,
  }),
);
const LIEN_SCHEMA = objet('Le lien du compte à Slack', {
  userId: uuid,
  slackUserId: { type: 'string', nullable: true },
});

/**
 * The Slack bot's settings: where each bailleur's suggestions go (channel per bailleur, optionally
 * per commune or EPCI) and which Slack user is which account. Read by the bailleur's staff, changed
 * by an ADMIN.
 */
@ApiTags('slack')
@ApiProtege()
@Controller()
export class SlackController {
  constructor(
    private readonly canaux: SlackCanauxService,
    private readonly comptes: SlackComptesService,
  ) {}

  /** The bailleur's channels: `[{ territoire: '' | INSEE | EPCI, canal }]`. */
  @Roles(...STAFF_ROLES)
  @ApiGet('bailleurs/:id/slack-canaux', {
    summary: 'Canaux Slack d’un bailleur (tout le bailleur, ou par commune ou EPCI)',
    schema: CANAUX_SCHEMA,
  })
  lister(@Scope() scope: AccessScope, @UuidParam() id: string): Promise<CanalSlack[]> {
    return this.canaux.lister(scope, id);
  }

  /** Replaces the bailleur's channels: body `{ canaux: [{ territoire?, canal }] }` (empty: none). */
  @Roles('ADMIN')
  @ApiPut('bailleurs/:id/slack-canaux', {
    summary: 'Remplace les canaux Slack d’un bailleur (liste vide : aucun)',
    schema: CANAUX_SCHEMA,
  })
  remplacer(
    @Scope() scope: AccessScope,
    @UuidParam() id: string,
    @Body() body: RemplacerCanauxSlack,
  ): Promise<CanalSlack[]> {
    return this.canaux.remplacer(scope, id, body);
  }

  /** Links an account to a Slack user: body `{ slackUserId: 'U0123ABCD' }`. */
  @Roles('ADMIN')
  @ApiPut('users/:id/slack', {
    summary: 'Associe un compte à un utilisateur Slack',
    schema: LIEN_SCHEMA,
    erreurs: [409],
  })
  lier(@Scope() scope: AccessScope, @UuidParam() id: string, @Body() body: LierCompteSlack) {
    return this.comptes.lier(scope, id, body);
  }

  /** Removes an account's Slack link. */
  @Roles('ADMIN')
  @ApiDelete('users/:id/slack', { summary: 'Retire l’association d’un compte à Slack', schema: LIEN_SCHEMA })
  delier(@Scope() scope: AccessScope, @UuidParam() id: string) {
    return this.comptes.delier(scope, id);
  }
}

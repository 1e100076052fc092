import { Body, Controller, Delete, Get, HttpCode, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { SlackCanauxService, SlackComptesService, type CanalSlack } from '@aiguillage/core/slack';
import type { AccessScope } from '@aiguillage/core';
import { Roles, Scope } from '../auth/auth.decorators';
import { UuidParam } from '../common/uuid-param.decorator';

/**
 * The Slack bot's settings: where each bailleur's suggestions go (channel per bailleur, optionally
 * per commune or EPCI) and which Slack user is which account. Read by the bailleur's staff, changed
 * by an ADMIN.
 */
@ApiTags('slack')
@ApiBearerAuth()
@Controller()
export class SlackController {
  constructor(
    private readonly canaux: SlackCanauxService,
    private readonly comptes: SlackComptesService,
  ) {}

  /** The bailleur's channels: `[{ territoire: '' | INSEE | EPCI, canal }]`. */
  @Get('bailleurs/:id/slack-canaux')
  @Roles('ADMIN', 'MANAGER', 'CHARGE')
  lister(@Scope() scope: AccessScope, @UuidParam() id: string): Promise<CanalSlack[]> {
    return this.canaux.lister(scope, id);
  }

  /** Replaces the bailleur's channels: body `{ canaux: [{ territoire?, canal }] }` (empty: none). */
  @Put('bailleurs/:id/slack-canaux')
  @Roles('ADMIN')
  remplacer(@Scope() scope: AccessScope, @UuidParam() id: string, @Body() body: { canaux?: unknown }): Promise<CanalSlack[]> {
    return this.canaux.remplacer(scope, id, body?.canaux);
  }

  /** Links an account to a Slack user: body `{ slackUserId: 'U0123ABCD' }`. */
  @Put('users/:id/slack')
  @Roles('ADMIN')
  lier(@Scope() scope: AccessScope, @UuidParam() id: string, @Body() body: { slackUserId?: unknown }) {
    return this.comptes.lier(scope, id, body?.slackUserId);
  }

  /** Removes an account's Slack link. */
  @Delete('users/:id/slack')
  @Roles('ADMIN')
  @HttpCode(200)
  delier(@Scope() scope: AccessScope, @UuidParam() id: string) {
    return this.comptes.delier(scope, id);
  }
}

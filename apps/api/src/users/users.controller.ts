import { Body, Controller } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CreerCompte, UsersService, type AccessScope, type UserView } from '@aiguillage/core';
import { Roles, Scope } from '../auth/auth.decorators';
import { ApiProtege, liste } from '../common/openapi';
import { ApiGet, ApiPost } from '../common/route';
import { UuidParam } from '../common/uuid-param.decorator';
import { EventsGateway } from '../events/events.gateway';
import { USER_SCHEMA } from './users.dto';

@ApiTags('users')
@ApiProtege()
@Roles('ADMIN')
@Controller('users')
export class UsersController {
  constructor(
    private readonly users: UsersService,
    private readonly sockets: EventsGateway,
  ) {}

  @ApiGet({ summary: 'Comptes partageant au moins un bailleur avec vous', schema: liste(USER_SCHEMA) })
  list(@Scope() scope: AccessScope): Promise<UserView[]> {
    return this.users.list(scope);
  }

  @ApiPost({
    summary: 'Crée un compte (rôle, bailleurs visibles, réservataire)',
    status: 201,
    schema: USER_SCHEMA,
    erreurs: [404, 409],
  })
  create(@Scope() scope: AccessScope, @Body() body: CreerCompte): Promise<UserView> {
    return this.users.create(scope, body);
  }

  @ApiPost(':id/deactivate', {
    summary: 'Désactive un compte : ses jetons sont refusés et ses websockets fermées aussitôt',
    schema: USER_SCHEMA,
  })
  async deactivate(@Scope() scope: AccessScope, @UuidParam() id: string): Promise<UserView> {
    const user = await this.users.setActive(scope, id, false);
    this.sockets.endSessions(id, 'Compte désactivé par un administrateur');
    return user;
  }

  @ApiPost(':id/reactivate', {
    summary: 'Réactive un compte (une nouvelle connexion est nécessaire : les anciens jetons restent refusés)',
    schema: USER_SCHEMA,
  })
  reactivate(@Scope() scope: AccessScope, @UuidParam() id: string): Promise<UserView> {
    return this.users.setActive(scope, id, true);
  }
}

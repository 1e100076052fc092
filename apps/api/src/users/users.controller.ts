import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { UsersService, type AccessScope, type UserView } from '@aiguillage/core';
import { Roles, Scope } from '../auth/auth.decorators';
import { UuidParam } from '../common/uuid-param.decorator';
import { EventsGateway } from '../events/events.gateway';
import { CreateUserDto } from './users.dto';

@ApiTags('users')
@ApiBearerAuth()
@Roles('ADMIN')
@Controller('users')
export class UsersController {
  constructor(
    private readonly users: UsersService,
    private readonly sockets: EventsGateway,
  ) {}

  @Get()
  list(@Scope() scope: AccessScope): Promise<UserView[]> {
    return this.users.list(scope);
  }

  @Post()
  create(@Scope() scope: AccessScope, @Body() body: CreateUserDto): Promise<UserView> {
    return this.users.create(scope, body);
  }

  @Post(':id/deactivate')
  @HttpCode(200)
  @ApiOperation({ summary: 'Désactive un compte : ses jetons sont refusés et ses websockets fermées aussitôt' })
  async deactivate(@Scope() scope: AccessScope, @UuidParam() id: string): Promise<UserView> {
    const user = await this.users.setActive(scope, id, false);
    this.sockets.endSessions(id, 'Compte désactivé par un administrateur');
    return user;
  }

  @Post(':id/reactivate')
  @HttpCode(200)
  @ApiOperation({ summary: 'Réactive un compte (une nouvelle connexion est nécessaire : les anciens jetons restent refusés)' })
  reactivate(@Scope() scope: AccessScope, @UuidParam() id: string): Promise<UserView> {
    return this.users.setActive(scope, id, true);
  }
}

import { Body, Controller, Get, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { UsersService, type AccessScope, type UserView } from '@aiguillage/core';
import { Roles, Scope } from '../auth/auth.decorators';
import { CreateUserDto } from './users.dto';

@ApiTags('users')
@ApiBearerAuth()
@Roles('ADMIN')
@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get()
  list(@Scope() scope: AccessScope): Promise<UserView[]> {
    return this.users.list(scope);
  }

  @Post()
  create(@Scope() scope: AccessScope, @Body() body: CreateUserDto): Promise<UserView> {
    return this.users.create(scope, body);
  }
}

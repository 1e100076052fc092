import { Body, Controller, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AuthService, type AccessScope, type LoginResult } from '@aiguillage/core';
import { Public, Scope } from './auth.decorators';
import {} from '../common/openapi';
import { ApiGet, ApiPost } from '../common/route';
import { LOGIN_RESULT_SCHEMA, LoginDto, SCOPE_SCHEMA } from './auth.dto';
import { LoginThrottlerGuard } from './login-throttler';

@ApiTags('auth')
@Controller()
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  /** E-mail + password → bearer token (401 on wrong credentials; 429 with Retry-After when attempts are too many). */
  @Public()
  @UseGuards(LoginThrottlerGuard)
  @ApiPost('auth/login', {
    summary: 'Connexion : e-mail et mot de passe contre un jeton Bearer',
    schema: LOGIN_RESULT_SCHEMA,
    erreurs: [401, 429],
  })
  login(@Body() body: LoginDto): Promise<LoginResult> {
    return this.auth.login(body.email, body.password);
  }

  /** The caller: role, visible bailleurs, réservataire. */
  @ApiBearerAuth()
  @ApiGet('me', {
    summary: 'L’appelant : son rôle, ses bailleurs visibles, son réservataire',
    schema: SCOPE_SCHEMA,
    erreurs: [401],
  })
  me(@Scope() scope: AccessScope): AccessScope {
    return scope;
  }
}

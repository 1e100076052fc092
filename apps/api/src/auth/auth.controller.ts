import { Body, Controller, Get, HttpCode, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AuthService, type AccessScope, type LoginResult } from '@aiguillage/core';
import { Public, Scope } from './auth.decorators';
import { LoginDto } from './auth.dto';
import { LoginThrottlerGuard } from './login-throttler';

@ApiTags('auth')
@Controller()
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  /** E-mail + password → bearer token (401 on wrong credentials; 429 with Retry-After when attempts are too many). */
  @Public()
  @UseGuards(LoginThrottlerGuard)
  @Post('auth/login')
  @HttpCode(200)
  login(@Body() body: LoginDto): Promise<LoginResult> {
    return this.auth.login(body.email, body.password);
  }

  /** The caller: role, visible bailleurs, réservataire. */
  @ApiBearerAuth()
  @Get('me')
  me(@Scope() scope: AccessScope): AccessScope {
    return scope;
  }
}

import { Module } from '@nestjs/common';
import { AuthController } from './auth.controller';
import { LoginThrottlerGuard, LoginThrottlerModule } from './login-throttler';

/** Logging in (throttled per account and per address) and who the caller is. The access guard is global (ApiModule). */
@Module({ imports: [LoginThrottlerModule], controllers: [AuthController], providers: [LoginThrottlerGuard] })
export class AuthModule {}

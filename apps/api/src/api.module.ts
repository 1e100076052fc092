import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_PIPE } from '@nestjs/core';
import { CoreModule, type CoreModuleOptions } from '@aiguillage/core';
import { AccessGuard } from './auth/access.guard';
import { AuthController } from './auth/auth.controller';
import { LoginThrottlerGuard, LoginThrottlerModule } from './auth/login-throttler';
import { ConsoleModule } from './console/console.module';
import { AllExceptionsFilter } from './common/exception.filter';
import { frenchValidationPipe } from './common/validation.pipe';
import { EventsGateway } from './events/events.gateway';
import { FLOW_CONTROLLERS, FlowModule } from './flow/flow.module';
import { HealthController } from './health/health.controller';
import { RESOURCE_CONTROLLERS, RESOURCE_MODULES } from './resources';
import { SlackController } from './slack/slack.controller';
import { UsersController } from './users/users.controller';

/**
 * The HTTP + websocket process: thin controllers over the core use cases. Every route goes through
 * the global `AccessGuard` (token, roles), the French validation pipe and the exception filter.
 */
@Module({})
export class ApiModule {
  static forRoot(options: CoreModuleOptions): DynamicModule {
    return {
      module: ApiModule,
      imports: [CoreModule.forRoot(options), LoginThrottlerModule, ...RESOURCE_MODULES, FlowModule, ConsoleModule],
      controllers: [...FLOW_CONTROLLERS, HealthController, AuthController, UsersController, SlackController, ...RESOURCE_CONTROLLERS],
      providers: [
        EventsGateway,
        LoginThrottlerGuard,
        { provide: APP_GUARD, useClass: AccessGuard },
        { provide: APP_PIPE, useFactory: frenchValidationPipe },
        { provide: APP_FILTER, useClass: AllExceptionsFilter },
      ],
    };
  }
}

import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_PIPE } from '@nestjs/core';
import { CoreModule, type CoreModuleOptions } from '@aiguillage/core';
import { AccessGuard } from './auth/access.guard';
import { AuthModule } from './auth/auth.module';
import { BailleursModule } from './bailleurs/bailleurs.module';
import { BilanModule } from './bilan/bilan.module';
import { CalculsModule } from './calculs/calculs.module';
import { AllExceptionsFilter } from './common/exception.filter';
import { frenchValidationPipe } from './common/validation.pipe';
import { ConsoleModule } from './console/console.module';
import { ConventionsModule } from './conventions/conventions.module';
import { EventsModule } from './events/events.module';
import { ExercicesModule } from './exercices/exercices.module';
import { HealthModule } from './health/health.module';
import { ImportsModule } from './imports/imports.module';
import { LiberationsModule } from './liberations/liberations.module';
import { OrientationsModule } from './orientations/orientations.module';
import { PatrimoineModule } from './patrimoine/patrimoine.module';
import { ProfilsDemandeModule } from './profils-demande/profils-demande.module';
import { PropositionsModule } from './propositions/propositions.module';
import { SlackModule } from './slack/slack.module';
import { UsersModule } from './users/users.module';

/** The feature modules of the API: one folder each (controller, DTOs, module). */
export const FEATURE_MODULES = [
  LiberationsModule,
  OrientationsModule,
  PropositionsModule,
  HealthModule,
  AuthModule,
  UsersModule,
  SlackModule,
  BailleursModule,
  PatrimoineModule,
  ConventionsModule,
  ExercicesModule,
  ProfilsDemandeModule,
  ImportsModule,
  BilanModule,
  CalculsModule,
  ConsoleModule,
];

/**
 * The HTTP + websocket process: thin controllers over the core use cases, and the one websocket
 * gateway (EventsModule). Every route goes through the global `AccessGuard` (token, roles), the
 * French validation pipe and the one exception filter.
 */
@Module({})
export class ApiModule {
  static forRoot(options: CoreModuleOptions): DynamicModule {
    return {
      module: ApiModule,
      imports: [CoreModule.forRoot(options), EventsModule, ...FEATURE_MODULES],
      providers: [
        { provide: APP_GUARD, useClass: AccessGuard },
        { provide: APP_PIPE, useFactory: frenchValidationPipe },
        { provide: APP_FILTER, useClass: AllExceptionsFilter },
      ],
    };
  }
}

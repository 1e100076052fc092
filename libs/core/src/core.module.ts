import { Global, Module, type DynamicModule } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { AuthService } from './platform/auth/auth.service';
import type { AppConfig } from './platform/config/app-config';
import { ConfigModule } from './platform/config/config.module';
import { DatabaseModule } from './platform/database/database.module';
import { REPOSITORIES } from './platform/database/repositories';
import { HealthService } from './platform/health/health.service';
import { JobsModule } from './platform/jobs/jobs.module';
import { ProcessorsModule } from './processors.module';
import { loggingModule } from './platform/logging/logging.module';
import { UsersService } from './referentiel/users.service';
import { USE_CASES } from './use-cases';

export interface CoreModuleOptions {
  config: AppConfig;
  /** The database to use (the configured URL or the embedded PostgreSQL's). */
  databaseUrl: string;
  /** Run queued jobs in this process (worker, all-in-one). In-process queues always do. */
  processJobs: boolean;
}

/**
 * What every process shares: configuration, logging, database (migrations at boot), jobs, auth and
 * the use cases. The API adds controllers on top, the worker nothing but job processing.
 */
@Global()
@Module({})
export class CoreModule {
  static forRoot({ config, databaseUrl, processJobs }: CoreModuleOptions): DynamicModule {
    const services = [AuthService, UsersService, HealthService, ...USE_CASES];
    return {
      module: CoreModule,
      imports: [
        ConfigModule.forRoot(config),
        loggingModule(config),
        DatabaseModule.forRoot(databaseUrl),
        JwtModule.register({
          secret: config.get('jwtSecret'),
          signOptions: { algorithm: 'HS256' },
          verifyOptions: { algorithms: ['HS256'] },
        }),
        JobsModule.forRoot({
          redisUrl: config.get('redisUrl'),
          prefix: config.get('bullmqPrefix'),
          processJobs,
          handlers: ProcessorsModule,
        }),
      ],
      providers: [...REPOSITORIES, ...services],
      exports: [...REPOSITORIES, ...services, JwtModule],
    };
  }
}

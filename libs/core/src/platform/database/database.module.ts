import { Global, Logger, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import { buildDataSourceOptions } from '@aiguillage/persistence';
import { DataSource } from 'typeorm';

/** Closes the pool when the application stops (before an embedded PostgreSQL is stopped). */
class DataSourceCloser implements OnApplicationShutdown {
  constructor(private readonly dataSource: DataSource) {}

  async onApplicationShutdown(): Promise<void> {
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
  }
}

/** The TypeORM DataSource on `url`, with the pending migrations applied at boot. */
@Global()
@Module({})
export class DatabaseModule {
  static forRoot(url: string): DynamicModule {
    return {
      module: DatabaseModule,
      providers: [
        {
          provide: DataSource,
          useFactory: async () => {
            const dataSource = new DataSource({ ...buildDataSourceOptions(url), migrationsRun: true });
            await dataSource.initialize();
            new Logger('Database').log('Base de données prête, migrations appliquées');
            return dataSource;
          },
        },
        { provide: DataSourceCloser, useFactory: (ds: DataSource) => new DataSourceCloser(ds), inject: [DataSource] },
      ],
      exports: [DataSource],
    };
  }
}

import { Module } from '@nestjs/common';
import { ConsoleReadRepository } from '@aiguillage/persistence';
import { DataSource } from 'typeorm';
import { FlowCoreModule } from '@aiguillage/core/flow-core.module';
import { ConsoleController } from './console.controller';
import { ConsoleService } from './console.service';

/** The API side of the attribution console (apps/console): its reads. The built app is served by `serveConsole`. */
@Module({
  imports: [FlowCoreModule],
  controllers: [ConsoleController],
  providers: [
    ConsoleService,
    {
      provide: ConsoleReadRepository,
      useFactory: (dataSource: DataSource) => new ConsoleReadRepository(dataSource),
      inject: [DataSource],
    },
  ],
})
export class ConsoleModule {}

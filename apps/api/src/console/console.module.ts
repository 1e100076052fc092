import { Module } from '@nestjs/common';
import { FlowCoreModule } from '@aiguillage/core/flow';
import { ConsoleController } from './console.controller';
import { ConsoleService } from './console.service';

/** The API side of the attribution console (apps/console): its reads. The built app is served by `serveConsole`. */
@Module({ imports: [FlowCoreModule], controllers: [ConsoleController], providers: [ConsoleService] })
export class ConsoleModule {}

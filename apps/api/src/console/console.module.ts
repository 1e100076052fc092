import { Module } from '@nestjs/common';
import { FlowModule } from '../flow/flow.module';
import { ConsoleController } from './console.controller';
import { ConsoleService } from './console.service';

/** The API side of the attribution console (apps/console): its reads. The built app is served by `serveConsole`. */
@Module({ imports: [FlowModule], controllers: [ConsoleController], providers: [ConsoleService] })
export class ConsoleModule {}

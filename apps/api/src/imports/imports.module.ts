import { Module } from '@nestjs/common';
import { FlowCoreModule } from '@aiguillage/core/flow';
import { ImportsController } from './imports.controller';

/** File imports: RPLS, libérations, conventions, profils de la demande. */
@Module({ imports: [FlowCoreModule], controllers: [ImportsController] })
export class ImportsModule {}

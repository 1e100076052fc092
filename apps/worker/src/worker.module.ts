import { Module, type DynamicModule } from '@nestjs/common';
import { CoreModule, type CoreModuleOptions } from '@aiguillage/core';
import { FlowCoreModule } from '@aiguillage/core/flow-core.module';

/** The worker process: the core and its job processors, no controllers. */
@Module({})
export class WorkerModule {
  static forRoot(options: Omit<CoreModuleOptions, 'processJobs'>): DynamicModule {
    return { module: WorkerModule, imports: [CoreModule.forRoot({ ...options, processJobs: true }), FlowCoreModule] };
  }
}

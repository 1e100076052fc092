import { Injectable, Logger } from '@nestjs/common';
import { JobHandler } from '../platform/jobs/job-registry';
import type { JobPayloads } from '../platform/jobs/job-names';

/** Sample job: the worker acknowledges the demo load (the live flow's jobs come later). */
@Injectable()
export class DemoLoadedProcessor {
  private readonly logger = new Logger(DemoLoadedProcessor.name);
  /** Payloads handled by this process (observable in tests). */
  readonly handled: Array<JobPayloads['demo.loaded']> = [];

  @JobHandler('demo.loaded')
  onDemoLoaded(payload: JobPayloads['demo.loaded']): void {
    this.handled.push(payload);
    this.logger.log(
      `Démo chargée (graine ${payload.seed}) : ${payload.bailleurs} bailleurs, ${payload.logements} logements, ${payload.conventions} conventions`,
    );
  }
}

import { Injectable } from '@nestjs/common';
import { JobHandler } from '../jobs/job-registry';
import type { JobPayloads } from '../jobs/job-names';
import { BilanService } from './bilan.service';

/** Runs the bilan generations queued by `BilanService.demander` (API in-process, or the worker). */
@Injectable()
export class BilanProcessor {
  constructor(private readonly bilans: BilanService) {}

  @JobHandler('bilan.generation')
  generer(payload: JobPayloads['bilan.generation']): Promise<void> {
    return this.bilans.generer(payload);
  }
}

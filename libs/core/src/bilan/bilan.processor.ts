import { Injectable } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { JobHandler } from '../platform/jobs/job-registry';
import type { JobPayloads } from '../platform/jobs/job-names';
import { BilanService } from './bilan.service';

/**
 * Runs the bilan generations queued by `BilanService.demander` (API in-process, or the worker).
 * Resolves the service lazily so the processors module stays free of database dependencies.
 */
@Injectable()
export class BilanProcessor {
  constructor(private readonly moduleRef: ModuleRef) {}

  @JobHandler('bilan.generation')
  generer(payload: JobPayloads['bilan.generation']): Promise<void> {
    return this.moduleRef.get(BilanService, { strict: false }).generer(payload);
  }
}

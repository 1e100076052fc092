import { Injectable } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { JobHandler } from '../platform/jobs/job-registry';
import type { JobPayloads } from '../platform/jobs/job-names';
import { SuiviFlowService } from './suivi-flow.service';

/**
 * The live flow's jobs. Resolves the flow service lazily so the processors module stays free of
 * database dependencies; every process that runs jobs imports the FlowCoreModule.
 */
@Injectable()
export class FlowJobsProcessor {
  constructor(private readonly moduleRef: ModuleRef) {}

  private suivi(): SuiviFlowService {
    return this.moduleRef.get(SuiviFlowService, { strict: false });
  }

  @JobHandler('flow.delai-avertissement')
  onDelaiAvertissement(payload: JobPayloads['flow.delai-avertissement']): Promise<boolean> {
    return this.suivi().avertirDelai(payload.propositionId);
  }

  @JobHandler('flow.delai-expiration')
  onDelaiExpiration(payload: JobPayloads['flow.delai-expiration']): Promise<boolean> {
    return this.suivi().expirerDelai(payload.propositionId);
  }
}

import { Module } from '@nestjs/common';
import { EngineStateStore } from './engine-state.store';
import { EventTail } from './event-tail';
import { FLOW_OPTIONS, flowOptionsFromEnv } from './flow-options';
import { FlowUnitOfWork } from './flow-unit-of-work';
import { LiberationFlowService } from './liberation-flow.service';
import { ListesFlowService } from './listes-flow.service';
import { OrientationFlowService } from './orientation-flow.service';
import { OutboxRelay } from './outbox-relay';
import { PgListener } from './pg-listener';
import { PolitiqueDerogationService } from './politique-derogation';
import { ProgressionFlowService } from './progression-flow.service';
import { SuiviFlowService } from './suivi-flow.service';
import { ClotureExerciceService } from '../exercices/cloture.service';

const SERVICES = [
  EngineStateStore,
  FlowUnitOfWork,
  LiberationFlowService,
  OrientationFlowService,
  SuiviFlowService,
  ProgressionFlowService,
  ClotureExerciceService,
  ListesFlowService,
  PolitiqueDerogationService,
  PgListener,
  EventTail,
  OutboxRelay,
];

/**
 * The live flow's use cases and plumbing (state store, unit of work, outbox relay, event tail),
 * for every process: the API (HTTP + websocket), the worker (délai jobs), the all-in-one.
 * Needs the CoreModule (DataSource, repositories, JobRunner).
 */
@Module({
  providers: [{ provide: FLOW_OPTIONS, useFactory: () => flowOptionsFromEnv() }, ...SERVICES],
  exports: [FLOW_OPTIONS, ...SERVICES],
})
export class FlowCoreModule {}

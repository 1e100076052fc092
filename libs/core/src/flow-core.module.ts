import { Module } from '@nestjs/common';
import { EngineStateStore } from './platform/live/engine-state.store';
import { EventTail } from './platform/live/event-tail';
import { AppConfig } from './platform/config/app-config';
import { FLOW_OPTIONS } from './platform/config/flow-options';
import { FlowUnitOfWork } from './platform/live/flow-unit-of-work';
import { LiberationFlowService } from './liberations/liberation-flow.service';
import { ListesFlowService } from './liberations/listes-flow.service';
import { OrientationFlowService } from './orientations/orientation-flow.service';
import { DecisionDuJourService } from './orientations/decision-du-jour.service';
import { DecisionWriter } from './orientations/decision-writer.service';
import { DerogationFlowService } from './orientations/derogation-flow.service';
import { OutboxRelay } from './platform/live/outbox-relay';
import { PgListener } from './platform/live/pg-listener';
import { PolitiqueDerogationService } from './orientations/politique-derogation';
import { ProgressionFlowService } from './progression/progression-flow.service';
import { SuiviFlowService } from './cycle-vie/suivi-flow.service';
import { PropositionSteps } from './cycle-vie/proposition-steps.service';
import { ClotureExerciceService } from './referentiel/cloture.service';

const SERVICES = [
  EngineStateStore,
  FlowUnitOfWork,
  LiberationFlowService,
  DecisionWriter,
  DerogationFlowService,
  OrientationFlowService,
  DecisionDuJourService,
  PropositionSteps,
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
  providers: [
    { provide: FLOW_OPTIONS, useFactory: (config: AppConfig) => config.get('flow'), inject: [AppConfig] },
    ...SERVICES,
  ],
  exports: [FLOW_OPTIONS, ...SERVICES],
})
export class FlowCoreModule {}

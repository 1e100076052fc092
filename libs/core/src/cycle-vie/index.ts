export * from './suivi-flow.service';
export * from './flow-jobs.processor';

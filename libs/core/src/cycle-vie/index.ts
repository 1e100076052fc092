export * from './suivi-flow.service';
export * from './proposition-view';
export * from './proposition-steps.service';
export * from './flow-jobs.processor';
export * from './commands';
export * from './conseil-cal';

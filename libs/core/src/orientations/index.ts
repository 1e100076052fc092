export * from './orientation-flow.service';
export * from './orientation-decision';
export * from './derogation-flow.service';
export * from './decision-writer.service';
export * from './politique-derogation';
export * from './commands';
export * from './decision-du-jour.service';

export * from './orientation-flow.service';
export * from './politique-derogation';

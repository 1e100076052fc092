export * from './compute';
export * from './bilan-input.loader';
export * from './bilan-vues';
export * from './bilan.service';
export * from './bilan.processor';
export * from './snapshot';
export * from './export/tableaux';
export * from './actualisation.service';

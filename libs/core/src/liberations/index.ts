export * from './commands';
export * from './liberation-flow.service';
export * from './listes-flow.service';
export * from './liberations.service';
export * from './liberations-import.service';
export * from './fraicheur';

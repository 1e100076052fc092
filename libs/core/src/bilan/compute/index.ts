export * from './types';
export * from './lignes';
export * from './objectifs';
export * from './calculer';
export * from './detail';
export * from './actualisation';

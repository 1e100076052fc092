export * from './saisonnalite';
export * from './objectifs';

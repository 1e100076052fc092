export * from './saisonnalite';
export * from './objectifs';
export * from './assiette';
export * from './conversion';
export * from './offre';
export * from './plafonds';
export * from './deficits';
export * from './quartiles';

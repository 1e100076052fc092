export * from './quartiles.service';
export * from './seuils-import';
export * from './quartile-candidat';

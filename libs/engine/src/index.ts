export * from './domain';
export * from './orientation';
export * from './errors';
export * from './progress';
export * from './progression';
export * from './calculs';
export * from './recommend';

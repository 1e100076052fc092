export * from './domain';
export * from './orientation';
export * from './errors';
export * from './progress';
export * from './calculs';
export * from './recommend';

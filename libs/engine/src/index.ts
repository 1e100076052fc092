export * from './domain';
export * from './orientation';

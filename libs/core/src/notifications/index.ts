export * from './derogation-message';
export * from './derogation-lecture';
export * from './derogation-notification.processor';

export * from './derogation-message';
export * from './derogation-notification.processor';

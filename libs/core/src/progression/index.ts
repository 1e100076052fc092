export * from './progression-flow.service';

// Configuration, errors, validation
export * from './config/app-config';
export * from './config/config.module';
export * from './config/environment.dto';
export * from './errors/domain-errors';
export * from './validation/french-messages';
export * from './validation/validate-input';

// Process wiring: boot, logging, database, jobs
export * from './boot/boot-logger';
export * from './boot/shutdown';
export * from './core.module';
export * from './logging/logging.module';
export * from './database/database.module';
export * from './database/database-url';
export * from './database/embedded-postgres';
export * from './database/repositories';
export * from './jobs/job-names';
export * from './jobs/job-runner';
export * from './jobs/job-registry';
export * from './jobs/inline-job-runner';
export * from './jobs/bullmq-job-runner';
export * from './jobs/jobs.module';
export * from './jobs/processors.module';

// Auth and the use cases
export * from './auth/access-scope';
export * from './auth/password';
export * from './auth/auth.service';
export * from './users/users.service';
export * from './health/health.service';
export * from './use-cases';
export * from './bailleurs/bailleurs.service';
export * from './conventions/conventions.service';
export * from './demo/demo-bootstrap.service';
export * from './demo/demo-loaded.processor';
export * from './donnees-personnelles/purge-candidats.service';
export * from './exercices/exercices.service';
export * from './exercices/chiffres-saisis';
export * from './exercices/cloture.service';
export * from './imports/imports.service';
export * from './liberations/liberations.service';
export * from './patrimoine/patrimoine.service';
export * from './profils-demande/profils-demande.service';

// The annual bilan (issue #13)
export * from './bilan';

// File imports (RPLS, conventions, profils)
export * from './import';

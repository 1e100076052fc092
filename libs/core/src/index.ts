// Configuration, errors, validation
export * from './platform/config/app-config';
export * from './platform/config/config.module';
export * from './platform/config/environment.dto';
export * from './errors/domain-errors';
export * from './platform/validation';

// Process wiring: boot, logging, database, jobs
export * from './platform/boot/boot-logger';
export * from './platform/boot/shutdown';
export * from './core.module';
export * from './platform/logging/logging.module';
export * from './platform/database/database.module';
export * from './platform/database/database-url';
export * from './platform/database/embedded-postgres';
export * from './platform/database/repositories';
export * from './platform/jobs/job-names';
export * from './platform/jobs/job-runner';
export * from './platform/jobs/job-registry';
export * from './platform/jobs/inline-job-runner';
export * from './platform/jobs/bullmq-job-runner';
export * from './platform/jobs/jobs.module';
export * from './processors.module';

// Auth and the use cases
export * from './platform/auth/access-scope';
export * from './platform/auth/password';
export * from './platform/auth/auth.service';
export * from './referentiel/users.service';
export * from './referentiel/commands';
export * from './referentiel/conventions.commands';
export * from './referentiel/patrimoine.commands';
export * from './platform/health/health.service';
export * from './use-cases';
export * from './referentiel/bailleurs.service';
export * from './referentiel/conventions.service';
export * from './demo/demo-bootstrap.service';
export * from './demo/demo-loaded.processor';
export * from './donnees-personnelles/purge-candidats.service';
export * from './referentiel/exercices.service';
export * from './referentiel/chiffres-saisis';
export * from './referentiel/cloture.service';
export * from './imports/imports.service';
export * from './liberations/liberations.service';
export * from './referentiel/patrimoine.service';
export * from './referentiel/profils-demande.service';
export * from './quartiles';

// The annual bilan (issue #13)
export * from './bilan';

// File imports (RPLS, conventions, profils)
export * from './imports';
export * from './liberations/liberations-import.service';

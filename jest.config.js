/** Jest: one config, three projects (engine scenarios, unit, integration on real PostgreSQL/Redis). */
const { pathsToModuleNameMapper } = require('ts-jest');
const { compilerOptions } = require('./tsconfig.json');

const base = {
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }],
    // NestJS 12 and a few of its dependencies are ESM-only; Jest on Node 20 needs them as CommonJS.
    '^.+\\.m?js$': '<rootDir>/scripts/jest-esm-transformer.js',
  },
  transformIgnorePatterns: [
    '/node_modules/(?!(@nestjs|file-type|strtok3|token-types|uint8array-extras|@tokenizer|@borewit|@standard-schema)/)',
  ],
  moduleFileExtensions: ['ts', 'js', 'json'],
  moduleNameMapper: pathsToModuleNameMapper(compilerOptions.paths, { prefix: '<rootDir>/' }),
  testEnvironment: 'node',
};

module.exports = {
  // A budget for a shared, loaded machine, not a measure: simulations and property tests take seconds
  // there, boot and teardown hooks wait on PostgreSQL, Redis and Chromium. Jest reads it from the root
  // config only (jest-circus takes the global option; a project's own is ignored).
  testTimeout: 30_000,
  projects: [
    {
      ...base,
      displayName: 'unit',
      testMatch: ['<rootDir>/libs/**/*.spec.ts', '<rootDir>/apps/**/*.spec.ts', '<rootDir>/src/**/*.spec.ts'],
    },
    {
      ...base,
      displayName: 'integration',
      testMatch: ['<rootDir>/test/**/*.spec.ts'],
      globalSetup: '<rootDir>/test/global-setup.ts',
      globalTeardown: '<rootDir>/test/global-teardown.ts',
    },
  ],
};

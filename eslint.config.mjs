// ESLint: typescript-eslint's type-checked recommended rules, Prettier for layout, and the layering
// enforced: apps → core → persistence → engine (simulation beside the engine), nothing points back up.
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import tseslint from 'typescript-eslint';

/** `no-restricted-imports` patterns refusing the given packages and their sub-paths. */
const forbid = (message, ...groups) => ({
  'no-restricted-imports': ['error', { patterns: [{ group: groups.flatMap((g) => [g, `${g}/*`]), message }] }],
});

export default tseslint.config(
  {
    ignores: [
      'node_modules/**',
      'dist/**',
      '.data/**',
      'coverage/**',
      'apps/console/dist/**',
      '**/*.js',
      '**/*.mjs',
      '**/*.cjs',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  prettier,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // Async methods implementing an async contract (job runners, adapters) need no await of their own.
      '@typescript-eslint/require-await': 'off',
      // The engine's rule objects write `cond && ev.pour(...)` in their hot loops: allowed, other bare expressions are not.
      '@typescript-eslint/no-unused-expressions': ['error', { allowShortCircuit: true, allowTernary: true }],
    },
  },
  {
    // supertest and socket.io hand tests untyped JSON bodies: reading them is what a test does.
    files: ['test/**/*.ts', '**/*.spec.ts', 'scripts/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-explicit-any': 'off',
    },
  },
  {
    files: ['libs/engine/**/*.ts'],
    rules: forbid(
      "libs/engine est pur : ni framework, ni ORM, ni fichiers, ni autre lib du dépôt (l'horloge et la politique arrivent en arguments).",
      '@aiguillage/core',
      '@aiguillage/persistence',
      '@aiguillage/demo',
      '@aiguillage/simulation',
      '@nestjs',
      'typeorm',
      'pg',
      'ioredis',
      'bullmq',
      'fs',
      'node:fs',
      'highs',
      '**/apps/**',
      '**/libs/core/**',
      '**/libs/persistence/**',
    ),
  },
  {
    files: ['libs/simulation/**/*.ts', 'libs/demo/**/*.ts'],
    rules: forbid(
      'la simulation et la démo ne dépendent que du moteur.',
      '@aiguillage/core',
      '@aiguillage/persistence',
      '@nestjs',
      'typeorm',
      '**/apps/**',
      '**/libs/core/**',
    ),
  },
  {
    files: ['libs/persistence/**/*.ts'],
    rules: forbid(
      'libs/persistence ne dépend que du moteur (apps → core → persistence → engine).',
      '@aiguillage/core',
      '@aiguillage/simulation',
      '**/apps/**',
      '**/libs/core/**',
    ),
  },
  {
    files: ['libs/core/**/*.ts'],
    rules: forbid('libs/core ne dépend pas des applications (apps → core).', '**/apps/**', '@aiguillage/simulation'),
  },
);

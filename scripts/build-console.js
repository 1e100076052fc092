#!/usr/bin/env node
// Builds the attribution console (apps/console → apps/console/dist) when its build is missing or
// older than its sources: run before `npm start`, `npm run start:api` and `npm test` (pre-scripts),
// so that a fresh clone's `npm install && npm start` serves it with no other step.
// `--force` always builds. Without vite (production install), an existing build is kept.
'use strict';
const { spawnSync } = require('child_process');
const fs = require('fs');
const path = require('path');

const root = path.join(__dirname, '..');
const app = path.join(root, 'apps', 'console');
const built = path.join(app, 'dist', 'index.html');

function newest(entry) {
  const stat = fs.statSync(entry);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return fs.readdirSync(entry).reduce((max, name) => Math.max(max, newest(path.join(entry, name))), stat.mtimeMs);
}

const sources = ['src', 'index.html', 'vite.config.ts'].map((p) => path.join(app, p)).filter((p) => fs.existsSync(p));
const builtAt = fs.existsSync(built) ? fs.statSync(built).mtimeMs : 0;
const stale = process.argv.includes('--force') || builtAt === 0 || Math.max(...sources.map(newest)) > builtAt;
if (!stale) process.exit(0);

const vite = path.join(root, 'node_modules', 'vite', 'bin', 'vite.js');
if (!fs.existsSync(vite)) {
  if (builtAt > 0) process.exit(0);
  console.error('Console non construite et vite absent : installer les dépendances de développement (npm install).');
  process.exit(1);
}
console.log('Construction de la console (apps/console)…');
const result = spawnSync(
  process.execPath,
  [vite, 'build', '--config', path.join(app, 'vite.config.ts'), '--logLevel', 'warn'],
  {
    cwd: root,
    stdio: 'inherit',
    // A production build whatever the caller's NODE_ENV (jest sets it to « test »).
    env: { ...process.env, NODE_ENV: 'production' },
  },
);
process.exit(result.status ?? 1);

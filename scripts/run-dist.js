#!/usr/bin/env node
// Runs a compiled entry point (dist/, built by `npm run build`) with plain Node: the @aiguillage/*
// aliases of tsconfig.json resolve to dist/libs/*. The Docker image's command.
// Usage: node scripts/run-dist.js apps/api/src/main.js
'use strict';
const path = require('path');
const { register } = require('tsconfig-paths');
const { compilerOptions } = require('../tsconfig.json');
const dist = path.join(__dirname, '..', 'dist');
register({ baseUrl: dist, paths: compilerOptions.paths });
const entry = process.argv[2];
if (!entry) {
  console.error('usage: node scripts/run-dist.js <entry.js relative to dist/> [args...]');
  process.exit(2);
}
const file = path.resolve(dist, entry);
process.argv.splice(1, 2, file);
require(file);

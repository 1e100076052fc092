#!/usr/bin/env node
// Runs a TypeScript entry point of the monorepo without a build step:
// ts-node (transpile only) for .ts files, tsconfig-paths for the @aiguillage/* aliases.
// Usage: node scripts/run.js path/to/entry.ts [args...]
'use strict';
const path = require('path');
process.env.TS_NODE_PROJECT = process.env.TS_NODE_PROJECT || path.join(__dirname, '..', 'tsconfig.json');
process.env.TS_NODE_TRANSPILE_ONLY = 'true';
require('ts-node/register');
require('tsconfig-paths/register');
const entry = process.argv[2];
if (!entry) {
  console.error('usage: node scripts/run.js <entry.ts> [args...]');
  process.exit(2);
}
process.argv.splice(1, 2, path.resolve(entry));
require(path.resolve(entry));

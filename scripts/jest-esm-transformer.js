// Jest (on Node 20) cannot require() ES modules, and NestJS 12 ships as ESM only.
// This transformer turns the ESM packages of node_modules into CommonJS for the test runtime:
// TypeScript's transpiler does the import/export rewrite; `import.meta.url` (used by a few Nest
// packages through `createRequire(import.meta.url)`) becomes the CommonJS file URL.
'use strict';
const crypto = require('crypto');
const ts = require('typescript');

const CREATE_REQUIRE = /const\s+require\s*=\s*createRequire\(\s*import\.meta\.url\s*\)\s*;?/g;

function toCommonJs(source, filename) {
  const patched = source
    .replace(CREATE_REQUIRE, '')
    .replace(/import\.meta\.url/g, "require('url').pathToFileURL(__filename).href");
  return ts.transpileModule(patched, {
    fileName: filename,
    compilerOptions: {
      module: ts.ModuleKind.CommonJS,
      target: ts.ScriptTarget.ES2022,
      allowJs: true,
      esModuleInterop: true,
      sourceMap: false,
    },
  }).outputText;
}

module.exports = {
  process(source, filename) {
    return { code: toCommonJs(source, filename) };
  },
  getCacheKey(source, filename) {
    return crypto.createHash('sha1').update('esm-cjs-v1').update(filename).update(source).digest('hex');
  },
};

/**
 * Jest transformer for the ESM-only dependencies named in jest.config.js: TypeScript's
 * transpileModule rewrites their import/export syntax to CommonJS (no type checking, no bundling).
 */
const crypto = require('node:crypto');
const ts = require('typescript');

const compilerOptions = { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true, allowJs: true, sourceMap: false };

module.exports = {
  process(source, filename) {
    return { code: ts.transpileModule(source, { compilerOptions, fileName: filename }).outputText };
  },
  getCacheKey(source, filename) {
    return crypto.createHash('sha1').update(ts.version).update(filename).update(source).digest('hex');
  },
};

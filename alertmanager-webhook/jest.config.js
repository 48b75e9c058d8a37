/**
 * @kubernetes/client-node 1.x and a few of its dependencies ship only ES modules. Node 20.19+ loads
 * them through require(esm) at run time, but jest's module loader does not, so jest transpiles just
 * those packages to CommonJS (../jest.esm-to-cjs.js).
 */
const path = require('node:path');
const preset = require('../jest.preset.js');

const esmOnly = ['@kubernetes/client-node', 'openid-client', 'oauth4webapi', 'jose', 'jsonpath-plus', 'jsep', '@jsep-plugin', 'rfc4648'];
const base = preset(__dirname);

module.exports = {
  ...base,
  transform: {
    ...base.transform,
    '^.+\\.js$': path.join(__dirname, '..', 'jest.esm-to-cjs.js'),
  },
  transformIgnorePatterns: [`/node_modules/(?!(${esmOnly.join('|')})/)`],
};

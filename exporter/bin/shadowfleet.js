#!/usr/bin/env node
'use strict';
// Thin launcher: the command line is compiled to dist/ by `npm run build` (run by `npm ci` via prepare).
require('../dist/cli/main.js')
  .main(process.argv)
  .catch((err) => {
    process.stderr.write(`shadowfleet: ${err && err.message ? err.message : String(err)}\n`);
    process.exit(1);
  });

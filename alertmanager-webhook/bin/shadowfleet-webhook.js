#!/usr/bin/env node
'use strict';
// The webhook service's command line; the code lives in dist/cli/main.js (built by `npm run build`).
const { main } = require('../dist/cli/main.js');

main(process.argv.slice(2), process.env).then(
  (code) => process.exit(code),
  (err) => {
    process.stderr.write(`shadowfleet-webhook: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(2);
  },
);

#!/usr/bin/env node
// Thin launcher: the CLI is bundled by `npm run build` into dist/cli/sparkgraph.js.
const { existsSync } = require('node:fs');
const { join } = require('node:path');
const bundle = join(__dirname, '..', 'dist', 'cli', 'sparkgraph.js');
if (!existsSync(bundle)) {
  process.stderr.write('sparkgraph: the CLI is not built yet; run `npm install` (or `npm run build`) in ' + join(__dirname, '..') + '\n');
  process.exit(4);
}
require(bundle).run(process.argv.slice(2)).then(
  (code) => { process.exitCode = code; },
  (e) => { process.stderr.write('sparkgraph: internal error: ' + ((e && e.stack) || e) + '\n'); process.exitCode = 4; },
);

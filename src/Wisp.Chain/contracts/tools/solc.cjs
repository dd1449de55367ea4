#!/usr/bin/env node
// Lets forge compile with the pinned npm `solc` (solc-js) instead of downloading a native solc: forge calls a
// compiler with `--version` and with `--standard-json` on stdin, which this answers through solc-js.
'use strict';
const fs = require('fs');
const path = require('path');
const solc = require(path.join(__dirname, '..', 'node_modules', 'solc'));

if (process.argv.includes('--version')) {
  const version = solc.version().replace('.Emscripten.clang', '');
  process.stdout.write(`solc, the solidity compiler commandline interface\nVersion: ${version}\n`);
  process.exit(0);
}
const input = fs.readFileSync(0, 'utf8');
// forge passes every source's content in the input; the callback only serves a file it left out.
const findImport = (p) => {
  try {
    return { contents: fs.readFileSync(p, 'utf8') };
  } catch {
    return { error: `not found: ${p}` };
  }
};
process.stdout.write(solc.compile(input, { import: findImport }));

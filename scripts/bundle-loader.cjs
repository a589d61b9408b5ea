#!/usr/bin/env node
// dist/src/bundle/bin.js, the `catalyst-gen` command (copied there by scripts/bundle.mjs). It runs the bundled
// CLI, cli.js, compiled with the V8 code cache the build made for it (cli.cache): compiling the bundle and the
// functions a command calls is a large part of a short run, and Node.js 20 caches no compiled code itself.
// Without a usable cache (missing, or made by another Node.js or V8 version) V8 compiles as usual: same result,
// only slower. CommonJS (dist/src/bundle/package.json says so) because it starts a few milliseconds sooner than an
// ES module.
'use strict';
const { readFileSync } = require('node:fs');
const { createRequire } = require('node:module');
const { join } = require('node:path');
const { pathToFileURL } = require('node:url');
const { Script } = require('node:vm');

const file = join(__dirname, 'cli.js');
let cachedData;
try {
  cachedData = readFileSync(join(__dirname, 'cli.cache'));
} catch {
  // no cache: compile
}
// cli.js is `(async function (require, __cgBundleUrl, __cgImport) { <the bundle> })`; its promise settles when the
// CLI is done. __cgImport is this module's import(): code compiled by vm.Script cannot import by URL itself.
const main = new Script(readFileSync(file, 'utf8'), { filename: file, cachedData }).runInThisContext();
main(createRequire(file), pathToFileURL(file).href, (url) => import(url));

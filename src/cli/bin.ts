#!/usr/bin/env node
import { processOutput } from './output.js';
import { runValidateFast } from './fast-path.js';

// Plain `validate` runs skip commander (see fast-path.ts); everything else goes through the full CLI.
const argv = process.argv.slice(2);
const o = processOutput();
const code = (await runValidateFast(argv, o)) ?? (await (await import('./main.js')).run(argv, o));
process.exitCode = code;

#!/usr/bin/env node
import { processOutput } from './output.js';
import { run } from './run.js';

process.exitCode = await run(process.argv.slice(2), processOutput());

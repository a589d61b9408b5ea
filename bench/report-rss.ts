/**
 * Preloaded with `node --import` into a process the benchmark measures: on exit, write the process's peak
 * resident set size (bytes) to the file named by BENCH_RSS_FILE. Linux reports maxRSS in kilobytes.
 */
import { writeFileSync } from 'node:fs';

const target = process.env['BENCH_RSS_FILE'];
if (target) process.on('exit', () => writeFileSync(target, String(process.resourceUsage().maxRSS * 1024)));

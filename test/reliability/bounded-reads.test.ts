import { spawnSync } from 'node:child_process';
import { mkdirSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { MAX_FILE_BYTES } from '../../src/io/read-file.js';
import { tempDir } from '../helpers/cli.js';
import { runChild } from '../helpers/child-cli.js';

// Every command that reads a file the user names, given a file that never ends (/dev/zero), a pipe that never
// gets a writer (a FIFO: opening it for reading would block forever), and a regular file over the size limit:
// each must stop at once with a usage error (exit 2) that names the file and why, holding little memory.

const MAX_RSS_MB = 300;

let work: string;
let fifo: string;
let big: string;

beforeAll(() => {
  work = tempDir('cg-reads-');
  fifo = join(work, 'pipe.yaml');
  const made = spawnSync('mkfifo', [fifo]);
  if (made.status !== 0) throw new Error(`mkfifo failed: ${made.stderr}`);
  big = join(work, 'big.yaml');
  writeFileSync(big, 'schemaVersion: 2.0.0\n');
  truncateSync(big, MAX_FILE_BYTES + 1); // sparse: costs no disk
  mkdirSync(join(work, 'project'));
});

/** Each command with the file it is given in the place of `F`. */
const COMMANDS: readonly (readonly string[])[] = [
  ['validate', 'F'],
  ['validate', '--format', 'json', 'F'],
  ['graph', 'F'],
  ['devfile', 'add-env', 'A=1', '--file', 'F'],
  ['new', 'starter', 'out', '--no-input', '--options', 'F'],
  ['security-diff', 'F', 'F'],
  ['security-diff', '--deployed', '--stack', 'svc', 'F'],
  ['codebuild', 'sync', '--project', 'my-project', '--buildspec', 'F', '--dry-run'],
  ['codebuild', 'run', '--project', 'my-project', '--buildspec', 'F'],
];

const INPUTS = [
  { name: '/dev/zero', path: () => '/dev/zero', says: /is not a regular file \(a device, socket or pipe\)/ },
  { name: 'a FIFO', path: () => fifo, says: /is not a regular file \(a device, socket or pipe\)/ },
  { name: `a file over ${MAX_FILE_BYTES / 2 ** 20} MiB`, path: () => big, says: /is too large to be a .*: 10\.0 MiB, and catalyst-gen reads files of at most 10 MiB\./ },
];

describe.each(INPUTS)('$name', (input) => {
  it.each(COMMANDS.map((c) => [c.join(' '), c] as const))('%s: exit 2 at once, naming the file', async (_, command) => {
    const path = input.path();
    const r = await runChild(join(work, 'project'), command.map((a) => (a === 'F' ? path : a)), {
      timeoutMs: 30_000,
      // Nothing here may get as far as AWS; if it did, it would fail at once rather than wait.
      env: { AWS_REGION: 'us-east-1', AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE', AWS_SECRET_ACCESS_KEY: 'secret', AWS_ENDPOINT_URL: 'http://127.0.0.1:9', AWS_MAX_ATTEMPTS: '1' },
    });
    expect(r.timedOut, 'the command blocked').toBe(false);
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toContain(path);
    expect(r.stderr).toMatch(input.says);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(r.rssMb).toBeLessThan(MAX_RSS_MB);
  });
});

import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/cli.js';

const BIN = resolve('dist/src/cli/bin.js');

/**
 * Run the built binary with its stdout closed by the reader before it writes (what `| head -1` does once it
 * has its line): every write fails with EPIPE. Returns the exit code and what went to stderr.
 */
function runWithClosedStdout(args: string[]): Promise<{ code: number | null; stderr: string }> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [BIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.destroy();
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', fail);
    child.on('close', (code) => done({ code, stderr }));
  });
}

describe('a reader that closes stdout early', () => {
  it('new --dry-run ends quietly with exit 0', async () => {
    const r = await runWithClosedStdout(['new', 'starter', join(tempDir('cg-pipe-'), 'x'), '--no-input', '--dry-run']);
    expect(r.stderr).not.toMatch(/EPIPE|Error|at /);
    expect(r.code).toBe(0);
  });

  it('validate keeps the exit code it would have had (1 for an invalid file)', async () => {
    const dir = tempDir('cg-pipe-');
    mkdirSync(join(dir, '.codecatalyst/workflows'), { recursive: true });
    const bad = 'Name: w\nSchemaVersion: "1.0"\nActions:\n  Build:\n    Identifier: aws/build@v1\n';
    for (let i = 0; i < 40; i++) writeFileSync(join(dir, `.codecatalyst/workflows/w${i}.yaml`), bad);
    const r = await runWithClosedStdout(['validate', dir]);
    expect(r.stderr).not.toMatch(/EPIPE|Error:|at /);
    expect(r.code).toBe(1);
    const ok = await runWithClosedStdout(['--version']);
    expect(ok).toEqual({ code: 0, stderr: '' });
  });
});

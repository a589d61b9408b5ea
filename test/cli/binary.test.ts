import { spawnSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/cli.js';

const BIN = resolve('dist/src/cli/bin.js');

function runBin(args: string[], env: Record<string, string> = {}) {
  // Start from an environment without colour settings, so the test decides them.
  const base = Object.fromEntries(Object.entries(process.env).filter(([k]) => k !== 'FORCE_COLOR' && k !== 'NO_COLOR'));
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: { ...base, ...env } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('the built binary', () => {
  it('is executable, so `npx catalyst-gen` runs it', () => {
    expect(statSync(BIN).mode & 0o111).toBe(0o111);
  });

  it('prints its version from package.json', () => {
    const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };
    expect(runBin(['--version'])).toMatchObject({ code: 0, stdout: `${pkg.version}\n` });
  });

  it('renders the starter blueprint with its defaults, as the README says', () => {
    const dir = join(tempDir(), 'my-project');
    const r = runBin(['new', 'starter', dir, '--no-input']);
    expect(r.code).toBe(0);
    expect(readFileSync(join(dir, 'README.md'), 'utf8')).toContain('# my-project');
  });

  it('exits with the documented codes and never colours output that is not a TTY', () => {
    expect(runBin(['nope']).code).toBe(2);
    const bad = runBin(['new', 'starter', tempDir(), '--no-input', '--set', 'license=GPL']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).not.toMatch(/\u001b\[/);
  });

  it('colours on request but never with NO_COLOR', () => {
    const args = ['new', 'starter', tempDir(), '--no-input', '--set', 'license=GPL'];
    expect(runBin(args, { FORCE_COLOR: '1' }).stderr).toMatch(/\u001b\[/);
    expect(runBin(args, { FORCE_COLOR: '1', NO_COLOR: '1' }).stderr).not.toMatch(/\u001b\[/);
  });
});

import { describe, expect, it } from 'vitest';
import { cli, snapshotTree, tempDir } from '../helpers/cli.js';

describe('new --set: lists, malformed assignments, JSON errors', () => {
  it('an index far past the end of a list fails at once, naming the option and its length', async () => {
    const dir = tempDir('cg-set-');
    const r = await cli('new', 'starter', dir, '--no-input', '--set', 'ignore.99999999=x');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('OPTION-SET-INDEX');
    expect(r.stderr).toContain('"ignore" is a list of 0 item(s), so index 99999999 is out of range');
    expect(snapshotTree(dir)).toEqual({});
  });

  it('a gap in a list is one clear error, not a garbled type message per hole', async () => {
    const r = await cli('new', 'starter', tempDir('cg-set-'), '--no-input', '--set', 'ignore.0=*.log', '--set', 'ignore.5=x');
    expect(r.code).toBe(1);
    expect(r.stderr.match(/OPTION-SET-INDEX/g)).toHaveLength(1);
    expect(r.stderr).toContain('"ignore" is a list of 1 item(s), so index 5 is out of range');
    expect(r.stderr).not.toMatch(/undefined|nothing;/);
  });

  it('appending at the index equal to the length works', async () => {
    const r = await cli('new', 'starter', tempDir('cg-set-'), '--no-input', '--set', 'ignore.0=*.log', '--set', 'ignore.1=tmp/');
    expect(r.code).toBe(0);
  });

  it('a name where a list is fails instead of being dropped', async () => {
    const r = await cli('new', 'starter', tempDir('cg-set-'), '--no-input', '--set', 'ignore.foo=x');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('ignore is a list; use ignore.<index>');
  });

  it('a --set that is not key=value is a usage error (exit 2)', async () => {
    for (const arg of ['projectName', '=x']) {
      const r = await cli('new', 'starter', tempDir('cg-set-'), '--no-input', '--set', arg);
      expect(r.code, arg).toBe(2);
      expect(r.stderr).toContain('is not of the form key.path=value');
    }
  });

  it('with --format json, option errors go to stdout as JSON; the exit code is unchanged', async () => {
    const r = await cli('new', 'starter', tempDir('cg-set-'), '--no-input', '--format', 'json', '--set', 'license=GPL');
    expect(r.code).toBe(1);
    const doc = JSON.parse(r.stdout);
    expect(doc.error).toMatchObject({ kind: 'ValidationError' });
    expect(doc.diagnostics).toEqual([expect.objectContaining({ code: 'OPTION-ENUM', severity: 'error', file: '--set' })]);
    const usage = await cli('new', 'starter', tempDir('cg-set-'), '--no-input', '--format', 'json', '--set', 'projectName');
    expect(usage.code).toBe(2);
    expect(JSON.parse(usage.stdout)).toMatchObject({ error: { kind: 'UsageError' }, diagnostics: [] });
  });
});

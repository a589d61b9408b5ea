import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/cli.js';
import { runChild } from '../helpers/child-cli.js';

// Generated files get the permissions the user's umask asks for, and edits give a file back as its owner keeps
// it: a byte-order mark and CRLF line ends survive `devfile add-env` and an `update` that changes the devfile.

function modes(dir: string): Record<string, number> {
  const out: Record<string, number> = {};
  const walk = (d: string) => {
    for (const n of readdirSync(d)) {
      const p = join(d, n);
      const st = statSync(p);
      if (st.isDirectory()) walk(p);
      else out[relative(dir, p)] = st.mode & 0o777;
    }
  };
  walk(dir);
  return out;
}

describe('generated files honour the umask', () => {
  it.each([
    ['077', 0o600],
    ['022', 0o644],
    ['002', 0o664],
  ])('umask %s: every file is %o', async (umask, expected) => {
    const dir = join(tempDir('cg-umask-'), 'app');
    const r = await runChild(process.cwd(), ['new', 'three-tier-web', dir, '--no-input'], { shellPrefix: `umask ${umask}` });
    expect(r.code, r.stderr).toBe(0);
    const all = modes(dir);
    expect(Object.keys(all).length).toBeGreaterThan(10);
    expect(Object.entries(all).filter(([, m]) => m !== expected)).toEqual([]);
  });
});

describe('edits keep the byte-order mark and the line ends', () => {
  const crlfWithBom = (text: string) => `\uFEFF${text.replace(/\n/g, '\r\n')}`;
  const lines = (text: string) => text.replace(/^\uFEFF/, '').split(/(?<=\n)/);

  it.each([
    ['devfile add-env', ['devfile', 'add-env', 'EXTRA=1'], 'name: EXTRA'],
    ['update that changes the devfile', ['update', '--set', 'appName=renamed', '--yes'], 'value: renamed-local'],
  ])('%s', async (_, command, added) => {
    const dir = join(tempDir('cg-format-'), 'app');
    expect((await runChild(process.cwd(), ['new', 'three-tier-web', dir, '--no-input'])).code).toBe(0);
    const file = join(dir, 'devfile.yaml');
    writeFileSync(file, crlfWithBom(readFileSync(file, 'utf8')));
    const r = await runChild(dir, command);
    expect(r.code, r.stderr).toBe(0);
    const after = readFileSync(file, 'utf8');
    expect(after).toContain(added);
    expect(after.startsWith('\uFEFF')).toBe(true);
    expect(lines(after).filter((l) => !l.endsWith('\r\n'))).toEqual([]);
  });
});

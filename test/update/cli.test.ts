import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, snapshotTree, tempDir } from '../helpers/cli.js';
import { statTree } from './fixture.js';

const read = (dir: string, p: string) => readFileSync(join(dir, p), 'utf8');

async function project(): Promise<string> {
  const dir = tempDir('cg-upcli-');
  expect((await cli('new', 'starter', dir, '--no-input', '--set', 'ignore=a/')).code).toBe(0);
  return dir;
}

describe('catalyst-gen update (CLI)', () => {
  it('--dry-run prints what would happen per file and the diff, and writes nothing', async () => {
    const dir = await project();
    writeFileSync(join(dir, '.gitignore'), '# ours\n' + read(dir, '.gitignore'));
    writeFileSync(join(dir, 'README.md'), 'my readme\n');
    const before = snapshotTree(dir);
    const r = await cli('update', dir, '--no-input', '--set', 'ignore=b/', '--dry-run');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^ {2}merge {5}\.gitignore {2}\(your changes and the blueprint's merged\)$/m);
    expect(r.stdout).toMatch(/^ {2}keep {6}README\.md {2}\(seed file/m);
    expect(r.stdout).toContain('--- a/.gitignore\n+++ b/.gitignore\n');
    expect(r.stdout).toMatch(/^-a\/$/m);
    expect(r.stdout).toMatch(/^\+b\/$/m);
    expect(r.stdout).not.toMatch(/^-# ours$/m); // the diff is from the file as it is: the user line stays
    expect(snapshotTree(dir)).toEqual(before);
  });

  it('--check: 0 when up to date, 1 when the project is behind its blueprint; writes nothing', async () => {
    const dir = await project();
    expect((await cli('update', dir, '--no-input', '--check')).code).toBe(0);
    writeFileSync(join(dir, '.gitignore'), '# ours\n' + read(dir, '.gitignore'));
    // A user edit alone is not drift: update would keep it and change nothing.
    expect((await cli('update', dir, '--no-input', '--check')).code).toBe(0);
    const before = statTree(dir);
    const r = await cli('update', dir, '--no-input', '--check', '--set', 'ignore=b/');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/is behind blueprint "starter": "catalyst-gen update" would change 1 file\(s\)/);
    expect(statTree(dir)).toEqual(before);
  });

  it('a clean merge is written and exits 0; running it again writes nothing', async () => {
    const dir = await project();
    writeFileSync(join(dir, '.gitignore'), '# ours\n' + read(dir, '.gitignore'));
    const r = await cli('update', dir, '--no-input', '--set', 'ignore=b/');
    expect(r.code).toBe(0);
    expect(read(dir, '.gitignore')).toBe('# ours\nnode_modules/\ndist/\ncdk.out/\n*.log\n.env\nb/\n');
    const once = statTree(dir);
    const again = await cli('update', dir, '--no-input');
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('done: 0 file(s) written');
    expect(statTree(dir)).toEqual(once);
  });

  it('overlapping edits: exit 1, markers in the file, the conflicted files listed, the rest written', async () => {
    const dir = await project();
    writeFileSync(join(dir, '.gitignore'), read(dir, '.gitignore').replace('a/', 'mine/'));
    const r = await cli('update', dir, '--no-input', '--set', 'ignore=b/', '--set', 'license=MIT');
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^ {2}conflict {2}\.gitignore {2}\(overlapping changes: resolve the marked regions\)$/m);
    expect(r.stderr).toContain('conflict: 1 file(s) have conflicts:\n  .gitignore: overlapping changes');
    expect(read(dir, '.gitignore')).toBe('node_modules/\ndist/\ncdk.out/\n*.log\n.env\n<<<<<<< yours\nmine/\n=======\nb/\n>>>>>>> blueprint\n');
    const manifest = JSON.parse(read(dir, '.catalyst-gen/manifest.json'));
    expect(manifest.options).toMatchObject({ ignore: ['b/'], license: 'MIT' });
    // Until resolved, update keeps reporting it and --check fails.
    expect((await cli('update', dir, '--no-input')).code).toBe(1);
    expect((await cli('update', dir, '--no-input', '--check')).code).toBe(1);
    writeFileSync(join(dir, '.gitignore'), read(dir, '.gitignore').replace(/<<<<<<< yours\n|=======\n|>>>>>>> blueprint\n/g, ''));
    const fixed = await cli('update', dir, '--no-input');
    expect(fixed.code).toBe(0);
    expect(read(dir, '.gitignore')).toMatch(/mine\/\nb\/\n$/);
  });

  it('--format json lists entries, removals and warnings', async () => {
    const dir = await project();
    const r = await cli('update', dir, '--no-input', '--dry-run', '--format', 'json');
    const plan = JSON.parse(r.stdout);
    expect(plan.entries.map((e: { path: string; action: string }) => [e.path, e.action])).toEqual([
      ['.gitignore', 'unchanged'],
      ['README.md', 'unchanged'],
    ]);
    expect(plan.removals).toEqual([]);
    expect(plan.warnings).toEqual([]);
  });

  it('a folder without a manifest is a usage error', async () => {
    const r = await cli('update', tempDir(), '--no-input');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('catalyst-gen new');
  });
});

describe('new after update', () => {
  it('never replaces a file that holds merged user changes, although its hash is the one catalyst-gen wrote', async () => {
    const dir = await project();
    writeFileSync(join(dir, '.gitignore'), '# ours\n' + read(dir, '.gitignore'));
    expect((await cli('update', dir, '--no-input', '--set', 'ignore=b/')).code).toBe(0);
    const r = await cli('new', 'starter', dir, '--no-input', '--set', 'ignore=c/');
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/conflict\s+\.gitignore\s+\(it holds your changes merged by "catalyst-gen update"/);
    expect(read(dir, '.gitignore')).toMatch(/^# ours\n/);
  });
});

describe('manifest base hashes (untrusted input)', () => {
  it('round-trips a base hash, drops one equal to sha256, refuses a malformed one', async () => {
    const { parseManifest, serializeManifest } = await import('../../src/io/manifest.js');
    const m = { manifestVersion: 1, generator: { name: 'catalyst-gen', version: '0' }, blueprint: { id: 'b', version: '1' }, options: {}, files: { a: { sha256: 'a'.repeat(64), mode: 'managed', base: 'b'.repeat(64) } } } as const;
    expect(parseManifest(serializeManifest(m))).toEqual({ ok: true, manifest: m });
    const same = JSON.stringify({ ...m, files: { a: { sha256: 'a'.repeat(64), mode: 'managed', base: 'a'.repeat(64) } } });
    expect(parseManifest(same)).toMatchObject({ ok: true, manifest: { files: { a: { sha256: 'a'.repeat(64), mode: 'managed' } } } });
    expect((parseManifest(same) as unknown as { manifest: { files: { a: object } } }).manifest.files.a).not.toHaveProperty('base');
    expect(parseManifest(JSON.stringify({ ...m, files: { a: { sha256: 'a'.repeat(64), mode: 'managed', base: '../x' } } })).ok).toBe(false);
  });
});

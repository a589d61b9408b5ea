import { chmodSync, lstatSync, mkdirSync, readdirSync, readFileSync, readlinkSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EnvironmentError } from '../../src/errors.js';
import { applyChanges } from '../../src/io/apply.js';
import { writeFileAtomic } from '../../src/io/atomic-write.js';
import { writePrivateFile } from '../../src/io/package-config.js';
import { TargetFolder } from '../../src/io/target.js';
import { cli, tempDir } from '../helpers/cli.js';

const mode = (p: string) => statSync(p).mode & 0o777;
const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;

describe('writeFileAtomic', () => {
  it('new files are 0644, executables 0755, secrets 0600; no temporary file is left', () => {
    const dir = tempDir();
    writeFileAtomic(join(dir, 'a.txt'), 'a\n');
    writeFileAtomic(join(dir, 'run.sh'), '#!/bin/sh\n', { executable: true });
    writeFileAtomic(join(dir, '.npmrc'), 'token\n', { secret: true });
    expect([mode(join(dir, 'a.txt')), mode(join(dir, 'run.sh')), mode(join(dir, '.npmrc'))]).toEqual([0o644, 0o755, 0o600]);
    expect(readdirSync(dir).sort()).toEqual(['.npmrc', 'a.txt', 'run.sh']);
  });

  it("keeps the existing file's mode (a user's chmod survives), but a secret is always 0600", () => {
    const dir = tempDir();
    const f = join(dir, 'devfile.yaml');
    writeFileSync(f, 'old\n');
    chmodSync(f, 0o640);
    writeFileAtomic(f, 'new\n');
    expect(readFileSync(f, 'utf8')).toBe('new\n');
    expect(mode(f)).toBe(0o640);
    chmodSync(f, 0o644);
    writeFileAtomic(f, 'secret\n', { secret: true });
    expect(mode(f)).toBe(0o600);
  });

  it('follows a symbolic link: the real file is written, the link is kept', () => {
    const dir = tempDir();
    const real = join(dir, 'dotfiles', 'npmrc');
    mkdirSync(join(dir, 'dotfiles'));
    writeFileSync(real, 'old\n');
    chmodSync(real, 0o600);
    const link = join(dir, '.npmrc');
    symlinkSync(join('dotfiles', 'npmrc'), link);
    writeFileAtomic(link, 'new\n');
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readlinkSync(link)).toBe(join('dotfiles', 'npmrc'));
    expect(readFileSync(real, 'utf8')).toBe('new\n');
    expect(mode(real)).toBe(0o600);
  });

  it('a path that cannot be written is an EnvironmentError (exit 3) naming the file', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'file'), 'x');
    const target = join(dir, 'file', 'devfile.yaml'); // under a regular file: ENOTDIR
    let err: unknown;
    try {
      writeFileAtomic(target, 'x');
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(EnvironmentError);
    expect((err as EnvironmentError).exitCode).toBe(3);
    expect((err as Error).message).toContain(target);
    expect(() => writePrivateFile(join(dir, 'file', '.npmrc'), 'x')).toThrow(EnvironmentError);
  });

  it.skipIf(isRoot)('a read-only file is not replaced: EnvironmentError', () => {
    const dir = tempDir();
    const f = join(dir, 'ro.yaml');
    writeFileSync(f, 'keep\n');
    chmodSync(f, 0o444);
    expect(() => writeFileAtomic(f, 'new\n')).toThrow(EnvironmentError);
    expect(readFileSync(f, 'utf8')).toBe('keep\n');
  });
});

describe('every writer uses it', () => {
  it('apply (new/update) keeps the mode of a file it rewrites', () => {
    const dir = tempDir();
    const target = new TargetFolder(dir);
    applyChanges({ writes: [{ path: 'README.md', content: 'one\n', executable: false }, { path: 'run.sh', content: 'x\n', executable: true }] }, target);
    expect(mode(join(dir, 'README.md'))).toBe(0o644);
    expect(mode(join(dir, 'run.sh'))).toBe(0o755);
    chmodSync(join(dir, 'README.md'), 0o600);
    applyChanges({ writes: [{ path: 'README.md', content: 'two\n', executable: false }] }, target);
    expect(readFileSync(join(dir, 'README.md'), 'utf8')).toBe('two\n');
    expect(mode(join(dir, 'README.md'))).toBe(0o600);
  });

  it('devfile edits write through a symbolic link and keep the mode', async () => {
    const dir = tempDir();
    const real = join(dir, 'shared.devfile.yaml');
    writeFileSync(real, ['schemaVersion: 2.0.0', 'metadata:', '  name: app', 'components:', '  - name: dev', '    container:', '      image: public.ecr.aws/aws-mde/universal-image:latest', '      mountSources: true', ''].join('\n'));
    chmodSync(real, 0o664);
    const link = join(dir, 'devfile.yaml');
    symlinkSync(real, link);
    const r = await cli('devfile', 'add-env', 'A=b', '--file', link);
    expect(r.code, r.stderr).toBe(0);
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readFileSync(real, 'utf8')).toContain('name: A');
    expect(mode(real)).toBe(0o664);
  });

  it('a devfile under a path that is a file: a usage error (exit 2), nothing written', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'file'), 'x');
    const r = await cli('devfile', 'add-env', 'A=b', '--file', join(dir, 'file', 'devfile.yaml'));
    expect(r.code).toBe(2); // there is no such devfile: a usage error, before any write
  });
});

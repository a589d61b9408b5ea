import { existsSync, mkdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveOptions } from '../../src/cli/options.js';
import { ValidationError } from '../../src/errors.js';
import { defineBlueprint } from '../../src/model/blueprint.js';
import { cli, snapshotTree, tempDir } from '../helpers/cli.js';

describe('catalyst-gen new starter', () => {
  it('writes the files and the manifest, then reports everything unchanged', async () => {
    const dir = join(tempDir(), 'x');
    const first = await cli('new', 'starter', dir, '--no-input');
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/create\s+README\.md/);
    const manifest = JSON.parse(readFileSync(join(dir, '.catalyst-gen/manifest.json'), 'utf8'));
    expect(manifest).toMatchObject({ manifestVersion: 1, blueprint: { id: 'starter' }, options: { projectName: 'my-project' } });
    expect(Object.keys(manifest.files).sort()).toEqual(['.gitignore', 'README.md']);
    expect(readFileSync(join(dir, 'README.md'), 'utf8')).toContain('# my-project');

    const before = snapshotTree(dir);
    const again = await cli('new', 'starter', dir, '--no-input');
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/unchanged\s+\.gitignore/);
    expect(again.stdout).toMatch(/unchanged\s+README\.md/);
    expect(snapshotTree(dir)).toEqual(before);
  });

  it('reports a conflict for an edited managed file, exits 1 and writes nothing', async () => {
    const dir = tempDir();
    await cli('new', 'starter', dir, '--no-input');
    writeFileSync(join(dir, '.gitignore'), 'mine\n');
    const before = snapshotTree(dir);
    const r = await cli('new', 'starter', dir, '--no-input', '--set', 'ignore=tmp/');
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/conflict\s+\.gitignore\s+\(you changed this file/);
    expect(r.stderr).toContain('Nothing was written');
    expect(snapshotTree(dir)).toEqual(before);
  });

  it('--force overwrites the conflict; a seed file the user edited is kept', async () => {
    const dir = tempDir();
    await cli('new', 'starter', dir, '--no-input');
    writeFileSync(join(dir, '.gitignore'), 'mine\n');
    writeFileSync(join(dir, 'README.md'), '# my own readme\n');
    const r = await cli('new', 'starter', dir, '--no-input', '--force');
    expect(r.code).toBe(0);
    expect(readFileSync(join(dir, '.gitignore'), 'utf8')).toContain('node_modules/');
    expect(readFileSync(join(dir, 'README.md'), 'utf8')).toBe('# my own readme\n');
    expect(r.stdout).toMatch(/keep\s+README\.md/);
  });

  it('--check exits 1 after an edit and 0 when in sync, writing nothing', async () => {
    const dir = tempDir();
    await cli('new', 'starter', dir, '--no-input');
    expect((await cli('new', 'starter', dir, '--no-input', '--check')).code).toBe(0);
    writeFileSync(join(dir, '.gitignore'), 'mine\n');
    const before = snapshotTree(dir);
    expect((await cli('new', 'starter', dir, '--no-input', '--check')).code).toBe(1);
    expect((await cli('new', 'starter', dir, '--no-input', '--check', '--set', 'projectName=other')).code).toBe(1);
    expect(snapshotTree(dir)).toEqual(before);
  });

  it('--dry-run prints the plan and a unified diff, and writes nothing', async () => {
    const dir = tempDir();
    await cli('new', 'starter', dir, '--no-input');
    const before = snapshotTree(dir);
    const r = await cli('new', 'starter', dir, '--no-input', '--dry-run', '--set', 'ignore=coverage/');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/update\s+\.gitignore/);
    expect(r.stdout).toContain('+++ b/.gitignore');
    expect(r.stdout).toMatch(/^\+coverage\/$/m);
    expect(snapshotTree(dir)).toEqual(before);
  });

  it('--format json describes the plan', async () => {
    const dir = tempDir();
    const r = await cli('new', 'starter', dir, '--no-input', '--dry-run', '--format', 'json');
    const plan = JSON.parse(r.stdout);
    expect(plan.entries.map((e: { path: string; action: string }) => [e.path, e.action])).toEqual([
      ['.gitignore', 'create'],
      ['README.md', 'create'],
    ]);
  });

  it('update re-renders with the recorded options plus the changes given', async () => {
    const dir = tempDir();
    await cli('new', 'starter', dir, '--no-input', '--set', 'ignore=a/');
    const r = await cli('update', dir, '--no-input', '--set', 'license=MIT');
    expect(r.code).toBe(0);
    const manifest = JSON.parse(readFileSync(join(dir, '.catalyst-gen/manifest.json'), 'utf8'));
    expect(manifest.options).toMatchObject({ ignore: ['a/'], license: 'MIT' });
    expect(readFileSync(join(dir, '.gitignore'), 'utf8')).toMatch(/^a\/$/m);
  });
});

describe('bad input gets a clear error and loses nothing', () => {
  it('unknown blueprint: exit 2 and the nearest id', async () => {
    const dir = tempDir();
    const r = await cli('new', 'startr', dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('Unknown blueprint "startr". Did you mean "starter"?');
    expect(snapshotTree(dir)).toEqual({});
  });

  it('unknown option and wrong types: all at once, exit 1, nothing written', async () => {
    const dir = join(tempDir(), 'p');
    const r = await cli('new', 'starter', dir, '--no-input', '--set', 'colour=red', '--set', 'license=GPL', '--set', 'ignore=[1]');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('Unknown option "colour"');
    expect(r.stderr).toMatch(/Option "license" is "GPL", which is not allowed; expected one of "Apache-2.0", "MIT", "UNLICENSED"/);
    expect(r.stderr).toMatch(/Option "ignore\.0" is a number 1; expected string/);
    expect(existsSync(dir)).toBe(false);
  });

  it('malformed options file: line and column, exit 1, nothing written', async () => {
    const root = tempDir();
    const opts = join(root, 'opts.yaml');
    writeFileSync(opts, 'projectName: demo\nignore: [a, b\nlicense: MIT\n');
    const r = await cli('new', 'starter', join(root, 'p'), '--no-input', '--options', opts);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/opts\.yaml:\d+:\d+: error YAML-SYNTAX/);
    expect(existsSync(join(root, 'p'))).toBe(false);
  });

  it('invalid value in an options file points at its line', async () => {
    const root = tempDir();
    const opts = join(root, 'opts.yaml');
    writeFileSync(opts, 'projectName: demo\nlicense: GPL\n');
    const r = await cli('new', 'starter', join(root, 'p'), '--no-input', '--options', opts);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/opts\.yaml:2:10: error OPTION-ENUM/);
    expect(r.stderr).toContain('license: GPL');
  });

  it('an option that becomes a path cannot traverse', async () => {
    const dir = tempDir();
    const r = await cli('new', 'starter', dir, '--no-input', '--set', 'projectName=../../etc');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/Option "projectName" is "\.\.\/\.\.\/etc"/);
    expect(snapshotTree(dir)).toEqual({});
  });

  it('a symlink inside the target that points outside is refused', async () => {
    const root = tempDir();
    const outside = join(root, 'outside');
    const dir = join(root, 'project');
    mkdirSync(outside);
    mkdirSync(dir);
    symlinkSync(join(outside, 'stolen'), join(dir, '.gitignore'));
    const r = await cli('new', 'starter', dir, '--no-input');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/symbolic link/);
    expect(existsSync(join(outside, 'stolen'))).toBe(false);
    expect(existsSync(join(dir, 'README.md'))).toBe(false);
  });

  it('a manifest with a path outside the folder is refused, not followed', async () => {
    const dir = tempDir();
    mkdirSync(join(dir, '.catalyst-gen'));
    writeFileSync(
      join(dir, '.catalyst-gen/manifest.json'),
      JSON.stringify({ manifestVersion: 1, generator: { name: 'catalyst-gen', version: '0' }, blueprint: { id: 'starter', version: '1' }, options: {}, files: { '../../x': { sha256: 'a'.repeat(64), mode: 'managed' } } }),
    );
    const r = await cli('new', 'starter', dir, '--no-input');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('not a safe relative path');
    expect(existsSync(join(dir, 'README.md'))).toBe(false);
  });

  it('a folder generated from another blueprint is a conflict', async () => {
    const dir = tempDir();
    await cli('new', 'starter', dir, '--no-input');
    const m = join(dir, '.catalyst-gen/manifest.json');
    writeFileSync(m, readFileSync(m, 'utf8').replace('"id": "starter"', '"id": "other"'));
    const r = await cli('new', 'starter', dir, '--no-input');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('was generated from blueprint "other"');
  });

  it('a target that is a file is a usage error, before anything is asked or written', async () => {
    const root = tempDir();
    const dir = join(root, 'taken');
    writeFileSync(dir, 'I am a file\n');
    const r = await cli('new', 'starter', dir, '--no-input');
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`error: ${dir} is a file, not a folder: "new" makes a project in a folder (a new or empty one, or one it made before).\n`);
    expect(readFileSync(dir, 'utf8')).toBe('I am a file\n');
    expect(snapshotTree(root)).toEqual({ taken: 'I am a file\n' });
  });

  it('missing required options without a TTY: every one listed, exit 1', async () => {
    const bp = defineBlueprint<{ a: string; b: { c: number } }>({
      id: 'needs-input',
      displayName: 'x',
      description: 'x',
      version: '1.0.0',
      options: {
        type: 'object',
        required: ['a', 'b'],
        properties: { a: { type: 'string' }, b: { type: 'object', required: ['c'], properties: { c: { type: 'integer' } } } },
      },
      defaults: { b: {} as { c: number } },
      render: () => ({ files: [] }),
    });
    const o = { out: () => {}, err: () => {}, color: false, stdinIsTty: false };
    const err = await resolveOptions(bp, { sets: [], interactive: false }, o).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ValidationError);
    const messages = (err as ValidationError).diagnostics.map((d) => d.message);
    expect(messages).toEqual(expect.arrayContaining(['Option "a" is required and has no value.', 'Option "b.c" is required and has no value.']));
    expect((err as ValidationError).exitCode).toBe(1);
  });
});

describe('the other commands', () => {
  it('list prints the catalogue as a table and as JSON', async () => {
    expect((await cli('list')).stdout).toMatch(/^ID\s+VERSION\s+DESCRIPTION$/m);
    const json = JSON.parse((await cli('list', '--json')).stdout);
    expect(json.map((b: { id: string }) => b.id)).toContain('starter');
  });

  it('show documents every option with type, default and allowed values', async () => {
    const r = await cli('show', 'starter');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/license\s+string/);
    expect(r.stdout).toContain('allowed: "Apache-2.0", "MIT", "UNLICENSED"');
    expect(r.stdout).toContain('default: "my-project"');
  });

  it('usage errors exit 2; --help and --version exit 0', async () => {
    expect((await cli('frobnicate')).code).toBe(2);
    expect((await cli('new')).code).toBe(2);
    expect((await cli('new', 'starter', '--format', 'xml')).code).toBe(2);
    const help = await cli('--help');
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('validate');
    expect((await cli('new', '--help')).stdout).toContain('--dry-run');
    expect((await cli('--version')).stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it('validate reports YAML problems with file:line:col, a caret and exit 1', async () => {
    const dir = tempDir();
    const f = join(dir, 'broken.yaml');
    writeFileSync(f, 'a: 1\na: 2\n');
    const r = await cli('validate', f, '--format', 'text');
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/broken\.yaml:2:1: error YAML-DUPLICATE-KEY/);
    expect(r.stdout).toMatch(/^\s+2 \| a: 2$/m);
    expect(r.stdout).toMatch(/^\s+\| \^$/m);
    const json = JSON.parse((await cli('validate', f, '--format', 'json')).stdout);
    expect(json.diagnostics.find((d: { code: string }) => d.code === 'YAML-DUPLICATE-KEY')).toMatchObject({ line: 2, col: 1, severity: 'error' });
  });

  it('schema with no argument lists the schemas; an unknown one is a usage error', async () => {
    expect((await cli('schema')).code).toBe(0);
    expect((await cli('schema', 'nope')).code).toBe(2);
  });
});

describe('file modes', () => {
  it('generated files are readable, not executable', async () => {
    const dir = tempDir();
    await cli('new', 'starter', dir, '--no-input');
    expect(statSync(join(dir, 'README.md')).mode & 0o777).toBe(0o644);
  });
});


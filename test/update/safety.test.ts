import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InternalError, ValidationError } from '../../src/errors.js';
import { applyChanges } from '../../src/io/apply.js';
import { applyGeneration } from '../../src/io/generate.js';
import { parseManifest, sha256 } from '../../src/io/manifest.js';
import { TargetFolder } from '../../src/io/target.js';
import { prepareUpdate } from '../../src/io/update.js';
import { defineBlueprint } from '../../src/model/blueprint.js';
import { renderProject } from '../../src/render/project.js';
import { tempDir } from '../helpers/cli.js';
import { demoBlueprint, generate, statTree } from './fixture.js';

const MANIFEST = '.catalyst-gen/manifest.json';
const read = (dir: string, p: string) => readFileSync(join(dir, p), 'utf8');

/** Add an entry to the manifest on disk with the real hash of the file, as an attacker (or a bad merge) would. */
function plant(dir: string, path: string, content: string): void {
  mkdirSync(join(dir, path, '..'), { recursive: true });
  writeFileSync(join(dir, path), content);
  const m = JSON.parse(read(dir, MANIFEST));
  m.files[path] = { sha256: sha256(content), mode: 'managed' };
  writeFileSync(join(dir, MANIFEST), JSON.stringify(m, null, 2) + '\n');
}

describe('the manifest cannot make update touch files that are not generated', () => {
  for (const path of ['.git/hooks/pre-commit', 'sub/.git/config', '.GIT/config', '.catalyst-gen/ownership', '.catalyst-gen/base/README.md']) {
    it(`refuses a manifest entry "${path}", and update leaves the file alone`, () => {
      const bp = demoBlueprint();
      const dir = tempDir('cg-safe-');
      generate(bp, dir, {});
      plant(dir, path, '#!/bin/sh\necho hook\n');
      const parsed = parseManifest(read(dir, MANIFEST));
      expect(parsed).toMatchObject({ ok: false, reason: expect.stringContaining(`"${path}" cannot be a generated file`) });
      const before = statTree(dir);
      expect(() => prepareUpdate({ blueprint: bp, options: bp.defaults, targetDir: dir, toolVersion: '0.0.0-test' })).toThrow(ValidationError);
      expect(existsSync(join(dir, path))).toBe(true);
      expect(statTree(dir)).toEqual(before);
    });
  }

  it('still accepts look-alikes that are ordinary files (.gitignore, .github/, x.catalyst-gen/)', () => {
    const files = Object.fromEntries(['.gitignore', '.github/workflows/a.yml', 'x/.catalyst-gen/a', '.git-blame-ignore-revs'].map((p) => [p, { sha256: sha256(p), mode: 'managed' }]));
    const text = JSON.stringify({ manifestVersion: 1, generator: { name: 'catalyst-gen', version: '1' }, blueprint: { id: 'b', version: '1' }, options: {}, files });
    expect(parseManifest(text).ok).toBe(true);
  });

  it('a blueprint cannot render into .git or .catalyst-gen either (a bug in the blueprint: internal error)', () => {
    for (const path of ['.git/hooks/post-checkout', 'a/.git/config', '.catalyst-gen/manifest.json']) {
      const def = { files: [{ type: 'text' as const, path, content: 'x' }] };
      let err: unknown;
      try {
        renderProject(def, { blueprintId: 'bad', templates: new Map() });
      } catch (e) {
        err = e;
      }
      expect(err, path).toBeInstanceOf(InternalError);
      expect((err as Error).message).toContain(`renders "${path}"`);
    }
  });

  it('never removes anything but a plain file, and then nothing at all is done', () => {
    const dir = tempDir('cg-safe-');
    mkdirSync(join(dir, 'adir'));
    writeFileSync(join(dir, 'adir', 'keep.txt'), 'x');
    const target = new TargetFolder(dir);
    expect(() => applyChanges({ writes: [{ path: 'new.txt', content: 'n', executable: false }], removes: ['adir'] }, target)).toThrow(ValidationError);
    expect(existsSync(join(dir, 'adir', 'keep.txt'))).toBe(true);
    expect(existsSync(join(dir, 'new.txt'))).toBe(false);
  });
});

describe('what update reports as removed', () => {
  it('counts project files only, never the base copies it drops from .catalyst-gen/', () => {
    const bp = demoBlueprint();
    const dir = tempDir('cg-safe-');
    generate(bp, dir, {});
    writeFileSync(join(dir, 'scripts/legacy.sh'), 'echo legacy\necho mine\n'); // changed: kept, its base copy dropped
    const prepared = prepareUpdate({ blueprint: bp, options: { ...bp.defaults, legacyFile: false }, targetDir: dir, toolVersion: '0.0.0-test' });
    const result = applyGeneration(prepared);
    expect(existsSync(join(dir, '.catalyst-gen/base/scripts/legacy.sh'))).toBe(false);
    expect(result.removed).toEqual([]);
    expect(existsSync(join(dir, 'scripts/legacy.sh'))).toBe(true);
  });
});

describe('the manifest after a catalyst-gen upgrade', () => {
  it('is not rewritten by a run that changes nothing but the tool version; it is updated with the next real change', () => {
    const bp = demoBlueprint();
    const dir = tempDir('cg-safe-');
    generate(bp, dir, {});
    const before = statTree(dir);
    const noop = prepareUpdate({ blueprint: bp, options: bp.defaults, targetDir: dir, toolVersion: '99.0.0' });
    expect(noop.changes.manifest).toBeUndefined();
    applyGeneration(noop);
    expect(statTree(dir)).toEqual(before);
    expect(JSON.parse(read(dir, MANIFEST)).generator.version).toBe('0.0.0-test');

    const real = prepareUpdate({ blueprint: bp, options: { ...bp.defaults, audit: true }, targetDir: dir, toolVersion: '99.0.0' });
    applyGeneration(real);
    expect(JSON.parse(read(dir, MANIFEST)).generator.version).toBe('99.0.0');
  });

  it('a hand-garbled manifest that still parses is rewritten in canonical form', () => {
    const bp = defineBlueprint({ id: 'one', displayName: 'one', description: 'one', version: '1.0.0', options: { type: 'object' }, defaults: {}, render: () => ({ files: [{ type: 'text', path: 'a.txt', content: 'a' }] }) });
    const dir = tempDir('cg-safe-');
    generate(bp, dir, {});
    writeFileSync(join(dir, MANIFEST), JSON.stringify(JSON.parse(read(dir, MANIFEST))));
    expect(prepareUpdate({ blueprint: bp, options: {}, targetDir: dir, toolVersion: '0.0.0-test' }).changes.manifest).toBeDefined();
  });
});

describe('the conflict report of update', () => {
  it('names each place with your value and the blueprint\'s, and mentions markers only for files that got them', async () => {
    const { conflictReport } = await import('../../src/cli/commands/new.js');
    const bp = demoBlueprint();
    const dir = tempDir('cg-safe-');
    generate(bp, dir, {});
    writeFileSync(join(dir, 'devfile.yaml'), read(dir, 'devfile.yaml').replace('value: eu-west-1', 'value: eu-central-1 # ours'));
    const devfileOnly = prepareUpdate({ blueprint: bp, options: { ...bp.defaults, region: 'us-west-2' }, targetDir: dir, toolVersion: '0.0.0-test' });
    const conflicts = devfileOnly.plan.entries.filter((e) => e.action === 'conflict');
    expect(conflicts.map((e) => e.path)).toEqual(['devfile.yaml']);
    const text = conflictReport(conflicts);
    expect(text).toContain('/components/0/container/env/0/value: you and the blueprint both changed it; yours: "eu-central-1", the blueprint\'s: "us-west-2"');
    expect(text).not.toContain('<<<<<<<');
    expect(text).toContain('devfile.yaml was left as it is (no markers)');
    expect(text).toContain('edit it to the values you want and run "catalyst-gen update" again');
    expect(text).toContain('"devfile.yaml keep-mine" in .catalyst-gen/ownership');
    expect(text).toContain('"catalyst-gen update --force"');

    writeFileSync(join(dir, 'README.md'), read(dir, 'README.md').replace('Deployed to eu-west-1.', 'Deployed to mars.'));
    const both = prepareUpdate({ blueprint: bp, options: { ...bp.defaults, region: 'us-west-2' }, targetDir: dir, toolVersion: '0.0.0-test' });
    const report = conflictReport(both.plan.entries.filter((e) => e.action === 'conflict'));
    expect(report).toMatch(/In README\.md: keep the right lines between the markers \(<<<<<<< yours/);
    expect(report).not.toMatch(/In [^\n]*devfile\.yaml[^\n]*: keep the right lines/);
  });
});

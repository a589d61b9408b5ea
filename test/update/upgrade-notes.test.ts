import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { prepareUpdate } from '../../src/io/update.js';
import { definitionProblems, type Blueprint } from '../../src/model/blueprint.js';
import { upgradeNotesBetween } from '../../src/model/upgrade-notes.js';
import { threeTierWeb } from '../../blueprints/three-tier-web/index.js';
import { cli, tempDir } from '../helpers/cli.js';
import { DEMO_DEFAULTS, demoBlueprint, generate, type DemoOptions } from './fixture.js';

const NOTES = { '1.1.0': 'one-one', '2.0.0': 'two', '1.0.1': 'one-zero-one', '3.0.0': 'not yet released' };

describe('upgradeNotesBetween', () => {
  it('gives every note after the recorded version up to the new one, oldest first', () => {
    expect(upgradeNotesBetween(NOTES, '1.0.0', '2.0.0')).toEqual([
      { version: '1.0.1', note: 'one-zero-one' },
      { version: '1.1.0', note: 'one-one' },
      { version: '2.0.0', note: 'two' },
    ]);
    expect(upgradeNotesBetween(NOTES, '1.1.0', '2.0.0').map((n) => n.version)).toEqual(['2.0.0']);
  });

  it('says nothing when the version does not move forward, or is not semver', () => {
    expect(upgradeNotesBetween(NOTES, '2.0.0', '2.0.0')).toEqual([]);
    expect(upgradeNotesBetween(NOTES, '3.0.0', '2.0.0')).toEqual([]);
    expect(upgradeNotesBetween(NOTES, 'main', '2.0.0')).toEqual([]);
    expect(upgradeNotesBetween(undefined, '1.0.0', '2.0.0')).toEqual([]);
  });

  it('a definition with a note keyed by something other than a version is refused', () => {
    const bp = { ...demoBlueprint(), upgradeNotes: { next: 'soon', '2.0.0': 'fine' } };
    expect(definitionProblems(bp)).toEqual(['upgradeNotes key "next" must be a semantic version such as 2.0.0']);
    expect(definitionProblems({ ...demoBlueprint(), upgradeNotes: { '2.0.0': 42 } })).toEqual(['upgradeNotes must map versions to text']);
  });
});

describe('update shows the upgrade notes of the versions it crosses', () => {
  const v2 = (): Blueprint<DemoOptions> => ({ ...demoBlueprint(), version: '2.0.0', upgradeNotes: { '1.5.0': 'first do this', '2.0.0': 'then this' } });

  it('from 1.0.0 to 2.0.0: both notes, oldest first, before the file warnings', () => {
    const dir = tempDir('upgrade-notes');
    generate(demoBlueprint(), dir, {});
    const prepared = prepareUpdate({ blueprint: v2(), options: { ...DEMO_DEFAULTS }, targetDir: dir, force: false, toolVersion: 'test' });
    expect(prepared.plan.warnings?.slice(0, 2)).toEqual(['blueprint update-demo 1.5.0: first do this', 'blueprint update-demo 2.0.0: then this']);
  });

  it('a project already at 2.0.0 hears nothing', () => {
    const dir = tempDir('upgrade-notes-current');
    generate(v2(), dir, {});
    const prepared = prepareUpdate({ blueprint: v2(), options: { ...DEMO_DEFAULTS }, targetDir: dir, force: false, toolVersion: 'test' });
    expect(prepared.plan.warnings ?? []).not.toContainEqual(expect.stringContaining('blueprint update-demo'));
  });
});

describe('three-tier-web projects made before 2.0.0', () => {
  it('update says the kept stack needs the apiAuthorization prop, and how to see the new one', async () => {
    const dir = tempDir('upgrade-three-tier');
    expect((await cli('new', 'three-tier-web', dir, '--no-input')).code).toBe(0);
    // A project recorded as made by 1.1.0 (the release before API authorization).
    const manifestPath = join(dir, '.catalyst-gen/manifest.json');
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
    manifest.blueprint.version = '1.1.0';
    writeFileSync(manifestPath, JSON.stringify(manifest, null, 2) + '\n');

    const r = await cli('update', dir, '--no-input', '--dry-run');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain(`Blueprint "three-tier-web": 1.1.0 -> ${threeTierWeb.version}`);
    const note = r.stderr.split('\n').find((l) => l.includes('blueprint three-tier-web 2.0.0:'));
    expect(note, r.stderr).toBeDefined();
    expect(note).toContain('apiAuthorization');
    expect(note).toContain('infra/lib/three-tier-stack.ts');
    expect(note).toContain('catalyst-gen new three-tier-web <empty folder> --no-input');
  });
});

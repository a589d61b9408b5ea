import { existsSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { hasErrors } from '../../src/model/diagnostic.js';
import { validateText } from '../../src/validate/file.js';
import { tempDir } from '../helpers/cli.js';
import { actions, demoBlueprint, generate, statTree, update } from './fixture.js';

const WF = '.codecatalyst/workflows/ci.yaml';
const read = (dir: string, p: string) => readFileSync(join(dir, p), 'utf8');
const edit = (dir: string, p: string, fn: (s: string) => string) => {
  const before = read(dir, p);
  const after = fn(before);
  if (after === before) throw new Error(`edit of ${p} changed nothing`);
  writeFileSync(join(dir, p), after);
};
const manifest = (dir: string) => JSON.parse(read(dir, '.catalyst-gen/manifest.json'));

/** The user edits of the main scenario: a workflow step, a devfile env variable with a comment, a README paragraph, a seed file. */
function userEdits(dir: string): void {
  edit(dir, WF, (s) => s.replace('        - Run: npm test\n', '        - Run: npm test\n        # our own lint step\n        - Run: npm run lint\n'));
  edit(dir, 'devfile.yaml', (s) => s.replace('          value: dev\n', '          value: dev\n        # token for the integration tests\n        - name: MY_TOKEN_PATH\n          value: /tmp/token\n'));
  edit(dir, 'README.md', (s) => s.replace('- `.codecatalyst/workflows/ci.yaml`: CI\n', '- `.codecatalyst/workflows/ci.yaml`: CI\n\nOur team deploys on Tuesdays only.\n'));
  edit(dir, 'NOTES.md', () => 'my notes\n');
}

const CHANGE = { branch: 'release', region: 'us-west-2', audit: true };

describe('update: render, user edits, option change, update', () => {
  it('keeps every user edit, applies every blueprint change, changes nothing else, and everything validates', () => {
    const bp = demoBlueprint();
    const dir = tempDir('cg-up-');
    generate(bp, dir, {});
    userEdits(dir);
    const ours = statTree(dir);
    const theirs = new Map([...prepareTheirs(bp, CHANGE)].map(([p, f]) => [p, f.content]));

    const { prepared, conflict } = update(bp, dir, CHANGE);
    expect(conflict).toBeUndefined();
    expect(actions(prepared)).toEqual({
      [WF]: 'merge',
      'devfile.yaml': 'merge',
      'README.md': 'merge',
      'NOTES.md': 'keep',
      'scripts/legacy.sh': 'unchanged',
      // The editor settings for the workflow and the devfile: the options do not change them.
      '.vscode/schemas/devfile.schema.json': 'unchanged',
      '.vscode/schemas/workflow.lenient.schema.json': 'unchanged',
      '.vscode/settings.json': 'unchanged',
    });

    // Workflow: exactly the new render plus the user's step, and the user's comment.
    const wf = read(dir, WF);
    const expectedWf = parse(theirs.get(WF)!);
    expectedWf.Actions.Build.Configuration.Steps.push({ Run: 'npm run lint' });
    expect(parse(wf)).toEqual(expectedWf);
    expect(wf).toContain('# our own lint step\n        - Run: npm run lint\n');
    expect(expectedWf.Triggers[0].Branches).toEqual(['release']);

    // Devfile (user-owned, merged by edits): the new region, the user's variable and its comment.
    const devfile = read(dir, 'devfile.yaml');
    const expectedDevfile = parse(theirs.get('devfile.yaml')!);
    expectedDevfile.components[0].container.env.push({ name: 'MY_TOKEN_PATH', value: '/tmp/token' });
    expect(parse(devfile)).toEqual(expectedDevfile);
    expect(devfile).toContain('# token for the integration tests\n');

    // README: the new render with the user's paragraph where the user put it, nothing else.
    const readme = read(dir, 'README.md');
    expect(readme.replace('\nOur team deploys on Tuesdays only.\n', '')).toBe(theirs.get('README.md'));
    expect(readme).toMatch(/CI\n\nOur team deploys on Tuesdays only\.\n\n## Region/);

    // Seed file: never touched after creation. Untouched file: byte for byte and inode for inode.
    expect(read(dir, 'NOTES.md')).toBe('my notes\n');
    const after = statTree(dir);
    expect(after['scripts/legacy.sh']).toEqual(ours['scripts/legacy.sh']);
    expect(Object.keys(after).filter((p) => !p.startsWith('.catalyst-gen/')).sort()).toEqual(Object.keys(ours).filter((p) => !p.startsWith('.catalyst-gen/')).sort());

    for (const [p, kind] of [[WF, 'workflow'], ['devfile.yaml', 'devfile']] as const) {
      expect(hasErrors(validateText(read(dir, p), p, kind)), p).toBe(false);
    }
    expect(manifest(dir).options).toMatchObject(CHANGE);
  });

  it('a second update with the same options is a no-op: no file rewritten (same content, inode and mtime)', () => {
    const bp = demoBlueprint();
    const dir = tempDir('cg-up-');
    generate(bp, dir, {});
    userEdits(dir);
    update(bp, dir, CHANGE);
    const once = statTree(dir);
    const { prepared } = update(bp, dir, CHANGE);
    expect(new Set(Object.values(actions(prepared)))).toEqual(new Set(['unchanged', 'keep']));
    expect(prepared.changes).toEqual({ writes: [], internal: [], removes: [], internalRemoves: [] });
    expect(statTree(dir)).toEqual(once);
  });

  it('update with no changes right after new rewrites nothing, not even the manifest', () => {
    const bp = demoBlueprint();
    const dir = tempDir('cg-up-');
    generate(bp, dir, {});
    // `new` already stores the base of every file it wrote.
    for (const p of [WF, 'devfile.yaml', 'README.md', 'NOTES.md', 'scripts/legacy.sh']) expect(read(dir, `.catalyst-gen/base/${p}`)).toBe(read(dir, p));
    const before = statTree(dir);
    const { prepared } = update(bp, dir, {});
    expect(Object.values(actions(prepared)).every((a) => a === 'unchanged')).toBe(true);
    expect(statTree(dir)).toEqual(before);
  });
});

describe('update: conflicts', () => {
  it('overlapping edits: markers in managed files, user-owned YAML left alone, every conflicted file listed, nothing else lost', () => {
    const bp = demoBlueprint();
    const dir = tempDir('cg-up-');
    generate(bp, dir, {});
    edit(dir, WF, (s) => s.replace('- main', '- develop'));
    edit(dir, 'README.md', (s) => s.replace('Deployed to eu-west-1.', 'Deployed to eu-central-1 (we moved).'));
    edit(dir, 'devfile.yaml', (s) => s.replace('value: eu-west-1', 'value: eu-central-1 # ours'));
    const devfileBefore = read(dir, 'devfile.yaml');

    const { prepared, conflict } = update(bp, dir, CHANGE);
    expect(conflict?.paths).toEqual([WF, 'README.md', 'devfile.yaml']);
    expect(prepared.plan.entries.find((e) => e.path === 'devfile.yaml')?.details).toEqual(['/components/0/container/env/0/value: you and the blueprint both changed it; yours: "eu-central-1", the blueprint\'s: "us-west-2"']);

    const wf = read(dir, WF);
    expect(wf).toContain('<<<<<<< yours\n      - develop\n=======\n      - release\n>>>>>>> blueprint\n');
    expect(wf).toContain('- Run: npm audit'); // the blueprint's change elsewhere in the same file is in
    expect(read(dir, 'README.md')).toContain('<<<<<<< yours\nDeployed to eu-central-1 (we moved).\n=======\nDeployed to us-west-2.\n>>>>>>> blueprint\n');
    expect(read(dir, 'README.md')).toContain('Builds on every push to `release`.');
    expect(read(dir, 'devfile.yaml')).toBe(devfileBefore);

    // Unresolved markers are never merged over; the devfile conflict is still reported.
    const again = update(bp, dir, CHANGE);
    expect(again.conflict?.paths).toEqual([WF, 'README.md', 'devfile.yaml']);
    expect(again.prepared.plan.entries.find((e) => e.path === WF)?.reason).toMatch(/still has conflict markers/);
    expect(again.prepared.changes.writes).toEqual([]);

    // Resolve: the user keeps their branch and the new region; then an update is clean and keeps that.
    edit(dir, WF, (s) => s.replace(/<<<<<<< yours\n(.*\n)=======\n.*\n>>>>>>> blueprint\n/, '$1'));
    edit(dir, 'README.md', (s) => s.replace(/<<<<<<< yours\n.*\n=======\n(.*\n)>>>>>>> blueprint\n/, '$1'));
    edit(dir, 'devfile.yaml', (s) => s.replace('eu-central-1 # ours', 'us-west-2 # ours'));
    const resolved = update(bp, dir, CHANGE);
    expect(resolved.conflict).toBeUndefined();
    expect(parse(read(dir, WF)).Triggers[0].Branches).toEqual(['develop']);
    expect(read(dir, 'README.md')).toContain('Deployed to us-west-2.\n');
    const stable = statTree(dir);
    expect(update(bp, dir, CHANGE).prepared.changes.writes).toEqual([]);
    expect(statTree(dir)).toEqual(stable);
  });

  it('a clean merge that would not validate is a conflict and is not written', () => {
    const bp = demoBlueprint();
    const dir = tempDir('cg-up-');
    generate(bp, dir, {});
    // The user adds an action depending on Build; the blueprint renames Build.
    edit(dir, WF, (s) => s + '  Deploy:\n    Identifier: aws/build@v1\n    DependsOn:\n      - Build\n    Configuration:\n      Steps:\n        - Run: ./deploy.sh\n    Compute:\n      Type: EC2\n');
    const before = read(dir, WF);
    const { prepared, conflict } = update(bp, dir, { buildAction: 'Compile' });
    expect(conflict?.paths).toEqual([WF]);
    const entry = prepared.plan.entries.find((e) => e.path === WF)!;
    expect(entry.reason).toMatch(/would not be valid/);
    expect(entry.details?.join('\n')).toMatch(/WF-DEPENDS-MISSING/);
    expect(read(dir, WF)).toBe(before);
  });

  it('--force lets the blueprint win the conflicts', () => {
    const bp = demoBlueprint();
    const dir = tempDir('cg-up-');
    generate(bp, dir, {});
    edit(dir, WF, (s) => s.replace('- main', '- develop'));
    const { conflict } = update(bp, dir, CHANGE, { force: true });
    expect(conflict).toBeUndefined();
    expect(read(dir, WF)).toBe(prepareTheirs(demoBlueprint(), CHANGE).get(WF)!.content);
  });
});

describe('update: files that come and go', () => {
  it('removes a file no longer rendered only when unchanged; a changed one is kept and reported', () => {
    const bp = demoBlueprint();
    const untouched = tempDir('cg-up-');
    generate(bp, untouched, {});
    const r1 = update(bp, untouched, { legacyFile: false });
    expect(actions(r1.prepared)['scripts/legacy.sh']).toBe('remove');
    expect(existsSync(join(untouched, 'scripts'))).toBe(false);
    expect(existsSync(join(untouched, '.catalyst-gen/base/scripts/legacy.sh'))).toBe(false);
    expect(manifest(untouched).files['scripts/legacy.sh']).toBeUndefined();

    const changed = tempDir('cg-up-');
    generate(bp, changed, {});
    edit(changed, 'scripts/legacy.sh', (s) => s + 'echo mine\n');
    const r2 = update(bp, changed, { legacyFile: false });
    expect(r2.prepared.plan.removals).toEqual([expect.objectContaining({ path: 'scripts/legacy.sh', action: 'keep', reason: expect.stringMatching(/you changed it/) })]);
    expect(read(changed, 'scripts/legacy.sh')).toBe('echo legacy\necho mine\n');
    expect(manifest(changed).files['scripts/legacy.sh']).toBeUndefined();
  });

  it('a file the user deleted stays deleted unless the blueprint changed it', () => {
    const bp = demoBlueprint();
    const dir = tempDir('cg-up-');
    generate(bp, dir, {});
    unlinkSync(join(dir, 'README.md'));
    unlinkSync(join(dir, 'NOTES.md'));
    const same = update(bp, dir, { audit: true }); // touches the workflow only
    expect(actions(same.prepared)).toMatchObject({ 'README.md': 'keep', 'NOTES.md': 'keep', [WF]: 'update' });
    expect(existsSync(join(dir, 'README.md'))).toBe(false);
    const changed = update(bp, dir, { audit: true, region: 'us-east-1' });
    expect(actions(changed.prepared)).toMatchObject({ 'README.md': 'create', 'NOTES.md': 'keep' });
    expect(read(dir, 'README.md')).toContain('Deployed to us-east-1.');
    expect(existsSync(join(dir, 'NOTES.md'))).toBe(false); // a seed file is never recreated
  });
});

describe('update: per-path strategies', () => {
  it('keep-mine, take-blueprint and never-touch from .catalyst-gen/ownership; the last match wins over blueprint defaults', () => {
    const bp = demoBlueprint({ ownership: [{ pattern: '*.md', strategy: 'keep-mine' }] });
    const dir = tempDir('cg-up-');
    generate(bp, dir, {});
    edit(dir, WF, (s) => s.replace('- main', '- develop'));
    edit(dir, 'README.md', (s) => 'mine\n' + s);
    edit(dir, 'devfile.yaml', (s) => s.replace('value: dev', 'value: mine'));
    unlinkSync(join(dir, 'scripts/legacy.sh'));
    writeFileSync(
      join(dir, '.catalyst-gen/ownership'),
      ['# strategies', '.codecatalyst/**   take-blueprint', 'README.md merge   # overrides the blueprint default', 'devfile.yaml keep-mine', 'scripts/*  never-touch', ''].join('\n'),
    );
    const { prepared, conflict } = update(bp, dir, { ...CHANGE, legacyFile: true });
    expect(conflict).toBeUndefined();
    expect(actions(prepared)).toMatchObject({ [WF]: 'update', 'README.md': 'merge', 'devfile.yaml': 'keep', 'scripts/legacy.sh': 'keep' });
    expect(parse(read(dir, WF)).Triggers[0].Branches).toEqual(['release']);
    expect(read(dir, 'README.md')).toMatch(/^mine\n# demo\n[^]*Deployed to us-west-2\.\n$/);
    expect(read(dir, 'devfile.yaml')).toContain('value: mine');
    expect(read(dir, 'devfile.yaml')).toContain('value: eu-west-1');
    expect(existsSync(join(dir, 'scripts/legacy.sh'))).toBe(false);
  });

  it('a bad ownership file is refused with its line and column, before anything is written', () => {
    const bp = demoBlueprint();
    const dir = tempDir('cg-up-');
    generate(bp, dir, {});
    writeFileSync(join(dir, '.catalyst-gen/ownership'), 'README.md merge\n*.yaml take-blueprnt\n');
    const before = statTree(dir);
    expect(() => update(bp, dir, CHANGE)).toThrow(/ownership has errors/);
    try {
      update(bp, dir, CHANGE);
    } catch (e) {
      expect((e as { diagnostics: unknown[] }).diagnostics).toEqual([expect.objectContaining({ code: 'OWNERSHIP-STRATEGY', line: 2, col: 8, fix: 'Did you mean "take-blueprint"?' })]);
    }
    expect(statTree(dir)).toEqual(before);
  });
});

describe('update: the base', () => {
  it('is stored under .catalyst-gen/base with its hash in the manifest', () => {
    const bp = demoBlueprint();
    const dir = tempDir('cg-up-');
    generate(bp, dir, {});
    edit(dir, 'README.md', (s) => 'intro\n' + s);
    update(bp, dir, CHANGE);
    const theirs = prepareTheirs(bp, CHANGE).get('README.md')!.content;
    expect(read(dir, '.catalyst-gen/base/README.md')).toBe(theirs);
    const entry = manifest(dir).files['README.md'];
    expect(entry.base).toMatch(/^[0-9a-f]{64}$/);
    expect(entry.base).not.toBe(entry.sha256);
  });

  it('a missing or altered copy is re-rendered when the blueprint still renders it identically', () => {
    const bp = demoBlueprint();
    const dir = tempDir('cg-up-');
    generate(bp, dir, {});
    edit(dir, 'README.md', (s) => 'intro\n' + s);
    rmSync(join(dir, '.catalyst-gen/base/README.md'));
    writeFileSync(join(dir, '.catalyst-gen/base', WF), 'tampered: true\n');
    edit(dir, WF, (s) => s + '# mine\n');
    const { conflict } = update(bp, dir, CHANGE);
    expect(conflict).toBeUndefined();
    expect(read(dir, 'README.md')).toMatch(/^intro\n# demo\n/);
    expect(read(dir, 'README.md')).toContain('Deployed to us-west-2.');
    expect(read(dir, WF)).toMatch(/# mine\n$/);
    expect(read(dir, '.catalyst-gen/base/README.md')).toBe(prepareTheirs(bp, CHANGE).get('README.md')!.content);
  });

  it('without a usable base an edited file is a conflict and is left as it is', () => {
    const v1 = demoBlueprint();
    const dir = tempDir('cg-up-');
    generate(v1, dir, {});
    edit(dir, 'README.md', (s) => 'intro\n' + s);
    rmSync(join(dir, '.catalyst-gen/base'), { recursive: true });
    // A later blueprint version renders the README differently for the same options: no base can be rebuilt.
    const v2 = { ...demoBlueprint(), render: (o: any) => { const d = demoBlueprint().render(o); return { files: d.files.map((f) => (f.path === 'README.md' ? { ...f, content: 'v2\n' } : f)) }; } } as typeof v1;
    const before = read(dir, 'README.md');
    const { prepared, conflict } = update(v2, dir, {});
    expect(conflict?.paths).toEqual(['README.md']);
    expect(prepared.plan.entries.find((e) => e.path === 'README.md')?.reason).toMatch(/last generated version .* is missing or altered/);
    expect(read(dir, 'README.md')).toBe(before);
  });
});

describe('update: state that lives outside the repository', () => {
  it('calls out a devfile change that wipes /home before anything is written', () => {
    const bp = demoBlueprint();
    const dir = tempDir('cg-up-');
    generate(bp, dir, {});
    const before = statTree(dir);
    const prepared = prepareUpdateOnly(bp, dir, { componentName: 'runtime' });
    expect(prepared.plan.warnings).toEqual([expect.stringMatching(/^devfile\.yaml: The main component changes from "aws-runtime" to "runtime": CodeCatalyst replaces \/home/)]);
    expect(statTree(dir)).toEqual(before);
    expect(prepareUpdateOnly(bp, dir, { region: 'us-east-1' }).plan.warnings).toEqual([]);
  });
});

import { renderBlueprint } from '../../src/io/generate.js';
import { prepareUpdate } from '../../src/io/update.js';

function prepareTheirs(bp: ReturnType<typeof demoBlueprint>, options: object) {
  return renderBlueprint(bp, { ...bp.defaults, ...options });
}

function prepareUpdateOnly(bp: ReturnType<typeof demoBlueprint>, dir: string, options: object) {
  return prepareUpdate({ blueprint: bp, options: { ...bp.defaults, ...options }, targetDir: dir, toolVersion: '0.0.0-test' });
}

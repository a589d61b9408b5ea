import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { mergeFileContent } from '../../src/edit/merge-file.js';
import { mergeYamlEdits } from '../../src/edit/yaml-merge.js';

const devfileBase = `schemaVersion: 2.0.0
metadata:
  name: aws-universal
components:
  - name: aws-runtime
    container:
      image: public.ecr.aws/aws-mde/universal-image:4.0
      env:
        - name: STAGE
          value: dev
commands:
  - id: build
    exec:
      component: aws-runtime
      commandLine: npm run build
`;

// The user pinned a comment on the image and added an env variable with a comment.
const devfileOurs = devfileBase
  .replace('image: public.ecr.aws/aws-mde/universal-image:4.0', 'image: public.ecr.aws/aws-mde/universal-image:4.0 # pinned by us')
  .replace('          value: dev\n', '          value: dev\n        # needed by our integration tests\n        - name: MY_TOKEN_PATH\n          value: /tmp/token\n');

// The blueprint bumped the memory, added its own env variable and a command.
const devfileTheirs = devfileBase
  .replace('      env:\n', '      memoryLimit: 4Gi\n      env:\n')
  .replace('          value: dev\n', '          value: dev\n        - name: AWS_REGION\n          value: eu-west-1\n')
  .concat('  - id: test\n    exec:\n      component: aws-runtime\n      commandLine: npm test\n');

describe('mergeYamlEdits', () => {
  it("applies the blueprint's changes as edits and keeps every user line and comment", () => {
    const r = mergeYamlEdits(devfileBase, devfileOurs, devfileTheirs);
    if (!r.ok) throw new Error(JSON.stringify(r));
    const value = parse(r.text);
    expect(value.components[0].container.memoryLimit).toBe('4Gi');
    expect(value.components[0].container.env).toEqual([
      { name: 'STAGE', value: 'dev' },
      { name: 'AWS_REGION', value: 'eu-west-1' },
      { name: 'MY_TOKEN_PATH', value: '/tmp/token' },
    ]);
    expect(value.commands.map((c: { id: string }) => c.id)).toEqual(['build', 'test']);
    expect(r.text).toContain('# needed by our integration tests\n        - name: MY_TOKEN_PATH');
    expect(r.text).toContain('universal-image:4.0 # pinned by us');
    // Every line of the user's file is still there, in order: the merge only added lines.
    const lines = r.text.split('\n');
    let at = 0;
    for (const l of devfileOurs.split('\n')) {
      at = lines.indexOf(l, at);
      expect(at, `line ${JSON.stringify(l)}`).toBeGreaterThanOrEqual(0);
    }
  });

  it('keeps the user layout of lines no edit touched (indentation style, quotes)', () => {
    const base = 'a: 1\nlist:\n- x\n- y\nname: "quoted"\n';
    const ours = 'a: 1\nlist:\n- x\n- y\n- mine\nname: "quoted"\n';
    const theirs = 'a: 2\nlist:\n  - x\n  - y\nname: quoted\n';
    const r = mergeYamlEdits(base, ours, theirs);
    expect(r).toEqual({ ok: true, changed: true, text: 'a: 2\nlist:\n- x\n- y\n- mine\nname: "quoted"\n' });
  });

  it('sets a changed scalar where the user left it, keeping its comment', () => {
    const r = mergeYamlEdits('image: a:1\nother: x\n', 'image: a:1 # why\nother: mine\n', 'image: a:2\nother: x\n');
    expect(r).toMatchObject({ ok: true, text: 'image: a:2 # why\nother: mine\n' });
  });

  it('deletes what the blueprint removed only where the user left it as generated', () => {
    expect(mergeYamlEdits('a: 1\nb: 2\nc: 3\n', 'a: 1\nb: 2\nc: 30\n', 'a: 1\nc: 3\n')).toMatchObject({ ok: true, text: 'a: 1\nc: 30\n' });
    expect(mergeYamlEdits('a: 1\nb: 2\n', 'a: 1\nb: 20\n', 'a: 1\n')).toEqual({
      ok: false,
      reason: 'conflict',
      conflicts: [{ pointer: '/b', message: 'you changed it and the blueprint removed it', ours: 20 }],
    });
  });

  it('reports a value both sides changed differently, with its pointer, and changes nothing', () => {
    const r = mergeYamlEdits(devfileBase, devfileBase.replace('name: aws-universal', 'name: mine'), devfileBase.replace('name: aws-universal', 'name: theirs'));
    expect(r).toEqual({ ok: false, reason: 'conflict', conflicts: [{ pointer: '/metadata/name', message: 'you and the blueprint both changed it', ours: 'mine', theirs: 'theirs' }] });
  });

  it('matches list items by name, then id, then value: a step added by each side survives', () => {
    const base = 'Steps:\n  - Run: npm ci\n  - Run: npm test\n';
    const ours = 'Steps:\n  - Run: npm ci\n  - Run: npm test\n  - Run: npm run lint # ours\n';
    const theirs = 'Steps:\n  - Run: npm ci\n  - Run: npm audit\n  - Run: npm test\n';
    const r = mergeYamlEdits(base, ours, theirs);
    expect(r).toMatchObject({ ok: true });
    expect(parse((r as { text: string }).text).Steps).toEqual([{ Run: 'npm ci' }, { Run: 'npm audit' }, { Run: 'npm test' }, { Run: 'npm run lint' }]);
  });

  it('an item without name or id that both sides changed is a conflict, never two versions side by side', () => {
    const base = 'Triggers:\n  - Type: PUSH\n    Branches:\n      - main\n';
    const r = mergeYamlEdits(base, base.replace('main', 'develop'), base.replace('main', 'release'));
    expect(r).toEqual({ ok: false, reason: 'conflict', conflicts: [expect.objectContaining({ pointer: '/Triggers', message: 'you and the blueprint both changed this list at the same place' })] });
  });

  it('refuses files it cannot edit safely', () => {
    expect(mergeYamlEdits('a: 1\n', 'a: [\n', 'a: 2\n')).toMatchObject({ ok: false, reason: 'unparseable' });
    expect(mergeYamlEdits('a: 1\n', 'a: 1\n---\nb: 2\n', 'a: 2\n')).toMatchObject({ ok: false, reason: 'unparseable', message: expect.stringContaining('line 2: The file holds 2 YAML documents') });
    expect(mergeYamlEdits('a: 1\n', 'x: &x 1\ny: *x\na: 1\n', 'a: 2\n')).toMatchObject({ ok: false, reason: 'unparseable', message: expect.stringContaining('aliases') });
  });
});

describe('mergeFileContent', () => {
  it('YAML: a line merge that overlaps falls back to mapping-level edits, so a clean result parses', () => {
    const r = mergeFileContent({ path: 'devfile.yaml', base: devfileBase, ours: devfileOurs, theirs: devfileTheirs, strategy: 'lines' });
    expect(r.status).toBe('clean');
    expect(r).toMatchObject({ how: 'yaml-edits' });
    expect(() => parse((r as { text: string }).text)).not.toThrow();
  });

  it('YAML: a true conflict is written with markers around the overlapping lines', () => {
    const r = mergeFileContent({ path: 'w.yaml', base: 'a: 1\nb: 2\n', ours: 'a: mine\nb: 2\n', theirs: 'a: theirs\nb: 2\n', strategy: 'lines' });
    expect(r).toEqual({ status: 'conflict', text: '<<<<<<< yours\na: mine\n=======\na: theirs\n>>>>>>> blueprint\nb: 2\n', details: ['/a: you and the blueprint both changed it; yours: "mine", the blueprint\'s: "theirs"'] });
  });

  it('merged (user-owned) YAML is never given markers', () => {
    const r = mergeFileContent({ path: 'devfile.yaml', base: 'a: 1\n', ours: 'a: mine\n', theirs: 'a: theirs\n', strategy: 'yaml-edits' });
    expect(r).toEqual({ status: 'conflict', details: ['/a: you and the blueprint both changed it; yours: "mine", the blueprint\'s: "theirs"'] });
  });

  it('JSON: a line merge that would not parse is a conflict, never written as clean', () => {
    const base = '{\n  "a": 1\n}\n';
    const r = mergeFileContent({ path: 'x.json', base, ours: '{\n  "a": 1,\n  "mine": 2\n}\n', theirs: '{\n  "a": 1,\n  "theirs": 3\n}\n', strategy: 'lines' });
    expect(r.status).toBe('conflict');
  });
});

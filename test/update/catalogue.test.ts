import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { diffArrays } from 'diff';
import { describe, expect, it } from 'vitest';
import { isMap, isSeq, parse, parseDocument, type YAMLMap } from 'yaml';
import { catalogue } from '../../blueprints/index.js';
import { renderBlueprint } from '../../src/io/generate.js';
import type { Blueprint } from '../../src/model/blueprint.js';
import type { FileMap } from '../../src/model/file-map.js';
import { YAML_OUTPUT_OPTIONS } from '../../src/render/serialize.js';
import { hasErrors } from '../../src/model/diagnostic.js';
import { validateText } from '../../src/validate/file.js';
import { cli, tempDir } from '../helpers/cli.js';
import { statTree } from './fixture.js';

/**
 * Per blueprint: an option change that touches files the user also edits (elsewhere in them). Options are
 * merged over the blueprint's defaults (which every catalogue blueprint has in full).
 */
const SCENARIOS: Record<string, { readonly change: Record<string, unknown> }> = {
  starter: { change: { ignore: ['coverage/'], projectName: 'renamed' } },
  // Everything but tsconfig.json and .gitignore is the author's (seed): the update must leave it alone.
  'blueprint-package': { change: { description: 'Pipelines that move data.', blueprintId: 'data-pipeline' } },
  'three-tier-web': { change: { appName: 'shop', branch: 'release', pythonRuntime: 'python3.13' } },
  'multi-account-control': { change: { branch: 'release', approvalsRequired: 2 } },
  'serverless-python': { change: { appName: 'photo-tags', branch: 'release', pythonRuntime: 'python3.13' } },
  // A second package tool: new login lines in the buildspec, the devfile's commands and the README.
  'private-build': { change: { branch: 'release', codeArtifact: { domain: 'private', domainOwner: '111111111111', repository: 'Private', tools: ['npm', 'pip'] } } },
  'secure-cdk-pipeline': {
    change: {
      source: { repository: 'my-org/secure-app', branch: 'release', connectionArn: 'arn:aws:codeconnections:us-east-1:111111111111:connection/00000000-0000-0000-0000-000000000000' },
      approverEmails: ['security@example.com', 'second@example.com'],
    },
  },
};

const USER_STEP = 'echo "a step the team added"';
const USER_PARAGRAPH = 'This paragraph was written by the team, not the blueprint.\n';

/** A step appended to the first action with steps, with a comment above it. */
function addWorkflowStep(text: string): string {
  const doc = parseDocument(text);
  const actions = doc.get('Actions') as YAMLMap;
  for (const pair of actions.items) {
    const steps = (pair.value as YAMLMap).getIn(['Configuration', 'Steps']);
    if (isSeq(steps)) {
      const step = doc.createNode({ Run: USER_STEP });
      step.commentBefore = ' added by the team';
      steps.items.push(step);
      return doc.toString(YAML_OUTPUT_OPTIONS);
    }
  }
  return text;
}

/** An env variable with a comment on the first container component of a devfile. */
function addDevfileEnv(text: string): string {
  const doc = parseDocument(text);
  const container = doc.getIn(['components', 0, 'container']);
  if (!isMap(container)) return text;
  const env = doc.createNode({ name: 'TEAM_VAR', value: 'team-value' });
  env.commentBefore = ' the team needs this';
  const list = container.get('env');
  if (isSeq(list)) list.items.push(env);
  else container.set('env', doc.createNode([]));
  if (!isSeq(list)) (container.get('env') as { items: unknown[] }).items.push(env);
  return doc.toString(YAML_OUTPUT_OPTIONS);
}

/** A paragraph inserted where the blueprint's change is at least two lines away, or undefined when there is no such place. */
function addParagraph(before: string, after: string): string | undefined {
  const lines = before.split(/(?<=\n)/);
  const changed = new Set<number>();
  let pos = 0;
  for (const c of diffArrays(lines, after.split(/(?<=\n)/))) {
    if (c.removed) for (let k = 0; k < c.count; k++) changed.add(pos + k);
    if (c.added) changed.add(pos).add(pos - 1);
    if (!c.added) pos += c.count;
  }
  for (let at = 1; at < lines.length; at++) {
    if ([at - 2, at - 1, at, at + 1].some((k) => changed.has(k))) continue;
    return [...lines.slice(0, at), '\n', USER_PARAGRAPH, ...lines.slice(at)].join('');
  }
  return undefined;
}

/** What the user's edit does to a parsed value, so the expected result can be computed from the new render. */
function expectedYaml(kind: string, theirs: string): unknown {
  const v = parse(theirs);
  if (kind === 'workflow') {
    const action = Object.values(v.Actions as Record<string, any>).find((a) => Array.isArray(a?.Configuration?.Steps));
    action.Configuration.Steps.push({ Run: USER_STEP });
  } else {
    const c = v.components[0].container;
    c.env = [...(c.env ?? []), { name: 'TEAM_VAR', value: 'team-value' }];
  }
  return v;
}

describe('every catalogue blueprint: render, user edits, option change, update', () => {
  it('has a scenario for every blueprint in the catalogue', () => {
    expect(catalogue.map((b) => b.id).filter((id) => !SCENARIOS[id]), 'add an update scenario to test/update/catalogue.test.ts').toEqual([]);
  });

  it.each(catalogue.map((b) => [b.id, b] as const))('%s', async (id, bp: Blueprint<any>) => {
    const scenario = SCENARIOS[id];
    if (!scenario) return; // reported by the test above
    const dir = tempDir(`cg-cat-${id}-`);
    expect((await cli('new', id, dir, '--no-input')).code).toBe(0);
    const old: FileMap = renderBlueprint(bp, JSON.parse(readFileSync(join(dir, '.catalyst-gen/manifest.json'), 'utf8')).options);
    const optionsFile = join(tempDir(), 'change.json');
    writeFileSync(optionsFile, JSON.stringify(scenario.change));

    // The new render, computed the way update will: recorded options, then the file's values.
    const dry = await cli('update', dir, '--no-input', '--options', optionsFile, '--dry-run', '--format', 'json');
    expect(dry.code, dry.stderr).toBe(0);
    const manifestOptions = JSON.parse(readFileSync(join(dir, '.catalyst-gen/manifest.json'), 'utf8')).options;
    const theirs: FileMap = renderBlueprint(bp, { ...manifestOptions, ...scenario.change });

    // User edits in several files.
    const edited = new Map<string, string>();
    for (const f of old.values()) {
      const p = join(dir, f.path);
      const text = readFileSync(p, 'utf8');
      let next: string | undefined;
      if (f.kind === 'workflow') next = addWorkflowStep(text);
      else if (f.kind === 'devfile') next = addDevfileEnv(text);
      else if (f.path.endsWith('.md') || f.path === '.gitignore') next = addParagraph(text, theirs.get(f.path)?.content ?? text);
      if (next !== undefined && next !== text) {
        writeFileSync(p, next);
        edited.set(f.path, next);
      }
    }
    expect(edited.size, 'the scenario edits files').toBeGreaterThan(0);
    // The option change must touch at least one file the user edited, or the merge is not exercised; a blueprint
    // whose options reach only seed files (blueprint-package) must at least change one, which must stay the user's.
    const touched = (p: string) => theirs.get(p)?.content !== old.get(p)?.content;
    if ([...theirs.values()].some((f) => f.mode !== 'seed' && touched(f.path))) {
      expect([...edited.keys()].some((p) => touched(p) && old.get(p)?.mode !== 'seed'), 'the option change touches an edited file').toBe(true);
    } else {
      expect([...edited.keys()].some((p) => touched(p)), 'the option change touches an edited seed file').toBe(true);
    }

    // --yes: some option changes rename deployed stacks, which update writes only when told to (see update-options).
    const r = await cli('update', dir, '--no-input', '--yes', '--options', optionsFile);
    expect(r.code, r.stdout + r.stderr).toBe(0);

    for (const f of theirs.values()) {
      const now = readFileSync(join(dir, f.path), 'utf8');
      const mine = edited.get(f.path);
      const was = old.get(f.path);
      if (f.mode === 'seed' && was) {
        expect(now, `${f.path}: a seed file keeps the user's version`).toBe(mine ?? was.content);
      } else if (mine === undefined) {
        expect(now, `${f.path}: untouched, so exactly the new render`).toBe(f.content);
      } else if (f.kind === 'workflow' || f.kind === 'devfile') {
        expect(parse(now), `${f.path}: the new render plus the user's edit`).toEqual(expectedYaml(f.kind, f.content));
        expect(now).toMatch(f.kind === 'workflow' ? /# added by the team\n/ : /# the team needs this\n/);
      } else {
        expect(now.replace('\n' + USER_PARAGRAPH, ''), `${f.path}: the new render plus the user's paragraph`).toBe(f.content);
        expect(now).toContain(USER_PARAGRAPH);
      }
      expect(hasErrors(validateText(now, f.path, f.kind)), `${f.path} validates`).toBe(false);
    }

    // Again: nothing to do, nothing rewritten.
    const once = statTree(dir);
    const again = await cli('update', dir, '--no-input');
    expect(again.code).toBe(0);
    expect(statTree(dir)).toEqual(once);
    expect((await cli('update', dir, '--no-input', '--check')).code).toBe(0);
  });
});

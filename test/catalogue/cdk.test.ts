import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { GENERATED_VERSIONS } from '../../src/index.js';
import { dependencyCycle } from '../cdk/template-graph.js';
import { cdkApps, CASES, compileApp, REPO_ROOT, renderSet, synthApp, writeProject } from './harness.js';
import { FIXTURES, type SynthStack } from './option-sets.js';

const repoPackage = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string; dependencies?: Record<string, string>; devDependencies?: Record<string, string> };
// This package itself: a blueprint package made by `blueprint init` depends on the version it was made with.
const repoVersions: Record<string, string> = { ...repoPackage.dependencies, ...repoPackage.devDependencies, 'catalyst-gen': repoPackage.version };

/** The blueprints whose README lists, in a table, every cdk-nag finding their stack acknowledges and of what kind. */
const ACKNOWLEDGEMENT_TABLES = ['three-tier-web', 'serverless-python'];

/** The one option set synthesized with aws-cdk-lib's built-in CloudFormation validation on (it is slow). */
const VALIDATED = { id: 'three-tier-web', set: 'defaults' };

// Each (blueprint, option set) with a CDK app: written once, compiled once, synthesized once (beforeAll).
// A set that does not render (no fixture, a render error) is reported by render.test.ts, not here.
const cdkCases = CASES.flatMap(({ id, set }) => appsOf(id, set).map((app) => ({ id, set, app })));

function appsOf(id: string, set: (typeof CASES)[number]['set']): string[] {
  try {
    return cdkApps(renderSet(id, set));
  } catch {
    return [];
  }
}

describe('catalogue CDK apps', () => {
  it('the catalogue has CDK apps to check', () => {
    expect(cdkCases.map((c) => c.id)).toEqual(expect.arrayContaining(['three-tier-web', 'serverless-python']));
  });

  it('GENERATED_VERSIONS equals the versions this repository installs and tests with', () => {
    for (const [name, version] of Object.entries(GENERATED_VERSIONS)) {
      const installed = join(REPO_ROOT, 'node_modules', name, 'package.json');
      if (repoVersions[name] !== undefined) expect(version, name).toBe(repoVersions[name]);
      else if (existsSync(installed)) expect(version, name).toBe((JSON.parse(readFileSync(installed, 'utf8')) as { version: string }).version);
      // Not a dependency of this repository (the aws-cdk CLI): at least an exact pin, never a range.
      else expect(version, name).toMatch(/^\d+\.\d+\.\d+$/);
    }
  });

  it('tsc does report a type error in a generated app (the check can fail)', () => {
    const files = renderSet('three-tier-web', 'defaults');
    const dir = join(writeProject(files, 'cdk-broken', 'three-tier-web', 'defaults'), 'infra');
    const app = join(dir, 'lib', 'app.ts');
    const broken = readFileSync(app, 'utf8').replace('    stage,\n', '    stage: 42,\n');
    expect(broken).toContain('stage: 42,');
    writeFileSync(app, broken);
    expect(() => compileApp(dir)).toThrow(/error TS\d+/);
  });

  it.each(CASES)('every package.json of $id ($set) pins aws-cdk-lib and constructs to the tested versions', ({ id, set }) => {
    for (const f of renderSet(id, set).values()) {
      if (!f.path.endsWith('package.json')) continue;
      const pkg = JSON.parse(f.content) as { dependencies?: Record<string, string>; devDependencies?: Record<string, string> };
      const deps = { ...pkg.dependencies, ...pkg.devDependencies };
      for (const name of ['aws-cdk-lib', 'constructs', 'typescript'] as const) {
        if (deps[name] !== undefined) expect(deps[name], `${f.path}: ${name}`).toBe(repoVersions[name]);
      }
    }
  });
});

describe.each(cdkCases)('catalogue CDK app: $id ($set) in "$app"', ({ id, set, app }) => {
  const validation = id === VALIDATED.id && set === VALIDATED.set;
  let dir = '';
  let compileError: string | undefined;
  let synthError: string | undefined;
  let stacks: SynthStack[] = [];

  beforeAll(() => {
    dir = join(writeProject(renderSet(id, set), 'cdk', id, set), app);
    try {
      compileApp(dir);
    } catch (e) {
      compileError = (e as Error).message;
      return;
    }
    try {
      stacks = synthApp(dir, { validation, context: FIXTURES[id]?.synthContext?.[set] ?? {} });
    } catch (e) {
      synthError = (e as Error).stack ?? String(e);
    }
  }, 300_000);

  it('compiles with tsc (strict, the repository TypeScript)', () => {
    expect(compileError).toBeUndefined();
  });

  it(`synthesizes with aws-cdk-lib${validation ? ' (built-in CloudFormation validation on)' : ''}`, () => {
    expect(compileError).toBeUndefined();
    expect(synthError).toBeUndefined();
    expect(stacks.length).toBeGreaterThan(0);
    for (const s of stacks) {
      // Template.fromJSON refuses what is not a template; every stack has resources and a concrete environment.
      Template.fromJSON(s.template);
      expect(Object.keys(s.template['Resources'] ?? {}).length, s.name).toBeGreaterThan(0);
      if (s.environment) expect(s.environment, s.name).toMatch(/^aws:\/\/\d{12}\/[a-z0-9-]+$/);
      // CloudFormation refuses a template whose resources depend on each other in a circle.
      expect(dependencyCycle(s.template), s.name).toBeUndefined();
    }
  });

  it.runIf(ACKNOWLEDGEMENT_TABLES.includes(id))("the README's table names every cdk-nag finding the stack acknowledges, and its kind", () => {
    expect(synthError).toBeUndefined();
    const acknowledged = acknowledgementsIn(join(dir, 'cdk.out'));
    expect(acknowledged.length).toBeGreaterThan(0);
    const readme = renderSet(id, set).get('README.md')!.content;
    expect(kindsByRule(acknowledged)).toEqual(readmeAcknowledgements(readme));
  });

  it('the synthesized templates have what the blueprint promises', () => {
    const check = FIXTURES[id]?.checkSynth;
    if (!check) return void expect(stacks.length).toBeGreaterThan(0);
    check(stacks, set);
  });
});

interface Acknowledgement {
  readonly rule: string;
  readonly reason: string;
}

/** The acknowledgements (Validations.of(c).acknowledge) recorded in the metadata of each stack of a cloud assembly. */
function acknowledgementsIn(outdir: string): Acknowledgement[] {
  return readdirSync(outdir)
    .filter((f) => f.endsWith('.metadata.json'))
    .flatMap((f) => Object.values(JSON.parse(readFileSync(join(outdir, f), 'utf8')) as Record<string, { type: string; data: Record<string, string> }[]>).flat())
    .filter((entry) => entry.type === 'aws:cdk:acknowledged-rules')
    .flatMap((entry) => Object.entries(entry.data).map(([key, reason]) => ({ rule: key.replace(/^Annotation::/, '').replace(/\[.*$/, ''), reason })));
}

/** `<rule> <kind>` of each acknowledgement, each once: the kind is what its reason says before the first colon. */
function kindsByRule(acks: readonly Acknowledgement[]): string[] {
  return [...new Set(acks.map((a) => `${a.rule} ${a.reason.split(':')[0]}`))].sort();
}

/** `<rule> <kind>` of the README's acknowledgement table, whose rows read "| `AwsSolutions-L1`, `-IAM4` | on | kind | why |". */
function readmeAcknowledgements(readme: string): string[] {
  const rows = readme.split('\n| finding | on | kind | why |\n|---|---|---|---|\n')[1]?.split('\n\n')[0]?.split('\n') ?? [];
  return [
    ...new Set(
      rows.flatMap((row) => {
        const [findings, , kind] = row.split(' | ');
        return [...findings!.matchAll(/`(?:AwsSolutions)?-([A-Z]+\d+)`/g)].map((m) => `AwsSolutions-${m[1]} ${kind}`);
      }),
    ),
  ].sort();
}

import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderBlueprint } from '../../src/io/generate.js';
import { mergeOptions } from '../../src/options/resolve.js';
import type { FileMap } from '../../src/model/file-map.js';
import { blueprint, cdkApps } from '../catalogue/harness.js';
import { REPO_ROOT, writeFileMap } from '../helpers/files.js';
import { VARIATIONS } from './variations.js';

// The checks a platform or security team runs before generated CDK code goes near an account, over a matrix of
// option variations of every blueprint with a CDK app: each app synthesized (every stage it knows) with cdk-nag's
// AwsSolutions pack applied (an unacknowledged finding fails the synthesis), then cfn-lint on every template, in
// the template's own region: no errors, and no warnings but those listed below with the reason they stay.
// `npm run test:e2e` runs it (minutes: one synthesis per stage and variation, then cfn-lint).

const PRELOAD = resolve(import.meta.dirname, 'nag-preload.cjs');
const TSX = join(REPO_ROOT, 'node_modules', 'tsx', 'dist', 'loader.mjs');

/** cfn-lint warnings CDK itself writes into every template, with why they stay. Anything else fails. */
const ACCEPTED_WARNINGS: Readonly<Record<string, string>> = {
  W3005:
    "aws-cdk-lib's lambda.Function always adds a DependsOn on its role (its own custom-resource functions too, and a bucket's notifications on their SNS topic), next to the GetAtt or Ref that already orders them: redundant and harmless, written whatever the app does",
};

const hasCfnLint = spawnSync('cfn-lint', ['--version'], { encoding: 'utf8' }).status === 0;

interface Template {
  readonly file: string;
  readonly region: string;
}

/**
 * The context `cdk synth` adds by default, so the templates are the ones the CLI writes: with the construct paths and
 * the AWS::CDK::Metadata resource, by which cfn-lint recognises a CDK template and skips its style rules (without it,
 * E3703 reports I1022's "Prefer using Fn::Sub over Fn::Join" as an error on the role ARNs CDK Pipelines writes).
 */
const CLI_CONTEXT = { 'aws:cdk:enable-path-metadata': true, 'aws:cdk:version-reporting': true };

/** Synthesize one app (TypeScript run through tsx: no tsc needed for the matrix) with cdk-nag preloaded. */
function synth(dir: string, context: Record<string, unknown>): Template[] {
  const cdkJson = JSON.parse(readFileSync(join(dir, 'cdk.json'), 'utf8')) as { app: string; context?: Record<string, unknown> };
  const entry = cdkJson.app.split(/\s+/).find((w) => w.endsWith('.ts'))!;
  const outdir = join(dir, `cdk.out.${Object.values(context).join('-') || 'app'}`);
  const r = spawnSync(process.execPath, ['--require', PRELOAD, '--import', TSX, join(dir, entry)], {
    cwd: dir,
    encoding: 'utf8',
    env: { ...process.env, CDK_CONTEXT_JSON: JSON.stringify({ ...CLI_CONTEXT, ...cdkJson.context, ...context }), CDK_OUTDIR: outdir },
  });
  if (r.status !== 0) throw new Error(`synthesis with cdk-nag failed in ${dir} ${JSON.stringify(context)} (exit ${r.status}):\n${r.stdout}${r.stderr}`);
  return templatesOf(outdir);
}

function templatesOf(dir: string): Template[] {
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as { artifacts?: Record<string, { type: string; environment?: string; properties?: { templateFile?: string; directoryName?: string } }> };
  return Object.values(manifest.artifacts ?? {}).flatMap((a) => {
    if (a.type === 'cdk:cloud-assembly') return templatesOf(join(dir, a.properties!.directoryName!));
    if (a.type !== 'aws:cloudformation:stack') return [];
    const region = /^aws:\/\/[^/]+\/([a-z0-9-]+)$/.exec(a.environment ?? '')?.[1] ?? 'us-east-1';
    return [{ file: join(dir, a.properties!.templateFile!), region }];
  });
}

interface CfnLintMatch {
  readonly Level: string;
  readonly Rule: { readonly Id: string };
  readonly Message: string;
  readonly Filename: string;
  readonly Location: { readonly Path?: readonly (string | number)[] };
}

/** cfn-lint on every template, one run per region. */
function cfnLint(templates: readonly Template[]): CfnLintMatch[] {
  const byRegion = new Map<string, string[]>();
  for (const t of templates) byRegion.set(t.region, [...(byRegion.get(t.region) ?? []), t.file]);
  return [...byRegion].flatMap(([region, files]) => {
    const r = spawnSync('cfn-lint', ['--format', 'json', '--regions', region, '--', ...files], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    if (r.error || (r.status !== 0 && !r.stdout.trim().startsWith('['))) throw new Error(`cfn-lint failed (exit ${r.status}): ${r.stderr}`);
    return JSON.parse(r.stdout || '[]') as CfnLintMatch[];
  });
}

/** The CDK contexts an app is synthesized with: each stage of a delivery app, else none. */
function contextsOf(options: Record<string, unknown>, appDir: string): Record<string, unknown>[] {
  const bin = readdirSync(join(appDir, 'bin'))[0];
  const stageApp = bin !== undefined && /tryGetContext\('stage'\)/.test(readFileSync(join(appDir, 'bin', bin), 'utf8'));
  const stages = options['stages'];
  return stageApp && Array.isArray(stages) ? stages.map((s) => ({ stage: (s as { name: string }).name })) : [{}];
}

const CASES = Object.entries(VARIATIONS).flatMap(([id, variations]) => variations.map((v) => ({ id, name: v.name, set: v.set })));

describe.skipIf(!hasCfnLint)('synthesis matrix: cdk-nag AwsSolutions and cfn-lint on every template (skipped without cfn-lint)', () => {
  it.each(CASES)('$id, $name', ({ id, name, set }) => {
    const bp = blueprint(id);
    const options = mergeOptions(bp.defaults, set);
    const files = renderBlueprint(bp, options);
    const root = writeFileMap(files, 'matrix', id, name.replace(/[^a-z0-9]+/gi, '-'));
    const apps = cdkApps(files);
    expect(apps.length, 'a CDK app to check').toBeGreaterThan(0);
    const templates = apps.flatMap((app) => contextsOf(options, join(root, app)).flatMap((ctx) => synth(join(root, app), ctx)));
    expect(templates.length).toBeGreaterThan(0);
    const matches = cfnLint(templates);
    const errors = matches.filter((m) => m.Level === 'Error');
    const warnings = matches.filter((m) => m.Level === 'Warning' && !(m.Rule.Id in ACCEPTED_WARNINGS));
    const show = (ms: readonly CfnLintMatch[]) => ms.map((m) => `${m.Rule.Id} ${m.Filename.replace(root, '')} ${(m.Location.Path ?? []).join('/')}: ${m.Message}`);
    expect(show(errors)).toEqual([]);
    expect(show(warnings)).toEqual([]);
    writeFileSync(join(root, 'cfn-lint.json'), JSON.stringify(matches, null, 2));
  });
});

/** Files to write, from path and content. */
function fileMap(files: Record<string, string>): FileMap {
  return new Map(Object.entries(files).map(([path, content]) => [path, { path, content, mode: 'managed', kind: 'text', executable: false } as const]));
}

describe.skipIf(!hasCfnLint)('the matrix checks can fail', () => {
  it('cfn-lint reports a retired Lambda runtime as an error', () => {
    const template = { Resources: { F: { Type: 'AWS::Lambda::Function', Properties: { Runtime: 'python3.8', Handler: 'a.b', Role: 'arn:aws:iam::111111111111:role/r', Code: { ZipFile: 'x' } } } } };
    const dir = writeFileMap(fileMap({ 't.json': JSON.stringify(template) }), 'matrix', 'can-fail');
    const matches = cfnLint([{ file: join(dir, 't.json'), region: 'us-east-1' }]);
    expect(matches.some((m) => m.Level === 'Error' && m.Rule.Id === 'E2533')).toBe(true);
  });

  it('cdk-nag fails a synthesis on an unacknowledged finding', () => {
    const app = "import { App, Stack } from 'aws-cdk-lib';\nimport * as s3 from 'aws-cdk-lib/aws-s3';\nconst app = new App();\nnew s3.Bucket(new Stack(app, 'Open'), 'Bucket');\napp.synth();\n";
    const dir = writeFileMap(fileMap({ 'cdk.json': JSON.stringify({ app: 'npx tsx bin/app.ts' }), 'bin/app.ts': app }), 'matrix', 'nag-fails');
    expect(() => synth(dir, {})).toThrow(/AwsSolutions-S1/);
  });
});

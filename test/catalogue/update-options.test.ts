import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { cli, snapshotTree } from '../helpers/cli.js';
import { compileApp, REPO_ROOT, synthApp } from './harness.js';

/** A project folder inside the repository (git-ignored .tmp), so the generated CDK app resolves aws-cdk-lib. */
function projectDir(name: string): string {
  const dir = join(REPO_ROOT, '.tmp', 'catalogue', 'update', name);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  return dir;
}

const read = (dir: string, p: string) => readFileSync(join(dir, p), 'utf8');

const APPS = [
  { id: 'three-tier-web', stack: 'infra/lib/three-tier-stack.ts', handlers: ['app.handler'] },
  { id: 'serverless-python', stack: 'infra/lib/image-recognition-stack.ts', handlers: ['get_save_image.handler', 'image_recognition.handler', 'list_images.handler', 'send_email.handler'] },
] as const;

describe.each(APPS)('update --set pythonRuntime reaches the deployed functions: $id', ({ id, stack, handlers }) => {
  it('rewrites the managed infra/bin/app.ts, leaves the seed stack alone, and the synthesized Lambda runtime follows', async () => {
    const dir = projectDir(`runtime-${id}`);
    expect((await cli('new', id, dir, '--no-input')).code).toBe(0);
    const seed = read(dir, stack);
    expect(read(dir, 'infra/bin/app.ts')).toContain('runtime: lambda.Runtime.PYTHON_3_12,');

    const r = await cli('update', dir, '--no-input', '--set', 'pythonRuntime=python3.13');
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^ {2}replace {3}infra\/bin\/app\.ts$/m);
    expect(r.stdout).toMatch(/^ {2}unchanged infra\/lib\//m);
    expect(read(dir, 'infra/bin/app.ts')).toContain('runtime: lambda.Runtime.PYTHON_3_13,');
    expect(read(dir, stack), 'the stack is the team\'s: untouched').toBe(seed);
    expect(seed).toContain('runtime: props.runtime,');

    const infra = join(dir, 'infra');
    compileApp(infra);
    const [s] = synthApp(infra, { validation: false });
    const t = Template.fromJSON(s!.template);
    for (const handler of handlers) t.hasResourceProperties('AWS::Lambda::Function', { Handler: handler, Runtime: 'python3.13' });
  }, 300_000);
});

describe.each(APPS)('update warns before renaming what is deployed: $id', ({ id }) => {
  it('a changed appName or stage name is called out with the old and new values, before anything is written', async () => {
    const dir = projectDir(`rename-${id}`);
    expect((await cli('new', id, dir, '--no-input')).code).toBe(0);
    const before = snapshotTree(dir);
    const oldName = JSON.parse(read(dir, '.catalyst-gen/manifest.json')).options.appName as string;

    const dry = await cli('update', dir, '--no-input', '--set', 'appName=renamed-app', '--set', 'stages.2.name=production', '--dry-run');
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.stderr).toContain(`warning: option appName was ${JSON.stringify(oldName)}, now "renamed-app": the stacks are named <appName>-<stage>, so the next deployment creates new stacks`);
    expect(dry.stderr).toMatch(/leaves the old stacks deployed .*retained even when (its|their) stack is deleted/);
    expect(dry.stderr).toContain('warning: option stages.2.name was "prod", now "production": the stage\'s stack is named <appName>-<stage>');
    expect(snapshotTree(dir)).toEqual(before);

    const json = JSON.parse((await cli('update', dir, '--no-input', '--set', 'appName=renamed-app', '--dry-run', '--format', 'json')).stdout) as { warnings: string[] };
    expect(json.warnings).toEqual([expect.stringMatching(/^option appName was /)]);

    // Options that name nothing deployed change quietly.
    const quiet = await cli('update', dir, '--no-input', '--set', 'branch=release', '--dry-run');
    expect(quiet.stderr).not.toContain('warning');
  });
});

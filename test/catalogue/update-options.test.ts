import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { cli, snapshotTree } from '../helpers/cli.js';
import { compileApp, REPO_ROOT, synthApp } from './harness.js';
import { lambdaRuntimeConstant, NEWEST_PYTHON_RUNTIME } from '../../blueprints/shared/options.js';

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
  it('rewrites the managed infra/lib/app.ts, leaves the seed stack alone, and the synthesized Lambda runtime follows', async () => {
    const dir = projectDir(`runtime-${id}`);
    expect((await cli('new', id, dir, '--no-input')).code).toBe(0);
    const seed = read(dir, stack);
    expect(read(dir, 'infra/lib/app.ts')).toContain(`runtime: lambda.Runtime.${lambdaRuntimeConstant(NEWEST_PYTHON_RUNTIME)},`);

    const r = await cli('update', dir, '--no-input', '--set', 'pythonRuntime=python3.13');
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^ {2}replace {3}infra\/lib\/app\.ts$/m);
    expect(r.stdout).toMatch(/^ {2}unchanged infra\/bin\/app\.ts$/m);
    expect(r.stdout).toMatch(/^ {2}unchanged infra\/lib\//m);
    expect(read(dir, 'infra/lib/app.ts')).toContain('runtime: lambda.Runtime.PYTHON_3_13,');
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

describe('an update that warns it can lose data is written only when the user says so', () => {
  const setup = async (name: string) => {
    const dir = projectDir(name);
    expect((await cli('new', 'three-tier-web', dir, '--no-input')).code).toBe(0);
    return dir;
  };
  const appName = (dir: string) => (JSON.parse(read(dir, '.catalyst-gen/manifest.json')) as { options: { appName: string } }).options.appName;

  it('without a terminal it needs --yes: refused with exit 2 and nothing written, then written with --yes', async () => {
    const dir = await setup('confirm-yes');
    const before = snapshotTree(dir);
    const refused = await cli('update', dir, '--no-input', '--set', 'appName=renamed-app');
    expect(refused.code).toBe(2);
    // The error is the first line; the warnings follow it.
    expect(refused.stderr).toMatch(/^error: This update can lose data; nothing was written\. Check it with --dry-run, then run it again with --yes\.\nwarning: option appName was "three-tier-web", now "renamed-app"/);
    expect(snapshotTree(dir)).toEqual(before);

    const done = await cli('update', dir, '--no-input', '--set', 'appName=renamed-app', '--yes');
    expect(done.code, done.stderr).toBe(0);
    expect(appName(dir)).toBe('renamed-app');
  });

  it('on a terminal it asks, and a no writes nothing (exit 1) while a yes writes the update', async () => {
    const { runUpdate } = await import('../../src/cli/commands/new.js');
    const dir = await setup('confirm-ask');
    const before = snapshotTree(dir);
    const err: string[] = [];
    const tty = { out: () => undefined, err: (t: string) => void err.push(t), color: false, stdinIsTty: true };
    const flags = { set: ['appName=renamed-app'], input: true, format: 'text' as const };
    const asked: string[] = [];
    expect(await runUpdate(dir, flags, tty, { ask: async (m) => (asked.push(m), false) })).toBe(1);
    expect(asked).toEqual(['Write this update despite the 1 warning(s) above?']);
    expect(err.at(-1)).toBe('Nothing was written.');
    expect(snapshotTree(dir)).toEqual(before);

    expect(await runUpdate(dir, flags, tty, { ask: async () => true })).toBe(0);
    expect(appName(dir)).toBe('renamed-app');
    // No warning, no question: a change that names nothing deployed is written straight away.
    expect(await runUpdate(dir, { ...flags, set: ['branch=release'] }, tty, { ask: async () => expect.fail('asked without a warning') })).toBe(0);
  });
});

import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, snapshotTree, tempDir } from '../helpers/cli.js';
import { blueprint, catalogue, optionsOf, renderSet } from './harness.js';

/** What `new` wrote, without its own bookkeeping folder. */
function projectFiles(dir: string): Record<string, string> {
  return Object.fromEntries(Object.entries(snapshotTree(dir)).filter(([p]) => !p.startsWith('.catalyst-gen')));
}

function expected(id: string, set: 'defaults' | 'alternative'): Record<string, string> {
  return Object.fromEntries([...renderSet(id, set).values()].map((f) => [f.path, f.content]));
}

describe.each(catalogue.map((b) => b.id))('catalyst-gen new %s', (id) => {
  it('--no-input renders the defaults: exit 0, exactly the rendered files, a manifest naming the blueprint', async () => {
    const dir = tempDir('cg-catalogue-');
    const r = await cli('new', id, dir, '--no-input');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(projectFiles(dir)).toEqual(expected(id, 'defaults'));
    const manifest = JSON.parse(readFileSync(join(dir, '.catalyst-gen', 'manifest.json'), 'utf8')) as { blueprint: { id: string } };
    expect(manifest.blueprint.id).toBe(id);
    // Run again: nothing differs, so --check passes.
    expect((await cli('new', id, dir, '--no-input', '--check')).code).toBe(0);
  });

  it('--options with the second option set renders it', async () => {
    const dir = tempDir('cg-catalogue-');
    const file = join(tempDir('cg-options-'), 'options.json');
    writeFileSync(file, JSON.stringify(optionsOf(blueprint(id), 'alternative'), null, 2));
    const r = await cli('new', id, dir, '--no-input', '--options', file);
    expect(r.code, r.stderr).toBe(0);
    expect(projectFiles(dir)).toEqual(expected(id, 'alternative'));
  });

  it('show documents every top-level option', async () => {
    const r = await cli('show', id);
    expect(r.code, r.stderr).toBe(0);
    for (const name of Object.keys((blueprint(id).options['properties'] ?? {}) as object)) expect(r.stdout).toContain(name);
  });
});

describe('catalyst-gen show: list items and options required together', () => {
  it('lists the fields of list items (stages[].account) and says each item needs them', async () => {
    const r = await cli('show', 'three-tier-web');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^ {2}stages {2}object\[\]$/m);
    for (const field of ['name', 'account', 'region', 'environment', 'connection', 'role', 'approval']) {
      expect(r.stdout).toMatch(new RegExp(`^  stages\\[\\]\\.${field}  \\w+  \\(required in every stages item\\)$`, 'm'));
    }
    expect(r.stdout).toContain('12-digit AWS account id.');
    expect(r.stdout).toContain('--set stages.0.name=...');
    const m = await cli('show', 'multi-account-control');
    expect(m.stdout).toMatch(/^ {2}targets\[\]\.account {2}string {2}\(required in every targets item\)$/m);
  });

  it('says that serverless-python\'s codeArtifact options are required together, when codeArtifact is set', async () => {
    const r = await cli('show', 'serverless-python');
    expect(r.stdout).toMatch(/^ {2}codeArtifact {2}object {2}\(optional: when set, give all of its required options together\)$/m);
    for (const field of ['domain', 'domainOwner', 'repository', 'region', 'environment', 'connection', 'role']) {
      expect(r.stdout).toMatch(new RegExp(`^  codeArtifact\\.${field}  string  \\(required when codeArtifact is set\\)$`, 'm'));
    }
    const json = JSON.parse((await cli('show', 'serverless-python', '--json')).stdout) as { options: { path: string; required: boolean; requiredWhen?: string }[] };
    expect(json.options.find((d) => d.path === 'codeArtifact.role')).toMatchObject({ required: false, requiredWhen: 'codeArtifact' });
    expect(json.options.find((d) => d.path === 'stages[].account')).toMatchObject({ required: true, type: 'string' });
  });
});

describe('catalyst-gen new three-tier-web --set', () => {
  it('changes the branch, a stage account and the runtime, and the generated files follow', async () => {
    const dir = tempDir('cg-catalogue-');
    const r = await cli('new', 'three-tier-web', dir, '--no-input', '--set', 'branch=release', '--set', 'stages.2.account=123456789012', '--set', 'pythonRuntime=python3.13');
    expect(r.code, r.stderr).toBe(0);
    const files = projectFiles(dir);
    expect(files['.codecatalyst/workflows/Deploy.yaml']).toMatch(/Branches:\n\s+- release\n/);
    expect(files['infra/lib/app.ts']).toContain('"account": "123456789012"');
    expect(files['infra/lib/app.ts']).toContain('runtime: lambda.Runtime.PYTHON_3_13,');
    expect(files['infra/lib/three-tier-stack.ts']).toContain('runtime: props.runtime,');
    // The replaced account is no longer flagged as a placeholder; the others still are.
    expect(files['README.md']).not.toContain('`stages.2.account`');
    expect(files['README.md']).toContain('`stages.0.account` = `111111111111`');
  });

  it('refuses an invalid option with the option name and writes nothing', async () => {
    const dir = tempDir('cg-catalogue-');
    const r = await cli('new', 'three-tier-web', dir, '--no-input', '--set', 'stages.0.account=12345');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('stages.0.account');
    expect(snapshotTree(dir)).toEqual({});
  });

  it('refuses two stages with the same name', async () => {
    const dir = tempDir('cg-catalogue-');
    const r = await cli('new', 'three-tier-web', dir, '--no-input', '--set', 'stages.1.name=dev');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('"dev" is listed twice');
    expect(snapshotTree(dir)).toEqual({});
  });
});

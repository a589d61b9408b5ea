import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { run } from '../../src/cli/main.js';
import type { Output } from '../../src/cli/output.js';
import { REPO_ROOT } from './generated-app.js';

const base = join(REPO_ROOT, '.tmp', 'cli-new-secure');

async function cli(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const o: Output = { out: (t) => out.push(t), err: (t) => err.push(t), color: false, stdinIsTty: false };
  return { code: await run(args, o), out: out.join('\n'), err: err.join('\n') };
}

describe('catalyst-gen new secure-cdk-pipeline', () => {
  afterAll(() => rmSync(base, { recursive: true, force: true }));

  it('renders a CDK project from the defaults (which pass the options schema)', async () => {
    const dir = join(base, 'defaults');
    const r = await cli(['new', 'secure-cdk-pipeline', dir, '--no-input']);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    for (const f of ['package.json', 'cdk.json', 'tsconfig.json', 'bin/app.ts', 'lib/pipeline-stack.ts', 'lib/app-stage.ts', 'boundary/permissions-boundary.yaml', 'README.md']) {
      expect(existsSync(join(dir, f)), f).toBe(true);
    }
    expect(existsSync(join(dir, 'buildspecs/permission-check.yml'))).toBe(true);
  });

  it('with privateBuild options runs the check in the VPC (the CodeArtifact login for every project), and validate passes', async () => {
    const dir = join(base, 'private');
    const r = await cli([
      'new', 'secure-cdk-pipeline', dir, '--no-input',
      '--set', 'privateBuild.vpcId=vpc-0123456789abcdef0',
      '--set', 'privateBuild.subnetIds.0=subnet-0123456789abcdef0',
      '--set', 'privateBuild.codeArtifact.domain=my-domain',
      '--set', 'privateBuild.codeArtifact.repository=npm-proxy',
    ]);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const spec = parse(readFileSync(join(dir, 'buildspecs/permission-check.yml'), 'utf8'));
    expect(spec.phases.install.commands).toEqual(['npm ci']);
    expect(readFileSync(join(dir, 'lib/permission-check.ts'), 'utf8')).toContain('export function privateCodeBuildDefaults(');
    expect(JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).dependencies.yaml).toBeDefined();
    expect((await cli(['validate', dir])).code).toBe(0);
  });

  it('rejects an approver address that is not an e-mail address', async () => {
    const r = await cli(['new', 'secure-cdk-pipeline', join(base, 'bad'), '--no-input', '--set', 'approverEmails.0=not-an-address']);
    expect(r.code).toBe(1);
    expect(existsSync(join(base, 'bad', 'cdk.json'))).toBe(false);
  });
});

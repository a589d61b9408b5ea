import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readTemplateFile } from '../../src/io/cdk-out.js';
import { securityDiff, type Template } from '../../src/security/diff.js';
import { cli } from '../helpers/cli.js';

const BOUNDARY = { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::111111111111:policy/dev-boundary']] };

/** A Lambda-assumable role reading one bucket, and a security group: the base every case changes. */
function base(): any {
  return {
    Resources: {
      Worker: {
        Type: 'AWS::IAM::Role',
        Properties: {
          AssumeRolePolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }] },
          PermissionsBoundary: BOUNDARY,
          Policies: [{ PolicyName: 'read', PolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::bucket/*' }] } }],
        },
      },
      Sg: { Type: 'AWS::EC2::SecurityGroup', Properties: { GroupDescription: 'svc', VpcId: 'vpc-12345678' } },
    },
  };
}

function statements(t: any): any[] {
  return t.Resources.Worker.Properties.Policies[0].PolicyDocument.Statement;
}

const cases: { name: string; change: (t: any) => void; broadens: boolean; expectKind: string }[] = [
  { name: 'an added Allow statement', change: (t) => statements(t).push({ Effect: 'Allow', Action: ['s3:PutObject', 's3:DeleteObject'], Resource: 'arn:aws:s3:::bucket/*' }), broadens: true, expectKind: 'permission' },
  { name: 'an added managed policy', change: (t) => (t.Resources.Worker.Properties.ManagedPolicyArns = ['arn:aws:iam::aws:policy/ReadOnlyAccess']), broadens: true, expectKind: 'managed-policy' },
  { name: 'an opened ingress', change: (t) => (t.Resources.Sg.Properties.SecurityGroupIngress = [{ IpProtocol: 'tcp', FromPort: 443, ToPort: 443, CidrIp: '0.0.0.0/0' }]), broadens: true, expectKind: 'network' },
  { name: 'a removed permission boundary', change: (t) => delete t.Resources.Worker.Properties.PermissionsBoundary, broadens: true, expectKind: 'boundary' },
  { name: 'a changed permission boundary', change: (t) => (t.Resources.Worker.Properties.PermissionsBoundary = 'arn:aws:iam::111111111111:policy/lax'), broadens: true, expectKind: 'boundary' },
  { name: 'an added Deny statement', change: (t) => statements(t).push({ Effect: 'Deny', Action: 's3:*', Resource: '*' }), broadens: false, expectKind: 'permission' },
  { name: 'a removed Allow statement', change: (t) => statements(t).splice(0, 1, { Effect: 'Deny', Action: 's3:DeleteBucket', Resource: '*' }), broadens: false, expectKind: 'permission' },
];

describe('securityDiff (pure): each kind of change, in a base stack', () => {
  it.each(cases)('$name: broadens=$broadens', ({ change, broadens, expectKind }) => {
    const after = base();
    change(after);
    const report = securityDiff([{ name: 'Svc', template: base() }], [{ name: 'Svc', template: after }]);
    expect(report.broadened).toBe(broadens);
    expect(report.stacks).toHaveLength(1);
    const changes = report.stacks[0]!.changes.filter((c) => c.category === expectKind);
    expect(changes.length).toBeGreaterThan(0);
    expect(changes.some((c) => c.broadens)).toBe(broadens);
  });

  it('a new stack with IAM broadens; a removed one does not; identical templates have no changes', () => {
    expect(securityDiff([], [{ name: 'Pipeline/Prod/Svc', stage: 'Pipeline/Prod', template: base() }]).stacks[0]).toMatchObject({ stack: 'Pipeline/Prod/Svc', stage: 'Pipeline/Prod', isNew: true, broadened: true });
    expect(securityDiff([{ name: 'Svc', template: base() }], [])).toMatchObject({ broadened: false, stacks: [{ isRemoved: true }] });
    expect(securityDiff([{ name: 'Svc', template: base() }], [{ name: 'Svc', template: base() }])).toEqual({ broadened: false, broadening: 0, narrowing: 0, stacks: [] });
  });
});

/** The CLI in-process, output captured. */
async function runCli(args: string[]) {
  const r = await cli('security-diff', ...args);
  return { code: r.code, out: r.stdout.replace(/\n$/, ''), err: r.stderr.replace(/\n$/, '') };
}

describe('catalyst-gen security-diff (CLI)', () => {
  const dir = resolve(import.meta.dirname, '..', '..', '.tmp', 'security-diff-cli');
  const file = (name: string, t: Template | string) => {
    const p = join(dir, name);
    writeFileSync(p, typeof t === 'string' ? t : JSON.stringify(t, null, 2));
    return p;
  };
  let basePath = '';
  beforeAll(() => {
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    basePath = file('base.json', base());
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it.each(cases)('$name: exit code', async ({ name, change, broadens }) => {
    const after = base();
    change(after);
    const r = await runCli([basePath, file(`${name.replace(/\W+/g, '-')}.json`, after)]);
    expect(r.err).toBe('');
    expect(r.code).toBe(broadens ? 1 : 0);
  });

  it('an empty old template against one with IAM (a new stack) exits 1', async () => {
    const r = await runCli([file('empty.json', { Resources: {} }), basePath]);
    expect(r.code).toBe(1);
    expect(r.out).toContain('BROADENS');
  });

  it('--format json is the report, parseable', async () => {
    const after = base();
    delete after.Resources.Worker.Properties.PermissionsBoundary;
    const r = await runCli([basePath, file('no-boundary.json', after), '--format', 'json', '--stage', 'Prod']);
    expect(r.code).toBe(1);
    const json = JSON.parse(r.out);
    expect(json).toMatchObject({ broadened: true, broadening: 1, narrowing: 0, stage: 'Prod', stacks: [{ stack: 'no-boundary', stage: 'Prod', changes: [{ category: 'boundary', broadens: true, summary: 'The permission boundary arn:${Partition}:iam::111111111111:policy/dev-boundary was removed from role Worker.', data: { change: 'removed', scope: 'role ${Worker}' } }] }] });
  });

  it('--format email is a message an approver can decide from: summary, deployment, links, every change', async () => {
    const after = base();
    cases[0]!.change(after);
    cases[2]!.change(after);
    const r = await runCli([basePath, file('email.json', after), '--format', 'email', '--stage', 'Prod-eu-west-1', '--pipeline', 'secure-app', '--execution-id', 'e-42', '--commit', 'abc1234', '--commit-message', 'Let workers write\n\nlong body', '--commit-author', 'Dana', '--approve-url', 'https://example.com/approve', '--log-url', 'https://example.com/log']);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/^Subject: Approve\? 2 permission change\(s\) broaden in stage Prod-eu-west-1 of pipeline secure-app\n\n2 change\(s\) would broaden permissions in stage Prod-eu-west-1 of pipeline secure-app\. The deployment waits for your approval\.\n/);
    expect(r.out).toContain('  1. Role Worker may now call s3:DeleteObject, s3:PutObject on arn:aws:s3:::bucket/*.');
    expect(r.out).toContain('  2. Port 443 (TCP) is now open to the internet (0.0.0.0/0) in security group Sg.');
    expect(r.out).toContain('  Pipeline: secure-app, execution e-42');
    expect(r.out).toContain('  Commit: abc1234 "Let workers write" by Dana');
    expect(r.out).toContain('  Approve or reject: https://example.com/approve');
    expect(r.out).toContain("  The check's log: https://example.com/log");
    expect(r.out).toContain('    [broadens] Port 443 (TCP) is now open to the internet (0.0.0.0/0) in security group Sg.');
  });

  it('--format markdown, for a pull request', async () => {
    const after = base();
    cases[1]!.change(after);
    const r = await runCli([basePath, file('md.json', after), '--format', 'markdown']);
    expect(r.code).toBe(1);
    expect(r.out).toContain('## Security review: 1 change(s) broaden permissions in stack md');
    expect(r.out).toContain('1. Role Worker now has the managed policy arn:aws:iam::aws:policy/ReadOnlyAccess.');
    expect(r.out).toContain('- ⚠ broadens: Role Worker now has the managed policy arn:aws:iam::aws:policy/ReadOnlyAccess.');
  });

  it('reads YAML templates with short-form intrinsics', async () => {
    const yamlBase = [
      'Resources:',
      '  Worker:',
      '    Type: AWS::IAM::Role',
      '    Properties:',
      '      AssumeRolePolicyDocument: {Version: "2012-10-17", Statement: [{Effect: Allow, Principal: {Service: lambda.amazonaws.com}, Action: sts:AssumeRole}]}',
      '      PermissionsBoundary: !Sub arn:${AWS::Partition}:iam::${AWS::AccountId}:policy/dev-boundary',
      '      ManagedPolicyArns: [!Join ["", ["arn:", !Ref AWS::Partition, ":iam::aws:policy/ReadOnlyAccess"]]]',
    ].join('\n');
    const p = file('base.yaml', yamlBase);
    expect(readTemplateFile(p)).toMatchObject({
      Resources: { Worker: { Properties: { PermissionsBoundary: { 'Fn::Sub': 'arn:${AWS::Partition}:iam::${AWS::AccountId}:policy/dev-boundary' }, ManagedPolicyArns: [{ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::aws:policy/ReadOnlyAccess']] }] } } },
    });
    const noBoundary = file('nob.yaml', yamlBase.split('\n').filter((l) => !l.includes('PermissionsBoundary')).join('\n'));
    expect((await runCli([p, noBoundary])).code).toBe(1);
    expect((await runCli([p, p])).code).toBe(0);
  });

  it('the built binary exits 1 on broadening and 0 on identical templates', () => {
    const bin = resolve(import.meta.dirname, '..', '..', 'dist', 'src', 'cli', 'bin.js');
    const after = base();
    cases[1]!.change(after);
    const broad = spawnSync(process.execPath, [bin, 'security-diff', basePath, file('bin-after.json', after), '--format', 'markdown'], { encoding: 'utf8' });
    expect(broad.status).toBe(1);
    expect(broad.stdout).toContain('arn:aws:iam::aws:policy/ReadOnlyAccess');
    expect(spawnSync(process.execPath, [bin, 'security-diff', basePath, basePath], { encoding: 'utf8' }).status).toBe(0);
  });

  it('shows a managed policy written with !Sub as the ARN text, as cdk.out mode does', async () => {
    const yaml = (extra: string) =>
      [
        'Resources:',
        '  Worker:',
        '    Type: AWS::IAM::Role',
        '    Properties:',
        '      AssumeRolePolicyDocument: {Version: "2012-10-17", Statement: [{Effect: Allow, Principal: {Service: lambda.amazonaws.com}, Action: sts:AssumeRole}]}',
        extra,
      ].join('\n');
    const before = file('sub-before.yaml', yaml(''));
    const after = file('sub-after.yaml', yaml('      ManagedPolicyArns: [!Sub "arn:${AWS::Partition}:iam::aws:policy/AdministratorAccess"]'));
    const r = await runCli([before, after]);
    expect(r.code).toBe(1);
    expect(r.out).toContain('! broadens  Role Worker now has the managed policy arn:${Partition}:iam::aws:policy/AdministratorAccess.');
    expect(r.out).not.toContain('Fn::Sub');
    // The same policy as CDK writes it (Fn::Join) is no change at all.
    const joined = file('join-after.json', {
      Resources: {
        Worker: {
          Type: 'AWS::IAM::Role',
          Properties: {
            AssumeRolePolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }] },
            ManagedPolicyArns: [{ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::aws:policy/AdministratorAccess']] }],
          },
        },
      },
    });
    expect((await runCli([after, joined])).out).toBe('No security-relevant changes.');
  });

  it('a YAML syntax error is a validation error (exit 1) with file, line and column, and no dangling "column N:"', async () => {
    const p = file('broken.yaml', 'Resources:\n  A: {b\n  c: d: e\n');
    const r = await runCli([p, basePath]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/broken\.yaml:3:3: error YAML-SYNTAX The file is not valid YAML: Flow map in block collection must be sufficiently indented and end with a }\.\n {4}3 \|   c: d: e\n/);
    expect(r.err).toMatch(/error: \S*broken\.yaml is not a CloudFormation template it can read\./);
    expect(r.err).not.toMatch(/column \d+:/);
  });

  it('a JSON template with a syntax error is a validation error at its line', async () => {
    const r = await runCli([file('broken.json', '{\n  "Resources": {\n    "A": 1\n  \n'), basePath]);
    expect(r.code).toBe(1);
    expect(r.err).toContain('broken.json');
    expect(r.err).toContain('error SECURITY-DIFF-PARSE');
  });

  it('a missing file is a usage error (exit 2)', async () => {
    const r = await runCli([join(dir, 'nope.json'), basePath]);
    expect(r.code).toBe(2);
    expect(r.err).toContain('No such file');
  });
});

describe('security-diff reading cdk.out (untrusted manifests)', () => {
  const root = resolve(import.meta.dirname, '..', '..', '.tmp', 'security-diff-cdkout');
  const template = { Resources: { Sg: { Type: 'AWS::EC2::SecurityGroup', Properties: { GroupDescription: 'svc', VpcId: 'vpc-12345678' } } } };
  /** A cdk.out folder whose manifest has these artifacts (and a valid stack template `Svc.template.json`). */
  const assembly = (name: string, artifacts: unknown, manifestText?: string) => {
    const dir = join(root, name);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'Svc.template.json'), JSON.stringify(template));
    writeFileSync(join(dir, 'manifest.json'), manifestText ?? JSON.stringify({ version: '36.0.0', artifacts }));
    return dir;
  };
  let good = '';
  beforeAll(() => {
    rmSync(root, { recursive: true, force: true });
    mkdirSync(root, { recursive: true });
    good = assembly('good', { Svc: { type: 'aws:cloudformation:stack', properties: { templateFile: 'Svc.template.json' } } });
    writeFileSync(join(root, 'outside.template.json'), JSON.stringify(template));
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('reads a well-formed assembly', async () => {
    expect(await runCli([good, good])).toMatchObject({ code: 0, err: '' });
  });

  it.each([
    ['a null artifact', { a: null }, /artifact "a" must be an object with a string "type"/],
    ['an artifact without a type', { a: { properties: {} } }, /artifact "a" must be an object with a string "type"/],
    ['artifacts as a list', [1, 2], /"artifacts" must be an object/],
    ['a stack without templateFile', { a: { type: 'aws:cloudformation:stack', properties: {} } }, /a stack needs "properties.templateFile"/],
    ['a templateFile that is not a string', { a: { type: 'aws:cloudformation:stack', properties: { templateFile: 7 } } }, /a stack needs "properties.templateFile"/],
    ['a nested assembly that is itself ("directoryName": ".")', { a: { type: 'cdk:cloud-assembly', properties: { directoryName: '.' } } }, /leads back to an assembly being read \(a cycle\)/],
    ['a templateFile outside the folder', { a: { type: 'aws:cloudformation:stack', properties: { templateFile: '../outside.template.json' } } }, /names "\.\.\/outside\.template\.json", which is outside the cloud assembly folder/],
    ['a directoryName outside the folder', { a: { type: 'cdk:cloud-assembly', properties: { directoryName: '../good' } } }, /names "\.\.\/good", which is outside the cloud assembly folder/],
  ])('%s is a validation error (exit 1) naming the manifest', async (name, artifacts, message) => {
    const dir = assembly(name.replace(/\W+/g, '-'), artifacts);
    const r = await runCli([good, dir]);
    expect(r.code).toBe(1);
    expect(r.err).toContain(join(dir, 'manifest.json'));
    expect(r.err).toMatch(message);
    expect(r.out).toBe('');
  });

  it('a nested assembly that points back at its parent is refused, not recursed into', async () => {
    const dir = assembly('cycle', { Stage: { type: 'cdk:cloud-assembly', properties: { directoryName: 'assembly-Stage' } } });
    mkdirSync(join(dir, 'assembly-Stage'), { recursive: true });
    writeFileSync(join(dir, 'assembly-Stage', 'manifest.json'), JSON.stringify({ artifacts: { Back: { type: 'cdk:cloud-assembly', properties: { directoryName: '..' } } } }));
    const r = await runCli([good, dir]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/a cycle/);
  });

  it('a manifest.json that is not JSON is a validation error (exit 1) with the file, not an environment error', async () => {
    const dir = assembly('not-json', undefined, '{ "artifacts": ');
    const r = await runCli([good, dir]);
    expect(r.code).toBe(1);
    expect(r.err).toContain(`${join(dir, 'manifest.json')} is not valid JSON`);
  });
});

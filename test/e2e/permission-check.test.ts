import { chmodSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cg, sandbox, type Sandbox } from '../blueprint-sources/helpers.js';
import { FakeAwsQuery } from '../helpers/fake-aws-query.js';
import { REPO_ROOT } from '../helpers/files.js';
import { LocalRegistry, npm } from '../helpers/npm-registry.js';
import { spawnAsync } from '../helpers/spawn.js';

// The permission check of a generated secure-cdk-pipeline app, end to end and with no AWS account: catalyst-gen
// packed with npm pack and installed into the app (its pinned devDependency) from a loopback registry; two
// versions of the app synthesized; the check's buildspec run as CodeBuild runs it (its install and build
// commands in one bash) against loopback CloudFormation (GetTemplate, through the assumed deploy role) and SNS
// (Publish), with the AWS CLI replaced by a recorder (it only invokes the auto-approval Lambda here).

const TOPIC = 'arn:aws:sns:us-east-1:111111111111:secure-app-approvals';

describe("the secure pipeline's permission check", () => {
  const registry = new LocalRegistry();
  const aws = new FakeAwsQuery();
  let box: Sandbox;
  let app: string;
  let env: NodeJS.ProcessEnv;

  /** Synthesize the app as the CDK CLI drives it (context from cdk.json, path metadata on) into `out`. */
  const synth = async (out: string) => {
    const context = JSON.parse(readFileSync(join(app, 'cdk.json'), 'utf8')).context as Record<string, unknown>;
    const r = await spawnAsync(join(app, 'node_modules/.bin/tsx'), ['bin/app.ts'], {
      cwd: app,
      env: { ...env, CDK_OUTDIR: join(app, out), CDK_CONTEXT_JSON: JSON.stringify({ ...context, 'aws:cdk:enable-path-metadata': true }), CDK_VALIDATION: 'false' },
    });
    expect(r.code, r.output).toBe(0);
  };

  /** The deployed stacks: the templates of a synthesized assembly's stage, by CloudFormation stack name. */
  const deploy = (out: string) => {
    aws.templates.clear();
    const dir = join(app, out, 'assembly-secure-app-pipeline-Dev');
    const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as { artifacts: Record<string, { type: string; properties: { stackName: string; templateFile: string } }> };
    for (const a of Object.values(manifest.artifacts)) {
      if (a.type === 'aws:cloudformation:stack') aws.templates.set(a.properties.stackName, readFileSync(join(dir, a.properties.templateFile), 'utf8'));
    }
  };

  /** The buildspec's install and build commands, in one bash, in the repository with the assembly in cdk.out. */
  const runCheck = async (overrides: Record<string, string> = {}) => {
    const spec = parse(readFileSync(join(app, 'buildspecs/permission-check.yml'), 'utf8')) as { phases: Record<string, { commands: string[] }> };
    const script = ['set -e', ...spec.phases['install']!.commands, ...spec.phases['build']!.commands, 'echo "MESSAGE=$MESSAGE"'].join('\n');
    const r = await spawnAsync('bash', ['-c', script], {
      cwd: app,
      env: {
        ...env,
        STACKS: 'secure-app-pipeline/Dev/*',
        STAGE_NAME: 'Dev',
        ACTION_NAME: 'PermissionCheck.Confirm',
        PIPELINE_NAME: 'secure-app',
        NOTIFICATION_ARN: TOPIC,
        NOTIFICATION_SUBJECT: 'Confirm permission broadening in Dev',
        APPROVE_FUNCTION: 'secure-app-auto-approve',
        EXECUTION_ID: '0b5d1e2a-1111-2222-3333-444455556666',
        COMMIT_ID: '3f2c9a1d8e7b6a5c4d3e2f1a0b9c8d7e6f5a4b3c',
        COMMIT_MESSAGE: 'Let the worker manage the bucket\n\nIt needs to clean up old objects.',
        CODEBUILD_BUILD_URL: 'https://us-east-1.console.aws.amazon.com/codesuite/codebuild/111111111111/projects/check/build/check:1',
        AWS_REGION: 'us-east-1',
        ...overrides,
      },
    });
    return r;
  };

  beforeAll(async () => {
    box = sandbox();
    const pkg = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { name: string; version: string };
    const packed = await spawnAsync('npm', ['pack', '--ignore-scripts', '--pack-destination', box.root], { cwd: REPO_ROOT });
    expect(packed.code, packed.output).toBe(0);
    registry.publish(join(box.root, `${pkg.name}-${pkg.version}.tgz`), pkg);
    const registryUrl = await registry.start();
    const awsUrl = await aws.start();
    // The AWS CLI of the build image, as a recorder: every call is a line in aws-cli.log.
    const bin = join(box.root, 'bin');
    mkdirSync(bin, { recursive: true });
    writeFileSync(join(bin, 'aws'), `#!/bin/sh\nprintf '%s\\n' "$*" >> "${join(box.root, 'aws-cli.log')}"\n`);
    chmodSync(join(bin, 'aws'), 0o755);
    env = {
      ...box.env,
      PATH: `${bin}:${process.env['PATH']}`,
      npm_config_registry: registryUrl,
      npm_config_cache: join(box.root, 'npm-cache'),
      npm_config_audit: 'false',
      npm_config_fund: 'false',
      AWS_ACCESS_KEY_ID: 'AKIDPIPELINECHECK01',
      AWS_SECRET_ACCESS_KEY: 'not-a-real-secret',
      AWS_CONFIG_FILE: join(box.root, 'no-aws-config'),
      AWS_SHARED_CREDENTIALS_FILE: join(box.root, 'no-aws-credentials'),
      AWS_EC2_METADATA_DISABLED: 'true',
      AWS_ENDPOINT_URL_STS: awsUrl,
      AWS_ENDPOINT_URL_CLOUDFORMATION: awsUrl,
      AWS_ENDPOINT_URL_SNS: awsUrl,
    };
    expect(cg(box, ['new', 'secure-cdk-pipeline', './app', '--no-input']).code).toBe(0);
    app = join(box.work, 'app');
    // The CDK CLI is not in the loopback registry (this repository does not depend on it); the app is synthesized
    // with tsx as the CLI would run it, so it is left out of this install. Everything else is installed as is.
    const pkgPath = join(app, 'package.json');
    const appPkg = JSON.parse(readFileSync(pkgPath, 'utf8'));
    expect(appPkg.devDependencies['catalyst-gen']).toBe(pkg.version);
    delete appPkg.devDependencies['aws-cdk'];
    writeFileSync(pkgPath, JSON.stringify(appPkg, null, 2));
    const install = await npm(['install'], { cwd: app, registry: registryUrl, cache: join(box.root, 'npm-cache'), env: box.env });
    expect(install.code, install.output).toBe(0);
    // Version 1 is deployed; version 2 lets the worker do anything to every bucket.
    await synth('deployed.out');
    const stage = join(app, 'lib/app-stage.ts');
    const anchor = "    worker.addToPolicy(new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: [bucket.arnForObjects('*')] }));\n";
    const before = readFileSync(stage, 'utf8');
    expect(before, 'the seed stage still grants the worker its reads this way').toContain(anchor);
    writeFileSync(stage, before.replace(anchor, `${anchor}    worker.addToPolicy(new iam.PolicyStatement({ actions: ['s3:*'], resources: ['*'] }));\n`));
    await synth('cdk.out');
  }, 900_000);

  afterAll(async () => {
    await registry.stop();
    await aws.stop();
  });

  it('e-mails the approvers what broadens, reading the deployed stack through its deploy role, and waits', async () => {
    deploy('deployed.out');
    const r = await runCheck();
    expect(r.code, r.output).toBe(0);
    // The deployed template was read in the stage's account through its CDK deploy role.
    expect(aws.of('AssumeRole').map((c) => c.params['RoleArn'])).toContain('arn:aws:iam::222222222222:role/cdk-hnb659fds-deploy-role-222222222222-us-east-1');
    expect(aws.of('GetTemplate').map((c) => c.params['StackName'])).toEqual(['Dev-Service']);
    expect(aws.of('GetTemplate')[0]!.authorization).toContain('Credential=ASIAFAKEASSUMED0001/');
    const [mail, ...more] = aws.of('Publish');
    expect(more).toEqual([]);
    expect(mail!.params['TopicArn']).toBe(TOPIC);
    expect(mail!.params['Subject']).toBe('Approve? 1 permission change(s) broaden in stage Dev of pipeline secure-app');
    const body = mail!.params['Message']!;
    expect(body).toMatch(/^1 change\(s\) would broaden permissions in stage Dev of pipeline secure-app\. The deployment waits for your approval\.\n\n {2}1\. Role Worker may now call s3:\* on every resource \(\*\)\.\n/);
    expect(body).toContain('  Pipeline: secure-app, execution 0b5d1e2a-1111-2222-3333-444455556666');
    expect(body).toContain('  Commit: 3f2c9a1d8e7b6a5c4d3e2f1a0b9c8d7e6f5a4b3c "Let the worker manage the bucket"');
    expect(body).toContain('  Stack secure-app-pipeline/Dev/Service: account 222222222222, region us-east-1');
    expect(body).toContain('  Approve or reject: https://us-east-1.console.aws.amazon.com/codesuite/codepipeline/pipelines/secure-app/view?region=us-east-1');
    expect(body).toContain("  The check's log: https://us-east-1.console.aws.amazon.com/codesuite/codebuild/111111111111/projects/check/build/check:1");
    expect(body).not.toMatch(/\$\{[A-Za-z0-9]+[0-9A-F]{8}/); // no bare logical ids
    // Not approved automatically: the manual approval waits, and says why.
    expect(readLog()).not.toContain('lambda invoke');
    expect(r.stdout).toContain('MESSAGE=Permissions broaden.');
  });

  it('with nothing broadening, publishes nothing and approves automatically', async () => {
    deploy('cdk.out');
    const published = aws.of('Publish').length;
    const r = await runCheck();
    expect(r.code, r.output).toBe(0);
    expect(aws.of('Publish')).toHaveLength(published);
    expect(readLog()).toContain('lambda invoke --function-name secure-app-auto-approve --invocation-type Event');
    expect(readLog()).toContain('"PipelineName":"secure-app","StageName":"Dev","ActionName":"PermissionCheck.Confirm"');
    expect(r.stdout).toContain('MESSAGE=No permission broadens; approved automatically.');
  });

  it('a first deployment of the stage (no stack yet) is new, and broadens', async () => {
    aws.templates.clear();
    const published = aws.of('Publish').length;
    const r = await runCheck();
    expect(r.code, r.output).toBe(0);
    expect(aws.of('Publish')).toHaveLength(published + 1);
    expect(aws.of('Publish').at(-1)!.params['Message']).toContain('Stack secure-app-pipeline/Dev/Service: account 222222222222, region us-east-1 (new stack)');
  });

  it("before the pipeline updates itself, an added approver (the approval gate) is e-mailed and waits, though no permission broadens", async () => {
    // What is deployed: the pipeline stack and its support stack as version 1 built them; the pipeline's
    // UpdatePipeline check holds that version's gate.
    const manifest = JSON.parse(readFileSync(join(app, 'deployed.out', 'manifest.json'), 'utf8')) as { artifacts: Record<string, { type: string; properties?: { stackName?: string; templateFile: string } }> };
    aws.templates.clear();
    for (const [id, a] of Object.entries(manifest.artifacts)) {
      if (a.type === 'aws:cloudformation:stack') aws.templates.set(a.properties!.stackName ?? id, readFileSync(join(app, 'deployed.out', a.properties!.templateFile), 'utf8'));
    }
    const deployed = aws.templates.get('secure-app-pipeline')!;
    expect(deployed, 'the pipeline stack is in the assembly').toBeDefined();
    // The environment CodePipeline gives that check: the variables of its CodeBuild project, as deployed.
    type Project = { Type: string; Properties: { Environment: { EnvironmentVariables?: { Name: string; Value: unknown }[] } } };
    const projects = Object.values((JSON.parse(deployed) as { Resources: Record<string, Project> }).Resources).filter((r) => r.Type === 'AWS::CodeBuild::Project');
    const vars = projects.map((p) => Object.fromEntries((p.Properties.Environment.EnvironmentVariables ?? []).map((v) => [v.Name, v.Value]))).find((v) => 'GATE' in v)!;
    expect(vars, 'the UpdatePipeline check carries the deployed gate').toBeDefined();
    expect(JSON.parse(vars['GATE'] as string).approvers).toEqual(['security@example.com']);

    // The commit adds an approver (lib/pipeline-config.ts is what `update --set approverEmails...` rewrites).
    const config = join(app, 'lib/pipeline-config.ts');
    const before = readFileSync(config, 'utf8');
    expect(before).toContain('"security@example.com"\n');
    writeFileSync(config, before.replace('"security@example.com"\n', '"security@example.com",\n    "new-approver@example.com"\n'));
    await synth('cdk.out');

    const logBefore = readLog();
    const published = aws.of('Publish').length;
    const r = await runCheck({ STACKS: String(vars['STACKS']), GATE: String(vars['GATE']), PIPELINE_TEMPLATE: String(vars['PIPELINE_TEMPLATE']), STAGE_NAME: 'UpdatePipeline', ACTION_NAME: 'PermissionCheck.Confirm' });
    expect(r.code, r.output).toBe(0);
    expect(aws.of('Publish').slice(published).map((p) => p.params['Message']), 'no permission broadens: no security-diff e-mail').toEqual([]);
    const calls = readLog().slice(logBefore.length);
    expect(calls).toContain('sns publish --topic-arn arn:aws:sns:us-east-1:111111111111:secure-app-approvals --subject Approve? The approval gate of pipeline secure-app changes');
    expect(calls).toContain('Approvers added: new-approver@example.com.');
    expect(calls, 'not approved automatically').not.toContain('lambda invoke');
    expect(r.stdout).toContain('MESSAGE=No permission broadens, but the approval gate changes.');
  });

  function readLog(): string {
    try {
      return readdirSync(box.root).includes('aws-cli.log') ? readFileSync(join(box.root, 'aws-cli.log'), 'utf8') : '';
    } catch {
      return '';
    }
  }
});

import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import picomatch from 'picomatch';
import { parse } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import { run } from '../../src/cli/main.js';
import { readCloudAssembly } from '../../src/io/cdk-out.js';
import { securityDiff } from '../../src/security/diff.js';
import type { StackTemplate } from '../../src/security/diff.js';
import { secureCdkPipeline } from '../../blueprints/secure-cdk-pipeline/index.js';
import type { SecurePipelineDef } from '../../src/model/pipeline.js';
import { crossRegionSupportRegions } from '../../src/render/cdk-app.js';
import { compileApp, REPO_ROOT, renderSecurePipeline, synthApp, writeApp } from './generated-app.js';
import { dependencyCycle } from './template-graph.js';

type Resources = Record<string, { Type: string; Properties?: any }>;
const resourcesOf = (t: StackTemplate, type: string) =>
  Object.entries((t.template['Resources'] ?? {}) as Resources).filter(([, r]) => r.Type === type);

function pipelineStages(stack: StackTemplate): { Name: string; Actions: any[] }[] {
  const pipelines = resourcesOf(stack, 'AWS::CodePipeline::Pipeline');
  expect(pipelines).toHaveLength(1);
  return pipelines[0]![1].Properties.Stages;
}

/**
 * The environment a stage's permission check runs with: its CodeBuild project's variables, then those its action
 * adds (the ones that name pipeline variables), and the action's input artifacts.
 */
function checkOf(stack: StackTemplate, stageName: string, prefix: string): { env: Record<string, unknown>; inputs: string[]; buildSpec: any } {
  const action = pipelineStages(stack).find((s) => s.Name === stageName)!.Actions.find((a) => a.Name === `${prefix}PermissionCheck.Check`);
  const project = Object.fromEntries(resourcesOf(stack, 'AWS::CodeBuild::Project'))[action.Configuration.ProjectName.Ref]!;
  const fromProject = (project.Properties.Environment.EnvironmentVariables ?? []) as { Name: string; Value: unknown }[];
  const fromAction = JSON.parse(action.Configuration.EnvironmentVariables ?? '[]') as { name: string; value: unknown }[];
  return {
    env: { ...Object.fromEntries(fromProject.map((e) => [e.Name, e.Value])), ...Object.fromEntries(fromAction.map((e) => [e.name, e.value])) },
    inputs: (action.InputArtifacts as { Name: string }[]).map((a) => a.Name),
    buildSpec: parse(project.Properties.Source.BuildSpec),
  };
}

function boundaryText(b: unknown): string {
  return JSON.stringify(b);
}

/** The policies (their statements) attached to a role, by the role's logical id. */
function statementsOfRole(stack: StackTemplate, roleId: string): any[] {
  return resourcesOf(stack, 'AWS::IAM::Policy')
    .filter(([, p]) => JSON.stringify(p.Properties.Roles) === JSON.stringify([{ Ref: roleId }]))
    .flatMap(([, p]) => p.Properties.PolicyDocument.Statement);
}

/** The stack artifacts of a cloud assembly's manifest (top level), by display name. */
function stackArtifacts(outdir: string): Record<string, { environment: string; properties: Record<string, unknown> }> {
  const manifest = JSON.parse(readFileSync(join(outdir, 'manifest.json'), 'utf8')) as { artifacts: Record<string, any> };
  return Object.fromEntries(
    Object.entries(manifest.artifacts)
      .filter(([, a]) => a.type === 'aws:cloudformation:stack')
      .map(([id, a]) => [a.displayName ?? id, { environment: a.environment, properties: a.properties }]),
  );
}

const defaults = secureCdkPipeline.defaults as SecurePipelineDef;

// The blueprint's defaults: Dev in 222222222222, a Prod wave in 333333333333 (us-east-1 and eu-west-1), each stage
// with its own boundary, the app-wide boundary for the pipeline in 111111111111. Built-in validation off here.
describe('secure-cdk-pipeline: generated app (defaults: cross-account, wave, boundaries)', () => {
  let stacks: StackTemplate[] = [];
  let pipelineStack: StackTemplate;
  let dir = '';
  let outdir = '';

  beforeAll(() => {
    dir = writeApp(renderSecurePipeline(), 'defaults');
    compileApp(dir);
    outdir = synthApp(dir, { validation: false });
    stacks = readCloudAssembly(outdir);
    pipelineStack = stacks.find((s) => s.name === 'secure-app-pipeline')!;
  });

  it('synthesizes the pipeline stack and one application stack per stage', () => {
    expect(pipelineStack).toBeDefined();
    expect(stacks.filter((s) => s.stage).map((s) => s.name)).toEqual([
      'secure-app-pipeline/Dev/Service',
      'secure-app-pipeline/Prod-eu-west-1/Service',
      'secure-app-pipeline/Prod-us-east-1/Service',
    ]);
  });

  it('puts a PermissionCheck.Check CodeBuild action and a PermissionCheck.Confirm approval before every stage', () => {
    const stages = pipelineStages(pipelineStack);
    expect(stages.map((s) => s.Name)).toEqual(['Source', 'Build', 'UpdatePipeline', 'Dev', 'Prod']);
    const expected: [string, string][] = [
      ['Dev', ''],
      ['Prod', 'Prod-us-east-1.'],
      ['Prod', 'Prod-eu-west-1.'],
    ];
    for (const [stageName, prefix] of expected) {
      const actions = stages.find((s) => s.Name === stageName)!.Actions;
      const check = actions.find((a) => a.Name === `${prefix}PermissionCheck.Check`);
      const confirm = actions.find((a) => a.Name === `${prefix}PermissionCheck.Confirm`);
      expect(check?.ActionTypeId).toMatchObject({ Category: 'Build', Provider: 'CodeBuild' });
      expect(confirm?.ActionTypeId).toMatchObject({ Category: 'Approval', Provider: 'Manual' });
      expect(confirm.RunOrder).toBe(check.RunOrder + 1);
      const deploys = actions.filter((a) => a.Name.startsWith(prefix) && a.ActionTypeId.Category === 'Deploy');
      expect(deploys.length).toBeGreaterThan(0);
      for (const d of deploys) expect(d.RunOrder).toBeGreaterThan(confirm.RunOrder);
    }
  });

  it('the check publishes to the approval topic, which has one e-mail subscription per approver', () => {
    const topics = resourcesOf(pipelineStack, 'AWS::SNS::Topic');
    expect(topics).toHaveLength(1);
    const topicId = topics[0]![0];
    const subs = resourcesOf(pipelineStack, 'AWS::SNS::Subscription').map(([, r]) => r.Properties);
    expect(subs).toEqual([{ Protocol: 'email', TopicArn: { Ref: topicId }, Endpoint: 'security@example.com' }]);
    expect(JSON.stringify(checkOf(pipelineStack, 'Dev', '').env['NOTIFICATION_ARN'])).toContain(topicId);
  });

  it("runs catalyst-gen's check, not CDK's: the repository (for npm ci) and the cloud assembly in, the commit and execution named", () => {
    expect(JSON.stringify(pipelineStack.template)).not.toContain('PipelinesSecurityCheck');
    for (const [stageName, prefix] of [['Dev', ''], ['Prod', 'Prod-us-east-1.'], ['Prod', 'Prod-eu-west-1.']] as const) {
      const check = checkOf(pipelineStack, stageName, prefix);
      expect(check.inputs).toHaveLength(2);
      expect(check.inputs.some((i) => /Source/i.test(i))).toBe(true);
      expect(check.inputs.some((i) => /Synth/i.test(i))).toBe(true);
      expect(check.env['EXECUTION_ID']).toBe('#{codepipeline.PipelineExecutionId}');
      expect(String(check.env['COMMIT_ID'])).toMatch(/^#\{[^}]+\.CommitId\}$/);
      expect(String(check.env['COMMIT_MESSAGE'])).toMatch(/^#\{[^}]+\.CommitMessage\}$/);
      expect(check.env['STACKS']).toBe(`secure-app-pipeline/${prefix ? prefix.slice(0, -1) : stageName}/*`);
      expect(check.buildSpec.phases.install.commands).toContain('npm ci');
      expect(check.buildSpec.phases.build.commands.join('\n')).toContain('npx --no-install catalyst-gen security-diff --deployed cdk.out --stack "$STACKS" --notify "$NOTIFICATION_ARN"');
    }
  });

  it("gives every IAM role of each stage that stage's boundary", () => {
    const expected: Record<string, string> = {
      'secure-app-pipeline/Dev': ':iam::222222222222:policy/dev-boundary',
      'secure-app-pipeline/Prod-us-east-1': ':iam::333333333333:policy/prod-boundary',
      'secure-app-pipeline/Prod-eu-west-1': ':iam::333333333333:policy/prod-boundary',
    };
    for (const s of stacks.filter((x) => x.stage)) {
      const roles = resourcesOf(s, 'AWS::IAM::Role');
      expect(roles.length).toBeGreaterThan(0);
      for (const [, role] of roles) expect(boundaryText(role.Properties.PermissionsBoundary)).toContain(expected[s.stage!]);
    }
  });

  it("gives the pipeline's own roles the app-wide boundary from cdk.json, with ${Qualifier} resolved", () => {
    const cdkJson = JSON.parse(readFileSync(join(dir, 'cdk.json'), 'utf8'));
    expect(cdkJson.context['@aws-cdk/core:permissionsBoundary']).toEqual({ name: 'cdk-${Qualifier}-permissions-boundary' });
    const roles = resourcesOf(pipelineStack, 'AWS::IAM::Role');
    expect(roles.length).toBeGreaterThan(5);
    for (const [, role] of roles) expect(boundaryText(role.Properties.PermissionsBoundary)).toContain(':iam::111111111111:policy/cdk-hnb659fds-permissions-boundary');
  });

  it('encrypts the artifact bucket with a KMS key because stages are in other accounts', () => {
    const keys = resourcesOf(pipelineStack, 'AWS::KMS::Key');
    expect(keys).toHaveLength(1);
    const keyId = keys[0]![0];
    const buckets = resourcesOf(pipelineStack, 'AWS::S3::Bucket').map(([, r]) => r.Properties.BucketEncryption?.ServerSideEncryptionConfiguration?.[0]?.ServerSideEncryptionByDefault);
    expect(buckets).toContainEqual({ SSEAlgorithm: 'aws:kms', KMSMasterKeyID: { 'Fn::GetAtt': [keyId, 'Arn'] } });
  });

  it('deploys the Prod stages through the bootstrap roles of their own account', () => {
    const prod = pipelineStages(pipelineStack).find((s) => s.Name === 'Prod')!;
    const deploy = prod.Actions.filter((a) => a.ActionTypeId.Category === 'Deploy');
    for (const a of deploy) expect(JSON.stringify(a.RoleArn)).toContain('cdk-hnb659fds-deploy-role-333333333333-');
    // Region is omitted when it is the pipeline's.
    expect(new Set(deploy.map((a) => a.Region ?? 'us-east-1'))).toEqual(new Set(['us-east-1', 'eu-west-1']));
  });

  it('no template has a dependency cycle (CloudFormation refuses one)', () => {
    for (const st of stacks) expect(dependencyCycle(st.template as Record<string, unknown>), st.name).toBeUndefined();
  });

  it('grants the source action codeconnections:UseConnection on the connection, besides CDK\'s codestar-connections grant', () => {
    const arn = defaults.source.connectionArn;
    expect(arn).toMatch(/^arn:aws:codeconnections:/);
    const source = pipelineStages(pipelineStack).find((s) => s.Name === 'Source')!.Actions[0];
    const roleId = source.RoleArn['Fn::GetAtt'][0];
    const statements = statementsOfRole(pipelineStack, roleId);
    expect(statements).toContainEqual({ Action: 'codestar-connections:UseConnection', Effect: 'Allow', Resource: arn });
    expect(statements).toContainEqual({ Action: 'codeconnections:UseConnection', Effect: 'Allow', Resource: arn });
  });

  it('holds one cross-region support stack per other stage region, deployed with the pipeline region\'s roles (no bootstrap there)', () => {
    const regions = crossRegionSupportRegions(defaults);
    expect(regions).toEqual(['eu-west-1']);
    const artifacts = stackArtifacts(outdir);
    const support = Object.entries(artifacts)
      .filter(([name]) => name !== 'secure-app-pipeline')
      .map(([, a]) => a);
    expect(support.map((a) => a.environment)).toEqual(regions.map((r) => `aws://111111111111/${r}`));
    expect(support.map((a) => a.properties['stackName'])).toEqual(regions.map((r) => `secure-app-pipeline-support-${r}`));
    for (const a of support) {
      // BootstraplessSynthesizer: the pipeline environment's bootstrap roles, and no bootstrap version check.
      expect(a.properties['assumeRoleArn']).toBe('arn:${AWS::Partition}:iam::111111111111:role/cdk-hnb659fds-deploy-role-111111111111-us-east-1');
      expect(a.properties['requiresBootstrapStackVersion']).toBeUndefined();
    }
    const readme = renderSecurePipeline().get('README.md')!.content;
    for (const r of regions) expect(readme).toContain(`\`secure-app-pipeline-support-${r}\` in aws://111111111111/${r}`);
  });

  it('selfMutation approval (the default): the pipeline updates itself only after its own check and approval', () => {
    const update = pipelineStages(pipelineStack).find((s) => s.Name === 'UpdatePipeline')!.Actions;
    expect(update.map((a) => [a.Name, a.ActionTypeId.Category, a.RunOrder])).toEqual([
      ['PermissionCheck.Check', 'Build', 1],
      ['PermissionCheck.Confirm', 'Approval', 2],
      ['SelfMutate', 'Build', 3],
    ]);
    const projects = Object.fromEntries(resourcesOf(pipelineStack, 'AWS::CodeBuild::Project'));
    // One project deploys the pipeline: this app's SelfMutate, not CDK's unchecked self-mutation.
    const deploying = Object.entries(projects).filter(([, p]) => JSON.stringify(p.Properties.Source.BuildSpec).includes(' deploy '));
    expect(deploying.map(([id]) => id)).toEqual([update[2].Configuration.ProjectName.Ref]);
    const selfMutate = deploying[0]![1];
    expect(parse(selfMutate.Properties.Source.BuildSpec).phases.build.commands).toEqual(['cdk -a . deploy secure-app-pipeline --require-approval=never --verbose']);
    // It may assume the pipeline environment's bootstrap roles, by name; nothing on *.
    const roleId = selfMutate.Properties.ServiceRole['Fn::GetAtt'][0];
    const assume = statementsOfRole(pipelineStack, roleId).filter((st) => [st.Action].flat().includes('sts:AssumeRole'));
    const role = (kind: string) => JSON.stringify({ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, `:iam::111111111111:role/cdk-hnb659fds-${kind}-role-111111111111-us-east-1`]] });
    expect(assume.flatMap((st) => [st.Resource].flat()).map((r: unknown) => JSON.stringify(r))).toEqual(['deploy', 'file-publishing', 'image-publishing'].map(role));
    expect(JSON.stringify(statementsOfRole(pipelineStack, roleId))).not.toContain('"*"');
  });

  it("the pipeline's own check compares the pipeline stack and its support stack, each once, and carries the deployed approval gate", () => {
    const check = checkOf(pipelineStack, 'UpdatePipeline', '');
    expect(check.env['STACKS']).toBe('{secure-app-pipeline,cross-region-stack-111111111111:eu-west-1}');
    // The glob security-diff applies selects exactly the pipeline's stacks of the cloud assembly.
    const isMatch = picomatch(String(check.env['STACKS']), { dot: true });
    expect(stacks.filter((s) => isMatch(s.name)).map((s) => s.name)).toEqual(['cross-region-stack-111111111111:eu-west-1', 'secure-app-pipeline']);
    expect(check.env['PIPELINE_TEMPLATE']).toBe('secure-app-pipeline.template.json');
    // GATE, in the deployed check project, is the gate of the pipeline that was deployed: the template's own.
    const gate = (pipelineStack.template['Metadata'] as Record<string, unknown>)['catalyst-gen:approval-gate'];
    expect(JSON.parse(String(check.env['GATE']))).toEqual(gate);
    expect(gate).toMatchObject({
      selfMutation: 'approval',
      approvers: ['security@example.com'],
      stages: [
        { name: 'Dev', checked: true },
        { name: 'Prod-us-east-1', checked: true },
        { name: 'Prod-eu-west-1', checked: true },
      ],
    });
    expect((gate as { checkCode: string }).checkCode).toMatch(/^[0-9a-f]{16}$/);
  });

  it('lib/approval-gate.ts (run by the check) prints each change of the approval gate, and nothing when it is the same', () => {
    const template = join(outdir, 'secure-app-pipeline.template.json');
    const built = JSON.parse(readFileSync(template, 'utf8'));
    const gate = built.Metadata['catalyst-gen:approval-gate'];
    /** The lines the check's buildspec gets for a deployed gate and a new pipeline template (the compiled script: faster). */
    const changes = (deployed: unknown, newTemplate = template, command = [process.execPath, 'lib/approval-gate.js']) => {
      const r = spawnSync(command[0]!, [...command.slice(1), JSON.stringify(deployed), newTemplate], { cwd: dir, encoding: 'utf8' });
      expect(r.status, r.stderr).toBe(0);
      return r.stdout.split('\n').filter(Boolean);
    };
    // As the buildspec runs it (tsx lib/approval-gate.ts), once.
    expect(changes(gate, template, [join(REPO_ROOT, 'node_modules', '.bin', 'tsx'), 'lib/approval-gate.ts'])).toEqual([]);
    // The deployed pipeline had another approver, a Staging stage, no check before Dev, CDK's self-mutation, older check code.
    const deployed = {
      selfMutation: 'automatic',
      approvers: ['old@example.com'],
      stages: [...gate.stages.map((s: { name: string }) => ({ name: s.name, checked: s.name !== 'Dev' })), { name: 'Staging', checked: true }],
      checkCode: '0000000000000000',
    };
    expect(changes(deployed)).toEqual([
      'The pipeline\'s self-update changes from "automatic" to "approval".',
      'Approvers removed: old@example.com.',
      'Approvers added: security@example.com.',
      'Stage Dev gets a permission check.',
      'Stage Staging is removed from the pipeline.',
      "The permission check's code (its buildspec or the auto-approval) changes.",
    ]);
    // A commit whose pipeline drops the check before Prod-eu-west-1 and every approver: IAM narrows, the gate says so.
    const weakened = join(outdir, 'weakened.template.json');
    const stages = gate.stages.map((s: { name: string; checked: boolean }) => ({ ...s, checked: s.name !== 'Prod-eu-west-1' }));
    writeFileSync(weakened, JSON.stringify({ ...built, Metadata: { ...built.Metadata, 'catalyst-gen:approval-gate': { ...gate, approvers: [], stages } } }));
    expect(changes(gate, weakened)).toEqual(['Approvers removed: security@example.com.', 'Stage Prod-eu-west-1 no longer has a permission check before it deploys.']);
    // A commit whose pipeline has no gate at all is a change too.
    const { Metadata: _, ...ungated } = built;
    writeFileSync(weakened, JSON.stringify(ungated));
    expect(changes(gate, weakened)).toEqual(['The new pipeline has no approval gate: it no longer checks its own updates.']);
  });

  it('rotates every KMS key (the artifact key and the support stack\'s replication key), and the approval topic refuses publishing without TLS', () => {
    const keys = stacks.flatMap((s) => resourcesOf(s, 'AWS::KMS::Key').map(([id, r]) => [`${s.name}/${id}`, r.Properties.EnableKeyRotation]));
    expect(keys.length).toBe(2);
    for (const [id, rotation] of keys) expect(rotation, String(id)).toBe(true);
    const [topicId] = resourcesOf(pipelineStack, 'AWS::SNS::Topic')[0]!;
    const policies = resourcesOf(pipelineStack, 'AWS::SNS::TopicPolicy').filter(([, r]) => JSON.stringify(r.Properties.Topics) === JSON.stringify([{ Ref: topicId }]));
    expect(policies.flatMap(([, r]) => r.Properties.PolicyDocument.Statement)).toContainEqual(
      expect.objectContaining({ Effect: 'Deny', Principal: '*', Action: 'sns:Publish', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
    );
  });

  it('security-diff reads the cloud assembly: a first deployment of each stage broadens, the same assembly does not', async () => {
    const report = securityDiff([], stacks.filter((st) => st.stage));
    expect(report.broadened).toBe(true);
    expect(report.stacks.map((st) => [st.stack, st.stage, st.isNew])).toEqual([
      ['secure-app-pipeline/Dev/Service', 'secure-app-pipeline/Dev', true],
      ['secure-app-pipeline/Prod-eu-west-1/Service', 'secure-app-pipeline/Prod-eu-west-1', true],
      ['secure-app-pipeline/Prod-us-east-1/Service', 'secure-app-pipeline/Prod-us-east-1', true],
    ]);
    const o = { out: () => {}, err: () => {}, color: false, stdinIsTty: false };
    expect(await run(['security-diff', outdir, outdir], o)).toBe(0);
  });
});

describe('secure-cdk-pipeline: same-account pipeline, CDK validation on', () => {
  let stacks: StackTemplate[] = [];
  beforeAll(() => {
    const files = renderSecurePipeline({
      appName: 'one-account',
      // One environment is bootstrapped once, so the pipeline and Beta share the boundary (its resolved name).
      permissionsBoundary: { name: 'cdk-${Qualifier}-permissions-boundary-${AWS::AccountId}-${AWS::Region}' },
      stages: [
        { name: 'Beta', account: '111111111111', region: 'us-east-1', permissionsBoundary: { name: 'cdk-${Qualifier}-permissions-boundary-${AWS::AccountId}-${AWS::Region}' } },
      ],
      approverEmails: ['a@example.com', 'b@example.com'],
    });
    const dir = writeApp(files, 'one-account');
    compileApp(dir);
    stacks = readCloudAssembly(synthApp(dir, { validation: true }));
  });

  it('synthesizes with built-in CloudFormation validation, without a KMS key', () => {
    const p = stacks.find((s) => s.name === 'one-account-pipeline')!;
    expect(resourcesOf(p, 'AWS::KMS::Key')).toEqual([]);
    expect(resourcesOf(p, 'AWS::SNS::Subscription').map(([, r]) => r.Properties.Endpoint)).toEqual(['a@example.com', 'b@example.com']);
  });

  it('resolves the placeholders of a stage boundary per stack', () => {
    const beta = stacks.find((s) => s.stage === 'one-account-pipeline/Beta')!;
    for (const [, role] of resourcesOf(beta, 'AWS::IAM::Role')) {
      expect(boundaryText(role.Properties.PermissionsBoundary)).toContain(':iam::111111111111:policy/cdk-hnb659fds-permissions-boundary-111111111111-us-east-1');
    }
  });
});

describe('secure-cdk-pipeline: private build (VPC, CodeArtifact)', () => {
  let stacks: StackTemplate[] = [];
  let pipelineStack: StackTemplate;
  beforeAll(() => {
    const files = renderSecurePipeline({
      appName: 'private-app',
      privateBuild: {
        vpcId: 'vpc-0123456789abcdef0',
        subnetIds: ['subnet-0123456789abcdef0', 'subnet-0123456789abcdef1'],
        securityGroupIds: ['sg-0123456789abcdef0'],
        codeArtifact: { domain: 'my-domain', repository: 'npm-proxy' },
      },
    });
    const dir = writeApp(files, 'private');
    compileApp(dir);
    stacks = readCloudAssembly(synthApp(dir, { validation: false }));
    pipelineStack = stacks.find((s) => s.name === 'private-app-pipeline')!;
  });

  it('no template has a dependency cycle: the approval Lambda names the pipeline by its ARN, not by a reference', () => {
    for (const st of stacks) expect(dependencyCycle(st.template as Record<string, unknown>), st.name).toBeUndefined();
    const [fnId, fn] = resourcesOf(pipelineStack, 'AWS::Lambda::Function').find(([id]) => id.startsWith('PermissionCheckAutoApprove'))!;
    const statements = statementsOfRole(pipelineStack, fn.Properties.Role['Fn::GetAtt'][0]);
    const arn = (suffix: string) => JSON.stringify({ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, `:codepipeline:us-east-1:111111111111:private-app${suffix}`]] });
    const resources = (action: string) => statements.filter((st) => [st.Action].flat().includes(action)).flatMap((st) => [st.Resource].flat()).map((r: unknown) => JSON.stringify(r));
    expect(resources('codepipeline:GetPipelineState')).toEqual([arn('')]);
    // It may answer exactly the approval actions of the checks, each by its ARN (pipeline/stage/action).
    expect(resources('codepipeline:PutApprovalResult').sort()).toEqual(
      ['/UpdatePipeline/PermissionCheck.Confirm', '/Dev/PermissionCheck.Confirm', '/Prod/Prod-us-east-1.PermissionCheck.Confirm', '/Prod/Prod-eu-west-1.PermissionCheck.Confirm'].map(arn).sort(),
    );
    expect(fnId).toBeDefined();
  });

  it("does not use CDK's check, whose project cannot run in a VPC", () => {
    expect(JSON.stringify(pipelineStack.template)).not.toContain('PipelinesSecurityCheck');
  });

  it('runs every CodeBuild project in the VPC and logs in to CodeArtifact', () => {
    const projects = resourcesOf(pipelineStack, 'AWS::CodeBuild::Project');
    expect(projects.length).toBeGreaterThan(3);
    for (const [, p] of projects) {
      expect(p.Properties.VpcConfig).toMatchObject({ VpcId: 'vpc-0123456789abcdef0', Subnets: ['subnet-0123456789abcdef0', 'subnet-0123456789abcdef1'], SecurityGroupIds: ['sg-0123456789abcdef0'] });
      expect(JSON.stringify(p.Properties.Source.BuildSpec)).toContain('aws codeartifact login --tool npm --domain my-domain --domain-owner 111111111111 --repository npm-proxy');
    }
  });

  it('adds a check in the VPC and an approval before every stage, named so the auto-approval finds it', () => {
    const stages = pipelineStages(pipelineStack);
    const projects = Object.fromEntries(resourcesOf(pipelineStack, 'AWS::CodeBuild::Project'));
    for (const [stageName, prefix] of [['Dev', ''], ['Prod', 'Prod-us-east-1.'], ['Prod', 'Prod-eu-west-1.']] as const) {
      const actions = stages.find((s) => s.Name === stageName)!.Actions;
      const check = actions.find((a) => a.Name === `${prefix}PermissionCheck.Check`);
      const confirm = actions.find((a) => a.Name === `${prefix}PermissionCheck.Confirm`);
      expect(check?.ActionTypeId).toMatchObject({ Category: 'Build', Provider: 'CodeBuild' });
      expect(confirm?.ActionTypeId).toMatchObject({ Category: 'Approval', Provider: 'Manual' });
      expect(confirm.RunOrder).toBeGreaterThan(check.RunOrder);
      expect(JSON.stringify(confirm.Configuration.CustomData)).toContain('.MESSAGE}');
      // The environment the buildspec and the approval Lambda rely on names the real stage and action.
      const project = projects[check.Configuration.ProjectName.Ref]!;
      const env = project.Properties.Environment.EnvironmentVariables as { Name: string; Value: unknown }[];
      const value = (n: string) => env.find((e) => e.Name === n)?.Value;
      expect(value('STAGE_NAME')).toBe(stageName);
      expect(value('ACTION_NAME')).toBe(confirm.Name);
      expect(value('PIPELINE_NAME')).toBe('private-app');
      const buildSpec = parse(project.Properties.Source.BuildSpec);
      expect(buildSpec.phases.build.commands.join('\n')).toContain('npx --no-install catalyst-gen security-diff --deployed cdk.out --stack "$STACKS"');
      // In the VPC, npm ci installs through CodeArtifact: the login runs first.
      expect(buildSpec.phases.install.commands.indexOf('npm ci')).toBeGreaterThan(buildSpec.phases.install.commands.findIndex((c: string) => c.startsWith('aws codeartifact login')));
      expect(buildSpec.env['exported-variables']).toEqual(expect.arrayContaining(['LINK', 'MESSAGE']));
    }
  });
});

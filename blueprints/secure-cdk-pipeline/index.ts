import {
  AWS_ACCOUNT_PATTERN,
  AWS_REGION_PATTERN,
  checkPipelineDef,
  CODEARTIFACT_NAME_RULES,
  defineBlueprint,
  renderCdkApp,
  SELF_MUTATION_MODES,
  ValidationError,
  type ProjectPart,
  type SecurePipelineDef,
  type TemplatePart,
} from '../../src/index.js';
import { readmePart } from '../shared/files-table.js';
import { PLACEHOLDER_ACCOUNTS, placeholderAccounts, type Placeholder } from '../shared/options.js';
import { meta } from './meta.js';

export type SecureCdkPipelineOptions = SecurePipelineDef;

const ACCOUNT = { type: 'string', pattern: AWS_ACCOUNT_PATTERN, description: '12-digit AWS account id.' } as const;
const REGION = { type: 'string', pattern: AWS_REGION_PATTERN, description: 'AWS region, e.g. eu-west-1.' } as const;
const BOUNDARY = {
  type: 'object',
  additionalProperties: false,
  required: ['name'],
  properties: {
    name: {
      type: 'string',
      minLength: 1,
      maxLength: 128,
      // IAM's policy name characters, and the placeholders the bootstrap template resolves.
      pattern: '^([A-Za-z0-9+=,.@_-]|\\$\\{(Qualifier|AWS::AccountId|AWS::Region|AWS::Partition)\\})+$',
      description: 'Managed policy name; may use ${Qualifier}, ${AWS::AccountId}, ${AWS::Region}, ${AWS::Partition}.',
    },
    deniedActions: {
      type: 'array',
      items: { type: 'string', pattern: '^[a-z0-9-]+:[A-Za-z0-9*?]+$' },
      uniqueItems: true,
      description: 'Actions this boundary denies besides the escalation guards, e.g. config:*.',
    },
  },
} as const;

/**
 * The secure CDK pipeline of AWS's "Manually approving security changes in CDK Pipeline" and "Secure CDK
 * deployments with IAM permission boundaries": a CDK Pipelines app that pauses for a security engineer only
 * when a deployment broadens permissions, and deploys every stage inside its own permission boundary.
 */
export const secureCdkPipeline = defineBlueprint<SecureCdkPipelineOptions>({
  ...meta,
  options: {
    type: 'object',
    additionalProperties: false,
    required: ['appName', 'pipeline', 'source', 'stages', 'approverEmails'],
    properties: {
      appName: { type: 'string', pattern: '^[a-z][a-z0-9-]{0,49}$', description: 'Name of the app, its package and its pipeline (lowercase, digits, "-").' },
      pipeline: {
        type: 'object',
        additionalProperties: false,
        required: ['account', 'region'],
        description: 'Where the pipeline itself runs.',
        properties: { account: ACCOUNT, region: REGION },
      },
      source: {
        type: 'object',
        additionalProperties: false,
        required: ['repository', 'connectionArn'],
        description: 'The repository the pipeline builds, through an AWS CodeConnections connection.',
        properties: {
          repository: { type: 'string', pattern: '^[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+$', description: 'owner/repo' },
          branch: { type: 'string', pattern: '^[A-Za-z0-9][A-Za-z0-9._/-]{0,99}$', description: 'Branch to build.' },
          connectionArn: { type: 'string', pattern: '^arn:aws[a-z-]*:(codeconnections|codestar-connections):', description: 'Connection ARN.' },
        },
      },
      stages: {
        type: 'array',
        minItems: 1,
        description: 'Application stages in deployment order; consecutive stages with the same wave deploy in parallel.',
        items: {
          type: 'object',
          additionalProperties: false,
          required: ['name', 'account', 'region'],
          properties: {
            name: { type: 'string', pattern: '^[A-Za-z][A-Za-z0-9-]{0,63}$', description: 'Stage name, e.g. Dev or Prod-eu-west-1.' },
            account: ACCOUNT,
            region: REGION,
            wave: { type: 'string', pattern: '^[A-Za-z][A-Za-z0-9-]{0,63}$', description: 'Wave to deploy in parallel with.' },
            permissionsBoundary: { ...BOUNDARY, description: "The stage's own boundary (default: the app-wide one)." },
            cloudFormationExecutionPolicies: {
              type: 'array',
              items: { type: 'string', pattern: '^arn:aws[a-z-]*:iam::' },
              description: 'Policies of the CloudFormation execution role when bootstrapping (default AdministratorAccess, bounded).',
            },
          },
        },
      },
      approverEmails: {
        type: 'array',
        minItems: 1,
        uniqueItems: true,
        items: { type: 'string', format: 'email' },
        description: 'Security approvers, e-mailed when a deployment would broaden permissions.',
      },
      permissionsBoundary: { ...BOUNDARY, description: 'App-wide boundary (cdk.json context); also covers the pipeline.' },
      qualifier: { type: 'string', pattern: '^[A-Za-z0-9_-]{1,10}$', description: 'CDK bootstrap qualifier (default hnb659fds).' },
      selfMutation: {
        type: 'string',
        enum: [...SELF_MUTATION_MODES],
        description:
          "How the pipeline updates itself: approval (its own changes go through the permission check, and wait for an approver when they broaden permissions or change the approval gate), automatic (CDK's self-mutation, no check) or off (deploy the pipeline stack by hand).",
      },
      privateBuild: {
        type: 'object',
        additionalProperties: false,
        required: ['vpcId', 'subnetIds', 'codeArtifact'],
        description: 'Run the builds and the permission check in a private VPC, installing through CodeArtifact.',
        properties: {
          vpcId: { type: 'string', pattern: '^vpc-[0-9a-f]{8,17}$', description: 'VPC id.' },
          subnetIds: { type: 'array', minItems: 1, items: { type: 'string', pattern: '^subnet-[0-9a-f]{8,17}$' }, description: 'Private subnets.' },
          securityGroupIds: { type: 'array', items: { type: 'string', pattern: '^sg-[0-9a-f]{8,17}$' }, description: 'Security groups.' },
          codeArtifact: {
            type: 'object',
            additionalProperties: false,
            required: ['domain', 'repository'],
            description: 'CodeArtifact npm repository that proxies npmjs.',
            properties: {
              domain: { type: 'string', pattern: CODEARTIFACT_NAME_RULES.domain.source, description: 'Domain name.' },
              domainOwner: ACCOUNT,
              repository: { type: 'string', pattern: CODEARTIFACT_NAME_RULES.repository.source, description: 'Repository name.' },
            },
          },
        },
      },
    },
  },
  defaults: {
    appName: 'secure-app',
    pipeline: { account: '111111111111', region: 'us-east-1' },
    source: { repository: 'my-org/secure-app', branch: 'main', connectionArn: 'arn:aws:codeconnections:us-east-1:111111111111:connection/00000000-0000-0000-0000-000000000000' },
    stages: [
      { name: 'Dev', account: '222222222222', region: 'us-east-1', permissionsBoundary: { name: 'dev-boundary', deniedActions: ['config:*'] } },
      { name: 'Prod-us-east-1', wave: 'Prod', account: '333333333333', region: 'us-east-1', permissionsBoundary: { name: 'prod-boundary', deniedActions: ['config:*', 'cloudtrail:*', 'organizations:*'] } },
      { name: 'Prod-eu-west-1', wave: 'Prod', account: '333333333333', region: 'eu-west-1', permissionsBoundary: { name: 'prod-boundary', deniedActions: ['config:*', 'cloudtrail:*', 'organizations:*'] } },
    ],
    approverEmails: ['security@example.com'],
    permissionsBoundary: { name: 'cdk-${Qualifier}-permissions-boundary' },
    selfMutation: 'approval',
  },
  statefulOptions: [
    {
      path: 'appName',
      consequence:
        'the pipeline stack is named <appName>-pipeline, so deploying it creates a second pipeline and leaves the old one deployed, both deploying the same stages. Keep the old name, or delete the old pipeline stack yourself once the new pipeline runs.',
    },
  ],
  upgradeNotes: {
    '2.0.0':
      'the pipeline\'s own update now waits behind the permission check (option selfMutation, default approval; automatic is the earlier behaviour), ' +
      'and the new test/cdk-nag.test.ts applies cdk-nag to the pipeline and every stage. package.json is yours, so it was kept: until it has ' +
      '`"test": "tsx --test test/*.test.ts"` under scripts and cdk-nag in devDependencies (`npm install --save-dev --save-exact cdk-nag@3.0.2`), `npm run build` fails on test/.',
  },
  render: (o) => {
    const problems = checkPipelineDef(o).filter((f) => f.severity === 'error');
    if (problems.length > 0) {
      throw new ValidationError(`The options describe a pipeline that cannot work:\n${problems.map((p) => `  ${p.pointer}: ${p.message}${p.fix ? ` ${p.fix}` : ''}`).join('\n')}`);
    }
    // The README (managed: it documents the current options) also lists every file and the values to replace.
    const parts = renderCdkApp(o, 'secure-cdk-pipeline');
    const readme = parts.find((p): p is TemplatePart => p.path === 'README.md' && p.type === 'template')!;
    const rest: ProjectPart[] = parts.filter((p) => p !== readme);
    return { files: [readmePart(readme.template, { ...readme.data, placeholders: placeholders(o) }, rest, FILE_DESCRIPTIONS), ...rest] };
  },
});

const FILE_DESCRIPTIONS: Readonly<Record<string, string>> = {
  'bin/app.ts': 'CDK app entry point: synthesizes the app of lib/app.ts',
  'lib/app.ts': 'the app: the pipeline stack in the pipeline account (bin/app.ts and the tests build it)',
  'lib/pipeline-config.ts': 'the settings rendered from the options: accounts, regions, stages, approvers',
  'lib/pipeline-stack.ts': 'the CDK Pipelines pipeline, with a permission check and approval before every stage',
  'lib/app-stage.ts': 'your application: the stacks every stage deploys',
  'lib/permission-check.ts': 'the permission check before every stage (in place of ConfirmPermissionsBroadening), its approval and auto-approval',
  'lib/approval-gate.ts': "the approval gate (approvers, checked stages, self-update, the check's code) and how the pipeline's own update compares it",
  'lib/nag-acknowledgements.ts': 'the cdk-nag findings acknowledged in what CDK Pipelines builds for itself, each with its reason',
  'test/cdk-nag.test.ts': '`npm test`: cdk-nag AwsSolutions checks of the pipeline stack and every stage',
  'buildspecs/permission-check.yml': 'the commands of the permission check: `npm ci`, `catalyst-gen security-diff --deployed`, e-mail or auto-approval',
  'boundary/permissions-boundary.yaml': 'the IAM permission boundary policy, as a CloudFormation template',
};

/** Default values that are documented placeholders, not real resources: listed in the README as values to replace. */
function placeholders(o: SecureCdkPipelineOptions): Placeholder[] {
  const out: Placeholder[] = [];
  if (PLACEHOLDER_ACCOUNTS.includes(o.pipeline.account)) {
    out.push({ option: 'pipeline.account', value: o.pipeline.account, why: 'placeholder account of the pipeline; use the real 12-digit account id' });
  }
  out.push(...placeholderAccounts(o.stages));
  if (/^my-org\//.test(o.source.repository)) {
    out.push({ option: 'source.repository', value: o.source.repository, why: 'example repository; use the owner/name of the repository this project lives in' });
  }
  if (/connection\/0{8}-0{4}-0{4}-0{4}-0{12}$/.test(o.source.connectionArn)) {
    out.push({
      option: 'source.connectionArn',
      value: o.source.connectionArn,
      why: 'placeholder connection; create an AWS CodeConnections connection to your repository host in the pipeline account and region (Developer Tools > Settings > Connections), finish its handshake, and use its ARN',
    });
  }
  o.approverEmails.forEach((e, i) => {
    if (/@example\.(com|org|net)$/i.test(e)) out.push({ option: `approverEmails.${i}`, value: e, why: 'example address (example.com never receives mail); use the security approvers\' real addresses' });
  });
  return out;
}

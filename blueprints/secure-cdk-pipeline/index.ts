import { checkPipelineDef, defineBlueprint, renderCdkApp, ValidationError, type SecurePipelineDef } from '../../src/index.js';

export type SecureCdkPipelineOptions = SecurePipelineDef;

const ACCOUNT = { type: 'string', pattern: '^[0-9]{12}$', description: '12-digit AWS account id.' };
const REGION = { type: 'string', pattern: '^[a-z]{2}(-gov|-iso[a-z]*)?-[a-z]+-[0-9]$', description: 'AWS region, e.g. eu-west-1.' };
const BOUNDARY = {
  type: 'object',
  additionalProperties: false,
  required: ['name'],
  properties: {
    name: {
      type: 'string',
      minLength: 1,
      maxLength: 128,
      description: 'Managed policy name; may use ${Qualifier}, ${AWS::AccountId}, ${AWS::Region}, ${AWS::Partition}.',
    },
    deniedActions: {
      type: 'array',
      items: { type: 'string', pattern: '^[a-z0-9-]+:[A-Za-z0-9*?]+$' },
      uniqueItems: true,
      description: 'Actions this boundary denies besides the escalation guards, e.g. config:*.',
    },
  },
};

/**
 * The secure CDK pipeline of AWS's "Manually approving security changes in CDK Pipeline" and "Secure CDK
 * deployments with IAM permission boundaries": a CDK Pipelines app that pauses for a security engineer only
 * when a deployment broadens permissions, and deploys every stage inside its own permission boundary.
 */
export const secureCdkPipeline = defineBlueprint<SecureCdkPipelineOptions>({
  id: 'secure-cdk-pipeline',
  displayName: 'Secure CDK pipeline',
  description:
    'A CDK Pipelines app with a security approval (SNS e-mail) before every stage when permissions broaden, and a permission boundary per stage.',
  version: '1.0.0',
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
          branch: { type: 'string', minLength: 1, description: 'Branch to build.' },
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
              domain: { type: 'string', pattern: '^[a-z][a-z0-9-]{1,49}$', description: 'Domain name.' },
              domainOwner: ACCOUNT,
              repository: { type: 'string', pattern: '^[A-Za-z0-9][A-Za-z0-9._-]{1,99}$', description: 'Repository name.' },
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
  },
  render: (o) => {
    const problems = checkPipelineDef(o).filter((f) => f.severity === 'error');
    if (problems.length > 0) {
      throw new ValidationError(`The options describe a pipeline that cannot work:\n${problems.map((p) => `  ${p.pointer}: ${p.message}${p.fix ? ` ${p.fix}` : ''}`).join('\n')}`);
    }
    return { files: renderCdkApp(o, 'secure-cdk-pipeline') };
  },
});

import { FIXTURES } from '../catalogue/option-sets.js';

/**
 * The option variations the synthesis matrix renders for every blueprint with a CDK app, beyond its defaults and
 * the catalogue's alternative set: more stages, other regions and partitions of the world, and every runner and
 * tool choice. Values are deep-merged over the defaults (lists replace). `context` is the CDK context each
 * synthesis gets (the delivery apps take their stage from it: every stage is synthesized).
 */
export interface Variation {
  readonly name: string;
  readonly set: Readonly<Record<string, unknown>>;
}

const stage = (name: string, account: string, region: string, approval = false) => ({ name, account, region, environment: `${name}-env`, connection: `${name}-connection`, role: `${name}-deploy-role`, approval });
const target = (name: string, account: string, region: string, production = false) => ({ name, account, region, environment: `${name}-env`, connection: `${name}-connection`, role: `${name}-role`, production });

const FIVE_STAGES = [
  stage('dev', '111111111111', 'us-east-1'),
  stage('qa', '222222222222', 'eu-west-1'),
  stage('staging', '333333333333', 'ap-southeast-2', true),
  stage('prod', '444444444444', 'eu-central-1', true),
  stage('dr', '555555555555', 'us-west-2', true),
];

/** A connection created before CodeStar Connections became CodeConnections: its ARN keeps the old service prefix. */
const CODESTAR_CONNECTION = 'arn:aws:codestar-connections:us-east-1:111111111111:connection/00000000-0000-0000-0000-000000000000';

const PRIVATE_BUILD = {
  vpcId: 'vpc-0123456789abcdef0',
  subnetIds: ['subnet-0123456789abcdef0', 'subnet-0fedcba9876543210'],
  securityGroupIds: ['sg-0123456789abcdef0'],
  codeArtifact: { domain: 'acme', repository: 'npm-store' },
};

export const VARIATIONS: Readonly<Record<string, readonly Variation[]>> = {
  'three-tier-web': [
    { name: 'defaults', set: {} },
    { name: 'alternative', set: FIXTURES['three-tier-web']!.alternative },
    { name: 'five stages in five regions', set: { stages: FIVE_STAGES } },
    { name: 'python3.12', set: { pythonRuntime: 'python3.12' } },
    // The defaults put the API behind a Cognito user pool; open access is the other choice.
    { name: 'open API', set: { apiAuthorization: 'none' } },
  ],
  'serverless-python': [
    { name: 'defaults', set: {} },
    { name: 'alternative', set: FIXTURES['serverless-python']!.alternative },
    { name: 'five stages in five regions', set: { stages: FIVE_STAGES } },
    { name: 'e-mail API set', set: { emailApiUrl: 'https://mail.example.com/send' } },
    // The defaults require IAM-signed requests; open access is the other choice (the alternative set opens them too,
    // with CodeArtifact and python3.12: this one changes nothing else).
    { name: 'open APIs', set: { apiAuthorization: 'none' } },
  ],
  'secure-cdk-pipeline': [
    { name: 'defaults', set: {} },
    { name: 'alternative', set: FIXTURES['secure-cdk-pipeline']!.alternative },
    {
      name: 'three waves, four regions, a qualifier',
      set: {
        qualifier: 'acme1',
        stages: [
          { name: 'Dev', account: '222222222222', region: 'us-east-1' },
          { name: 'Test-eu', account: '222222222222', region: 'eu-west-1', wave: 'Test' },
          { name: 'Test-ap', account: '222222222222', region: 'ap-southeast-2', wave: 'Test' },
          { name: 'Prod', account: '333333333333', region: 'us-west-2' },
        ],
      },
    },
    {
      name: 'private network build',
      set: { privateBuild: PRIVATE_BUILD },
    },
    // The defaults (selfMutation approval) run the pipeline's own update behind its check; the other two modes.
    { name: 'selfMutation automatic', set: { selfMutation: 'automatic' } },
    { name: 'selfMutation off, a codestar-connections connection', set: { selfMutation: 'off', source: { connectionArn: CODESTAR_CONNECTION } } },
    // CDK's own self-mutation project in the VPC, with the VPC build's wildcards.
    { name: 'private network build, selfMutation automatic', set: { privateBuild: PRIVATE_BUILD, selfMutation: 'automatic' } },
    // Everything in the pipeline's account: no cross-account KMS key (the CodeBuild projects use the AWS managed key).
    { name: 'one account', set: { stages: [{ name: 'Beta', account: '111111111111', region: 'us-east-1' }] } },
  ],
  // Only the CodePipeline runner has a CDK app: the alternative set and the CodeCatalyst runner (a workflow) are
  // checked by the catalogue tests, not here.
  'private-build': [
    { name: 'defaults (codepipeline, npm)', set: {} },
    { name: 'pip sample, every tool', set: { sample: 'pip', codeArtifact: { tools: ['pip', 'twine', 'npm', 'maven', 'gradle', 'dotnet', 'nuget', 'swift'] } } },
    // twine first (publishing) and Maven before npm: logins in this order; a connection of the old service prefix.
    {
      name: 'pip sample, twine first, a codestar-connections connection',
      set: { sample: 'pip', codeArtifact: { tools: ['twine', 'maven', 'pip', 'npm'] }, source: { connectionArn: CODESTAR_CONNECTION } },
    },
  ],
  'multi-account-control': [
    { name: 'defaults', set: {} },
    { name: 'alternative', set: FIXTURES['multi-account-control']!.alternative },
    {
      name: 'six targets in four regions',
      set: {
        targets: [
          target('dev', '111111111111', 'us-east-1'),
          target('qa', '222222222222', 'eu-west-1'),
          target('ap', '333333333333', 'ap-southeast-2'),
          target('prod-us', '444444444444', 'us-east-1', true),
          target('prod-eu', '555555555555', 'eu-central-1', true),
          target('prod-ap', '666666666666', 'ap-southeast-2', true),
        ],
      },
    },
  ],
};

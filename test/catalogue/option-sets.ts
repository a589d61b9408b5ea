import { expect } from 'vitest';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { NEWEST_PYTHON_RUNTIME } from '../../blueprints/shared/options.js';

/**
 * The second, non-trivial option set of every blueprint in the catalogue (the first is its defaults). The
 * catalogue tests render, validate, compile, synthesize and run both; a blueprint without an entry here
 * fails them, so every author adds one. Values are deep-merged over the defaults (lists replace).
 */
export interface CatalogueFixture {
  /** Overrides of the defaults that change the shape of the output (more stages, optional features on...). */
  readonly alternative: Readonly<Record<string, unknown>>;
  /** CDK context to synthesize each option set with (e.g. which stage). @default - none */
  readonly synthContext?: { readonly defaults?: Readonly<Record<string, unknown>>; readonly alternative?: Readonly<Record<string, unknown>> };
  /** Assertions on the synthesized stacks of one option set. @default - only the generic checks */
  readonly checkSynth?: (stacks: readonly SynthStack[], set: OptionSetName) => void;
}

export type OptionSetName = 'defaults' | 'alternative';

export interface SynthStack {
  /** Display name, e.g. `three-tier-web-dev` or `pipeline/Dev/Service`. */
  readonly name: string;
  readonly template: Record<string, any>;
  /** `aws://account/region` from the cloud assembly manifest. */
  readonly environment?: string;
}

const stage = (name: string, account: string, region: string, approval: boolean) => ({
  name,
  account,
  region,
  environment: `${name}-env`,
  connection: `${name}-connection`,
  role: `${name}-deploy-role`,
  approval,
});

function one(stacks: readonly SynthStack[]): SynthStack {
  expect(stacks.map((s) => s.name)).toHaveLength(1);
  return stacks[0]!;
}

export const FIXTURES: Readonly<Record<string, CatalogueFixture>> = {
  'blueprint-package': {
    alternative: { packageName: '@acme/data-pipeline-blueprint', blueprintId: 'data-pipeline', displayName: "Acme's \"data\" pipeline", description: 'Pipelines that move data; with `quotes` and a ${placeholder}.' },
  },

  starter: {
    alternative: { projectName: 'billing-service', description: 'Bills customers "monthly" & reports it.', license: 'MIT', ignore: ['*.tmp', 'coverage/'] },
  },

  'three-tier-web': {
    alternative: {
      appName: 'mysfits',
      branch: 'release',
      pythonRuntime: 'python3.13',
      stages: [
        stage('dev', '123456789012', 'eu-west-1', false),
        stage('staging', '210987654321', 'eu-west-1', true),
        stage('prod', '345678901234', 'eu-central-1', true),
      ],
    },
    synthContext: { alternative: { stage: 'prod' } },
    checkSynth: (stacks, set) => {
      const s = one(stacks);
      const t = Template.fromJSON(s.template);
      t.resourceCountIs('AWS::DynamoDB::Table', 1);
      t.resourceCountIs('AWS::ApiGateway::RestApi', 1);
      t.resourceCountIs('AWS::CloudFront::Distribution', 1);
      t.hasResourceProperties('AWS::Lambda::Function', { Handler: 'app.handler', Runtime: set === 'defaults' ? NEWEST_PYTHON_RUNTIME : 'python3.13' });
      t.hasResourceProperties('AWS::S3::Bucket', { PublicAccessBlockConfiguration: Match.objectLike({ BlockPublicAcls: true, RestrictPublicBuckets: true }) });
      t.hasOutput('ApiUrl', {});
      t.hasOutput('SiteUrl', {});
      // Only users of the stack's user pool may call the API (MFA required, strong passwords, the Plus plan's
      // threat protection); CORS lets only the site read the answers.
      t.resourceCountIs('AWS::Cognito::UserPool', 1);
      t.hasResourceProperties('AWS::Cognito::UserPool', { MfaConfiguration: 'ON', UserPoolTier: 'PLUS', AdminCreateUserConfig: { AllowAdminCreateUserOnly: true } });
      const methods = Object.values(t.findResources('AWS::ApiGateway::Method')).map((m) => m['Properties']);
      expect(methods.map((m) => `${m.HttpMethod} ${m.AuthorizationType}`).sort()).toEqual(['GET COGNITO_USER_POOLS', 'OPTIONS NONE', 'POST COGNITO_USER_POOLS']);
      t.hasResourceProperties('AWS::Lambda::Function', { Handler: 'app.handler', Environment: { Variables: Match.objectLike({ ALLOWED_ORIGIN: Match.anyValue() }) } });
      // Logged and protected: API access and execution logs, a web ACL, S3 and CloudFront access logs.
      t.hasResourceProperties('AWS::ApiGateway::Stage', { AccessLogSetting: Match.objectLike({ DestinationArn: Match.anyValue() }), MethodSettings: [Match.objectLike({ LoggingLevel: 'ERROR' })] });
      t.resourceCountIs('AWS::WAFv2::WebACLAssociation', 1);
      t.hasResourceProperties('AWS::CloudFront::Distribution', { DistributionConfig: Match.objectLike({ Logging: Match.objectLike({ Prefix: 'cloudfront/' }) }) });
      t.hasResourceProperties('AWS::S3::Bucket', { LoggingConfiguration: Match.objectLike({ LogFilePrefix: 's3/site/' }) });
      if (set === 'defaults') {
        expect(s.name).toBe('three-tier-web-dev');
        expect(s.environment).toBe('aws://111111111111/us-east-1');
        t.hasResource('AWS::DynamoDB::Table', { DeletionPolicy: 'Delete' });
        t.hasResourceProperties('AWS::ApiGateway::Stage', { StageName: 'dev' });
      } else {
        // The production stage: its account and region, and a table that outlives the stack.
        expect(s.name).toBe('mysfits-prod');
        expect(s.environment).toBe('aws://345678901234/eu-central-1');
        t.hasResource('AWS::DynamoDB::Table', { DeletionPolicy: 'Retain' });
        t.hasResourceProperties('AWS::DynamoDB::Table', { PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true } });
        t.hasResourceProperties('AWS::ApiGateway::Stage', { StageName: 'prod' });
      }
    },
  },

  'private-build': {
    // The other runner and the other sample: a CodeCatalyst workflow in the VPC installing sympy with pip.
    alternative: {
      projectName: 'ml-private-build',
      account: '123456789012',
      region: 'eu-west-1',
      branch: 'trunk',
      runner: 'codecatalyst',
      sample: 'pip',
      codeArtifact: { domain: 'acme', domainOwner: '210987654321', repository: 'python-private', region: 'eu-west-1', tools: ['pip', 'twine'] },
      vpc: {
        vpcId: 'vpc-0a1b2c3d4e5f60718',
        subnetIds: ['subnet-0a1b2c3d4e5f60718', 'subnet-0b1c2d3e4f5a60718', 'subnet-0c1d2e3f4a5b60718'],
        securityGroupIds: ['sg-0a1b2c3d4e5f60718', 'sg-0b1c2d3e4f5a60718'],
        routeTableIds: ['rtb-0a1b2c3d4e5f60718'],
      },
      codecatalyst: { environment: 'private-build-vpc', connection: 'ml-build-account', role: 'PrivateBuildRole' },
    },
    // Only the codepipeline runner (the defaults) has a CDK app.
    checkSynth: (stacks) => {
      const s = one(stacks);
      expect(s.name).toBe('private-build-pipeline');
      const t = Template.fromJSON(s.template);
      t.hasResourceProperties('AWS::CodeBuild::Project', {
        Name: 'private-build',
        VpcConfig: { VpcId: 'vpc-0123456789abcdef0', Subnets: ['subnet-0123456789abcdef0', 'subnet-0123456789abcdef1'], SecurityGroupIds: ['sg-0123456789abcdef0'] },
      });
      t.hasResourceProperties('AWS::IAM::Role', { Policies: [Match.objectLike({ PolicyName: 'LeastPrivilege' })] });
      t.hasResourceProperties('AWS::CodePipeline::Pipeline', { ArtifactStore: { Location: { Ref: Match.anyValue() }, Type: 'S3' } });
    },
  },

  'secure-cdk-pipeline': {
    alternative: {
      appName: 'payments',
      pipeline: { account: '123456789012', region: 'eu-west-1' },
      source: { repository: 'acme/payments', branch: 'release', connectionArn: 'arn:aws:codeconnections:eu-west-1:123456789012:connection/11111111-2222-3333-4444-555555555555' },
      stages: [
        { name: 'Staging', account: '210987654321', region: 'eu-west-1' },
        { name: 'Prod', account: '345678901234', region: 'eu-central-1', permissionsBoundary: { name: 'prod-boundary', deniedActions: ['config:*'] } },
      ],
      approverEmails: ['security@example.com', 'lead@example.org'],
      qualifier: 'pay01',
    },
    checkSynth: (stacks, set) => {
      const pipeline = stacks.filter((s) => Object.values(s.template['Resources'] ?? {}).some((r: any) => r.Type === 'AWS::CodePipeline::Pipeline'));
      expect(pipeline).toHaveLength(1);
      const t = Template.fromJSON(pipeline[0]!.template);
      const approvers = set === 'defaults' ? ['security@example.com'] : ['security@example.com', 'lead@example.org'];
      t.resourceCountIs('AWS::SNS::Subscription', approvers.length);
      for (const a of approvers) t.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'email', Endpoint: a });
    },
  },

  'multi-account-control': {
    alternative: {
      controlName: 'org-guardrails',
      rules: ['s3-bucket-public-read-prohibited', 'rds-storage-encrypted', 'vpc-flow-logs-enabled', 'guardduty-enabled-centralized', 'access-keys-rotated'],
      targets: [
        { name: 'sandbox', account: '123456789012', region: 'eu-west-1', environment: 'sandbox-env', connection: 'sandbox-connection', role: 'GuardrailDeployRole', production: false },
        { name: 'shared', account: '210987654321', region: 'eu-west-1', environment: 'shared-env', connection: 'shared-connection', role: 'GuardrailDeployRole', production: true },
        { name: 'prod-eu', account: '345678901234', region: 'eu-central-1', environment: 'prod-eu-env', connection: 'prod-eu-connection', role: 'GuardrailDeployRole', production: true },
        { name: 'prod-us', account: '345678901234', region: 'us-east-1', environment: 'prod-us-env', connection: 'prod-us-connection', role: 'GuardrailDeployRole', production: true },
      ],
      strategy: 'parallel',
      approvalsRequired: 2,
      branch: 'release',
      bootstrapInWorkflow: false,
    },
    // Not a deployment synth (-c deploy=true): the defaults' placeholder accounts are refused there, by design.
    checkSynth: (stacks, set) => {
      const expected =
        set === 'defaults'
          ? { prefix: 'baseline-control', targets: ['dev', 'prod-eu', 'prod-us', 'test'], rules: 8 }
          : { prefix: 'org-guardrails', targets: ['prod-eu', 'prod-us', 'sandbox', 'shared'], rules: 5 };
      expect(stacks.map((s) => s.name)).toEqual(expected.targets.map((t) => `${expected.prefix}-${t}`));
      for (const s of stacks) {
        const t = Template.fromJSON(s.template);
        // One AWS Config rule per chosen rule in every target stack, named after the control.
        t.resourceCountIs('AWS::Config::ConfigRule', expected.rules);
        t.hasResourceProperties('AWS::Config::ConfigRule', { ConfigRuleName: `${expected.prefix}-s3-bucket-public-read-prohibited`, Source: { Owner: 'AWS', SourceIdentifier: 'S3_BUCKET_PUBLIC_READ_PROHIBITED' } });
      }
      if (set === 'alternative') expect(stacks.find((s) => s.name === 'org-guardrails-prod-us')!.environment).toBe('aws://345678901234/us-east-1');
    },
  },

  'serverless-python': {
    alternative: {
      appName: 'photo-labels',
      branch: 'trunk',
      pythonRuntime: 'python3.12',
      emailApiUrl: 'https://mail.example.com/api/results',
      // Open APIs, chosen explicitly: the README warns, the stack acknowledges cdk-nag's authorization rules.
      apiAuthorization: 'none',
      stages: [stage('dev', '123456789012', 'us-west-2', false), stage('prod', '345678901234', 'us-west-2', true)],
      codeArtifact: {
        domain: 'acme',
        domainOwner: '123456789012',
        repository: 'pypi-store',
        region: 'us-west-2',
        environment: 'build-env',
        connection: 'build-connection',
        role: 'codeartifact-read-role',
      },
    },
    synthContext: { alternative: { stage: 'prod' } },
    checkSynth: (stacks, set) => {
      const s = one(stacks);
      const t = Template.fromJSON(s.template);
      const runtime = set === 'defaults' ? NEWEST_PYTHON_RUNTIME : 'python3.12';
      for (const handler of ['get_save_image.handler', 'image_recognition.handler', 'list_images.handler', 'send_email.handler']) {
        t.hasResourceProperties('AWS::Lambda::Function', { Handler: handler, Runtime: runtime });
      }
      t.resourceCountIs('AWS::SNS::Topic', 2);
      // Two queues, each with a dead-letter queue it moves a message to after 5 tries, and an alarm on it.
      t.resourceCountIs('AWS::SQS::Queue', 4);
      expect(Object.values(t.findResources('AWS::SQS::Queue', { Properties: { RedrivePolicy: { maxReceiveCount: 5 } } }))).toHaveLength(2);
      t.resourceCountIs('AWS::CloudWatch::Alarm', 2);
      t.allResourcesProperties('AWS::Lambda::EventSourceMapping', { FunctionResponseTypes: ['ReportBatchItemFailures'] });
      t.resourceCountIs('AWS::SNS::Subscription', 2);
      t.resourceCountIs('AWS::Lambda::EventSourceMapping', 2);
      t.resourceCountIs('AWS::DynamoDB::Table', 1);
      t.resourceCountIs('AWS::ApiGateway::RestApi', 2);
      // The image download API makes the function fetch any https URL: by default only IAM-signed requests may
      // call it, and the list API too; the alternative set chose open APIs.
      for (const name of ['ImagesApi', 'ListApi']) {
        const apiId = Object.keys(t.findResources('AWS::ApiGateway::RestApi', { Properties: { Name: name } }));
        expect(apiId, name).toHaveLength(1);
        const gets = Object.values(t.findResources('AWS::ApiGateway::Method', { Properties: { RestApiId: { Ref: apiId[0] }, HttpMethod: 'GET' } }));
        expect(gets, name).toHaveLength(1);
        expect(gets[0]!['Properties']['AuthorizationType'], name).toBe(set === 'defaults' ? 'AWS_IAM' : 'NONE');
      }
      t.hasOutput('ImagesApiInvokeArn', {});
      t.resourceCountIs('AWS::WAFv2::WebACL', 1);
      t.resourceCountIs('AWS::WAFv2::WebACLAssociation', 2);
      t.resourceCountIs('AWS::SNS::TopicPolicy', 2);
      t.hasResourceProperties('AWS::IAM::Policy', {
        PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Action: 'rekognition:DetectLabels', Effect: 'Allow' })]) },
      });
      // No AWS managed policy on the functions' roles: each holds what its function uses.
      const roles = Object.entries(t.findResources('AWS::IAM::Role')).filter(([id]) => /^(GetSaveImage|ImageRecognition|ListImages|SendEmail)Role[0-9A-F]{8}$/.test(id));
      expect(roles).toHaveLength(4);
      for (const [id, role] of roles) expect(role['Properties']['ManagedPolicyArns'], id).toBeUndefined();
      const email = set === 'defaults' ? '' : 'https://mail.example.com/api/results';
      t.hasResourceProperties('AWS::Lambda::Function', { Handler: 'send_email.handler', Environment: { Variables: { EMAIL_API_URL: email } } });
      expect(s.environment).toBe(set === 'defaults' ? 'aws://111111111111/us-east-1' : 'aws://345678901234/us-west-2');
      t.hasResource('AWS::DynamoDB::Table', { DeletionPolicy: set === 'defaults' ? 'Delete' : 'Retain' });
    },
  },
};

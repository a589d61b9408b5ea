import { ValidationError } from '../errors.js';
import type { YamlPart } from '../model/project.js';

export interface VpcEndpointsDef {
  /** @default 'VPC endpoints for CodeBuild builds without internet access (CodeArtifact, logs, STS, S3).' */
  readonly description?: string;
  /**
   * ARN of the CodeArtifact domain's asset bucket (`DescribeDomain` gives it as `s3BucketArn`, e.g.
   * `arn:aws:s3:::assets-193858265520-us-east-1`). Package downloads are redirected there through S3.
   * @default - a template parameter `CodeArtifactAssetBucketArn`
   */
  readonly codeArtifactAssetBucketArn?: string;
  /** Buckets the build itself uses through the S3 gateway (pipeline artifacts, cache, source). @default - none */
  readonly buildBucketArns?: readonly string[];
  /** KMS, for CodePipeline artifacts encrypted with a customer key. @default false */
  readonly kms?: boolean;
  /** Secrets Manager, for `env.secrets-manager`. @default false */
  readonly secretsManager?: boolean;
  /** Systems Manager, for `env.parameter-store`. @default false */
  readonly ssm?: boolean;
  /** ECR API and Docker endpoints (and the ECR layer bucket in the S3 policy), for images pulled inside the build. @default false */
  readonly ecr?: boolean;
  /** The CodeBuild API itself (report groups, nested builds). @default false */
  readonly codebuild?: boolean;
}

const BUCKET_ARN = /^arn:aws(-cn|-us-gov)?:s3:::[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;

type Template = Record<string, unknown>;

/**
 * CloudFormation template (as a value) with the endpoints a CodeBuild project in a VPC without internet
 * needs to log in to CodeArtifact and install from it: interface endpoints with private DNS for logs,
 * codeartifact.api, codeartifact.repositories and sts (plus the optional ones), reachable on 443 from the
 * build's security group, and the S3 gateway endpoint whose policy allows the CodeArtifact asset bucket.
 */
export function renderVpcEndpointsTemplate(def: VpcEndpointsDef = {}): Template {
  const bad = [def.codeArtifactAssetBucketArn, ...(def.buildBucketArns ?? [])].filter((a): a is string => a !== undefined && !BUCKET_ARN.test(a));
  if (bad.length > 0) {
    throw new ValidationError(`Not S3 bucket ARNs (arn:aws:s3:::bucket-name): ${bad.map((b) => JSON.stringify(b)).join(', ')}.`);
  }
  const parameters: Record<string, unknown> = {
    VpcId: { Type: 'AWS::EC2::VPC::Id', Description: 'VPC of the CodeBuild project.' },
    SubnetIds: { Type: 'List<AWS::EC2::Subnet::Id>', Description: 'Private subnets of the build (one per Availability Zone).' },
    RouteTableIds: { Type: 'CommaDelimitedList', Description: 'Route tables of those subnets, for the S3 gateway endpoint.' },
    BuildSecurityGroupId: { Type: 'AWS::EC2::SecurityGroup::Id', Description: 'Security group of the CodeBuild project; it may reach the endpoints on 443.' },
  };
  if (!def.codeArtifactAssetBucketArn) {
    parameters['CodeArtifactAssetBucketArn'] = {
      Type: 'String',
      Description: 'The domain asset bucket ARN: aws codeartifact describe-domain --domain <domain> --query domain.s3BucketArn',
      AllowedPattern: BUCKET_ARN.source,
    };
  }
  const interfaces: [string, string][] = [
    ['LogsEndpoint', 'logs'],
    ['CodeArtifactApiEndpoint', 'codeartifact.api'],
    ['CodeArtifactRepositoriesEndpoint', 'codeartifact.repositories'],
    ['StsEndpoint', 'sts'],
  ];
  if (def.kms) interfaces.push(['KmsEndpoint', 'kms']);
  if (def.secretsManager) interfaces.push(['SecretsManagerEndpoint', 'secretsmanager']);
  if (def.ssm) interfaces.push(['SsmEndpoint', 'ssm']);
  if (def.ecr) interfaces.push(['EcrApiEndpoint', 'ecr.api'], ['EcrDkrEndpoint', 'ecr.dkr']);
  if (def.codebuild) interfaces.push(['CodeBuildEndpoint', 'codebuild']);

  const resources: Record<string, unknown> = {
    EndpointSecurityGroup: {
      Type: 'AWS::EC2::SecurityGroup',
      Properties: {
        GroupDescription: 'HTTPS from the CodeBuild project to the VPC endpoints',
        VpcId: { Ref: 'VpcId' },
        SecurityGroupIngress: [{ IpProtocol: 'tcp', FromPort: 443, ToPort: 443, SourceSecurityGroupId: { Ref: 'BuildSecurityGroupId' }, Description: 'CodeBuild' }],
      },
    },
  };
  for (const [id, service] of interfaces) {
    resources[id] = {
      Type: 'AWS::EC2::VPCEndpoint',
      // Private DNS for the repositories endpoint needs the api endpoint's: create them in order.
      ...(id === 'CodeArtifactRepositoriesEndpoint' ? { DependsOn: 'CodeArtifactApiEndpoint' } : {}),
      Properties: {
        ServiceName: { 'Fn::Sub': `com.amazonaws.\${AWS::Region}.${service}` },
        VpcEndpointType: 'Interface',
        VpcId: { Ref: 'VpcId' },
        SubnetIds: { Ref: 'SubnetIds' },
        SecurityGroupIds: [{ Ref: 'EndpointSecurityGroup' }],
        PrivateDnsEnabled: true,
      },
    };
  }
  const assetBucket = def.codeArtifactAssetBucketArn ?? '${CodeArtifactAssetBucketArn}';
  const statements: unknown[] = [
    { Sid: 'CodeArtifactAssets', Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: { 'Fn::Sub': `${assetBucket}/*` } },
  ];
  if (def.buildBucketArns && def.buildBucketArns.length > 0) {
    statements.push({
      Sid: 'BuildBuckets',
      Effect: 'Allow',
      Principal: '*',
      Action: ['s3:GetBucketAcl', 's3:GetBucketLocation', 's3:GetObject', 's3:GetObjectVersion', 's3:ListBucket', 's3:PutObject'],
      Resource: def.buildBucketArns.flatMap((b) => [b, `${b}/*`]),
    });
  }
  if (def.ecr) {
    statements.push({ Sid: 'EcrImageLayers', Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: { 'Fn::Sub': 'arn:${AWS::Partition}:s3:::prod-${AWS::Region}-starport-layer-bucket/*' } });
  }
  resources['S3GatewayEndpoint'] = {
    Type: 'AWS::EC2::VPCEndpoint',
    Properties: {
      ServiceName: { 'Fn::Sub': 'com.amazonaws.${AWS::Region}.s3' },
      VpcEndpointType: 'Gateway',
      VpcId: { Ref: 'VpcId' },
      RouteTableIds: { Ref: 'RouteTableIds' },
      PolicyDocument: { Version: '2012-10-17', Statement: statements },
    },
  };
  return {
    AWSTemplateFormatVersion: '2010-09-09',
    Description: def.description ?? 'VPC endpoints for CodeBuild builds without internet access (CodeArtifact, logs, STS, S3).',
    Parameters: parameters,
    Resources: resources,
    Outputs: {
      EndpointSecurityGroupId: { Description: 'Security group of the interface endpoints.', Value: { 'Fn::GetAtt': ['EndpointSecurityGroup', 'GroupId'] } },
    },
  };
}

/** The template as a project part (`cloudformation` YAML file). */
export function renderVpcEndpointsPart(path: string, def: VpcEndpointsDef = {}): YamlPart {
  return { type: 'yaml', path, value: renderVpcEndpointsTemplate(def), fileKind: 'cloudformation' };
}

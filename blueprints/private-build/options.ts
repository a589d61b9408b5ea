import { AWS_ACCOUNT_PATTERN, CODEARTIFACT_NAME_RULES, CODEARTIFACT_TOOLS, type CodeArtifactTool } from '../../src/index.js';
import {
  BRANCH_NAME_PATTERN,
  CODECATALYST_NAME_PATTERN,
  CONNECTION_NAME_PATTERN,
  PLACEHOLDER_ACCOUNTS,
  ROLE_NAME_PATTERN,
  type Placeholder,
} from '../shared/options.js';

/**
 * Options of the private-build blueprint: a CodeBuild build in a VPC without internet access that installs
 * every dependency from CodeArtifact through VPC endpoints. Patterns are the services' own rules, so a value
 * that could break a shell line or a template (`x; rm -rf ~`) is refused before anything is rendered.
 */

export const RUNNERS = ['codepipeline', 'codecatalyst'] as const;
export type Runner = (typeof RUNNERS)[number];

export const SAMPLES = ['npm', 'pip'] as const;
export type Sample = (typeof SAMPLES)[number];

export interface CodeArtifactOption {
  readonly domain: string;
  readonly domainOwner: string;
  readonly repository: string;
  /** @default - the build's `region` (it must be that region: VPC endpoints do not reach other regions) */
  readonly region?: string;
  /**
   * Package tools the build logs in, in order; must include the sample's tool.
   * @default - the sample's tool only (`npm` or `pip`): see `toolsOf`
   */
  readonly tools?: readonly CodeArtifactTool[];
}

export interface VpcOption {
  readonly vpcId: string;
  /** Private subnets, ideally one per Availability Zone. */
  readonly subnetIds: readonly string[];
  /** The build's security groups; the endpoints accept HTTPS from the first one. */
  readonly securityGroupIds: readonly string[];
  /** Route tables of the subnets, for the S3 gateway endpoint. */
  readonly routeTableIds: readonly string[];
}

export interface SourceOption {
  /** `owner/repo` of the repository the pipeline builds. */
  readonly repository: string;
  /** AWS CodeConnections connection to it. */
  readonly connectionArn: string;
}

export interface CodeCatalystOption {
  /** Environment associated with a VPC connection to `vpc.vpcId`. */
  readonly environment: string;
  readonly connection: string;
  readonly role: string;
}

export interface PrivateBuildOptions {
  /** CodeBuild project, pipeline and stack name. */
  readonly projectName: string;
  /** Account the build runs in. */
  readonly account: string;
  /** Region the build, the VPC and the CodeArtifact domain are in. */
  readonly region: string;
  readonly branch: string;
  readonly runner: Runner;
  readonly sample: Sample;
  readonly codeArtifact: CodeArtifactOption;
  readonly vpc: VpcOption;
  /** Used by the `codepipeline` runner. */
  readonly source: SourceOption;
  /** Used by the `codecatalyst` runner. */
  readonly codecatalyst: CodeCatalystOption;
}

/** At most 24 characters: the artifact bucket `<projectName>-pipeline-<account>-<region>` must fit in 63. */
export const PROJECT_NAME_PATTERN = '^[a-z][a-z0-9-]{0,22}[a-z0-9]$';
/** Commercial, China and GovCloud regions: the ISO partitions name their endpoints and ARNs differently. */
const REGION_PATTERN = '^[a-z]{2}(-gov)?-[a-z]+-[0-9]$';
const VPC_ID = '^vpc-[0-9a-f]{8,17}$';
const SUBNET_ID = '^subnet-[0-9a-f]{8,17}$';
const SECURITY_GROUP_ID = '^sg-[0-9a-f]{8,17}$';
const ROUTE_TABLE_ID = '^rtb-[0-9a-f]{8,17}$';

/** The tool each sample installs its dependency with. */
export const SAMPLE_TOOL: Readonly<Record<Sample, CodeArtifactTool>> = { npm: 'npm', pip: 'pip' };

/** The tools the build logs in: `codeArtifact.tools` when given, else the sample's tool. */
export function toolsOf(o: Pick<PrivateBuildOptions, 'sample' | 'codeArtifact'>): readonly CodeArtifactTool[] {
  return o.codeArtifact.tools ?? [SAMPLE_TOOL[o.sample]];
}

const idList = (pattern: string, description: string, max: number) =>
  ({ type: 'array', minItems: 1, maxItems: max, uniqueItems: true, items: { type: 'string', pattern }, description }) as const;

export const OPTIONS_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  required: ['projectName', 'account', 'region', 'branch', 'runner', 'sample', 'codeArtifact', 'vpc', 'source', 'codecatalyst'],
  properties: {
    projectName: {
      type: 'string',
      pattern: PROJECT_NAME_PATTERN,
      description: 'Name of the CodeBuild project, the pipeline and the stacks (2-24 lowercase letters, digits, "-").',
    },
    account: { type: 'string', pattern: AWS_ACCOUNT_PATTERN, description: '12-digit AWS account the build runs in.' },
    region: { type: 'string', pattern: REGION_PATTERN, description: 'Region of the build, its VPC and the CodeArtifact domain, e.g. us-west-2.' },
    branch: { type: 'string', pattern: BRANCH_NAME_PATTERN, description: 'Branch the build runs for.' },
    runner: {
      type: 'string',
      enum: [...RUNNERS],
      description: 'What runs the build: codepipeline (a CDK app with a CodeBuild project in the VPC and a CodePipeline) or codecatalyst (a workflow whose build action runs in the VPC).',
    },
    sample: { type: 'string', enum: [...SAMPLES], description: 'Language of the sample app: npm (mathjs) or pip (sympy).' },
    codeArtifact: {
      type: 'object',
      additionalProperties: false,
      required: ['domain', 'domainOwner', 'repository'],
      description: 'The CodeArtifact repository every package comes from (give it an upstream to the public registry).',
      properties: {
        domain: { type: 'string', pattern: CODEARTIFACT_NAME_RULES.domain.source, description: 'Domain name (2-50 lowercase letters, digits, "-").' },
        domainOwner: { type: 'string', pattern: AWS_ACCOUNT_PATTERN, description: '12-digit account that owns the domain.' },
        repository: { type: 'string', pattern: CODEARTIFACT_NAME_RULES.repository.source, description: 'Repository name.' },
        region: { type: 'string', pattern: REGION_PATTERN, description: 'Region of the domain; must be the build region (default: region).' },
        tools: {
          type: 'array',
          minItems: 1,
          uniqueItems: true,
          items: { type: 'string', enum: [...CODEARTIFACT_TOOLS] },
          description: 'Package tools the build logs in, in order (must include the sample\'s; default: the sample\'s tool, npm or pip).',
        },
      },
    },
    vpc: {
      type: 'object',
      additionalProperties: false,
      required: ['vpcId', 'subnetIds', 'securityGroupIds', 'routeTableIds'],
      description: 'The private VPC the build runs in (no NAT, no internet gateway route needed).',
      properties: {
        vpcId: { type: 'string', pattern: VPC_ID, description: 'VPC id.' },
        subnetIds: idList(SUBNET_ID, 'Private subnets of the build, one per Availability Zone (at most 16).', 16),
        securityGroupIds: idList(SECURITY_GROUP_ID, 'Security groups of the build (at most 5); the endpoints accept HTTPS from the first.', 5),
        routeTableIds: idList(ROUTE_TABLE_ID, 'Route tables of those subnets, for the S3 gateway endpoint.', 16),
      },
    },
    source: {
      type: 'object',
      additionalProperties: false,
      required: ['repository', 'connectionArn'],
      description: 'Runner codepipeline: the repository the pipeline builds, through an AWS CodeConnections connection.',
      properties: {
        repository: { type: 'string', pattern: '^[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+$', description: 'owner/repo' },
        connectionArn: {
          type: 'string',
          pattern: '^arn:aws[a-z-]*:(codeconnections|codestar-connections):[a-z0-9-]+:[0-9]{12}:connection/[0-9a-f-]{36}$',
          description: 'Connection ARN.',
        },
      },
    },
    codecatalyst: {
      type: 'object',
      additionalProperties: false,
      required: ['environment', 'connection', 'role'],
      description: 'Runner codecatalyst: the environment (associated with a VPC connection) the build action runs in.',
      properties: {
        environment: { type: 'string', pattern: CODECATALYST_NAME_PATTERN, description: 'CodeCatalyst environment name.' },
        connection: { type: 'string', pattern: CONNECTION_NAME_PATTERN, description: 'Account connection of that environment.' },
        role: { type: 'string', pattern: ROLE_NAME_PATTERN, description: 'IAM role of the connection; attach iam/build-role-policy.json to it.' },
      },
    },
  },
} as const;

/** Documented placeholder ids the defaults use: valid in shape, flagged in the README, never real resources. */
export const PLACEHOLDER_IDS = {
  vpcId: 'vpc-0123456789abcdef0',
  subnetIds: ['subnet-0123456789abcdef0', 'subnet-0123456789abcdef1'],
  securityGroupIds: ['sg-0123456789abcdef0'],
  routeTableIds: ['rtb-0123456789abcdef0'],
  connectionArn: 'arn:aws:codeconnections:us-east-1:111111111111:connection/00000000-0000-0000-0000-000000000000',
} as const;

export const DEFAULTS: PrivateBuildOptions = {
  projectName: 'private-build',
  account: '111111111111',
  region: 'us-east-1',
  branch: 'main',
  runner: 'codepipeline',
  sample: 'npm',
  // No `tools`: they follow the sample (toolsOf), so `--set sample=pip` alone works.
  codeArtifact: { domain: 'private', domainOwner: '111111111111', repository: 'Private' },
  vpc: {
    vpcId: PLACEHOLDER_IDS.vpcId,
    subnetIds: [...PLACEHOLDER_IDS.subnetIds],
    securityGroupIds: [...PLACEHOLDER_IDS.securityGroupIds],
    routeTableIds: [...PLACEHOLDER_IDS.routeTableIds],
  },
  source: { repository: 'my-org/private-build', connectionArn: PLACEHOLDER_IDS.connectionArn },
  codecatalyst: { environment: 'private-build', connection: 'build-account', role: 'CodeCatalystPrivateBuildRole' },
};

/** Option values still at a documented placeholder: the README lists them as values to replace. */
export function placeholders(o: PrivateBuildOptions): Placeholder[] {
  const out: Placeholder[] = [];
  const flag = (option: string, value: string, why: string) => out.push({ option, value, why });
  if (PLACEHOLDER_ACCOUNTS.includes(o.account)) flag('account', o.account, 'placeholder account of the build; use the real 12-digit account id');
  if (PLACEHOLDER_ACCOUNTS.includes(o.codeArtifact.domainOwner)) {
    flag('codeArtifact.domainOwner', o.codeArtifact.domainOwner, 'placeholder owner of the CodeArtifact domain; use the real 12-digit account id');
  }
  if (o.vpc.vpcId === PLACEHOLDER_IDS.vpcId) flag('vpc.vpcId', o.vpc.vpcId, 'placeholder VPC id; use your private VPC');
  const list = (key: 'subnetIds' | 'securityGroupIds' | 'routeTableIds', what: string) =>
    o.vpc[key].forEach((v, i) => {
      if ((PLACEHOLDER_IDS[key] as readonly string[]).includes(v)) flag(`vpc.${key}.${i}`, v, `placeholder ${what}`);
    });
  list('subnetIds', 'subnet id; use a private subnet of the VPC');
  list('securityGroupIds', 'security group id; use the build\'s security group');
  list('routeTableIds', 'route table id; use the route table of the private subnets');
  if (o.runner === 'codepipeline' && o.source.connectionArn === PLACEHOLDER_IDS.connectionArn) {
    flag('source.connectionArn', o.source.connectionArn, 'placeholder connection; create an AWS CodeConnections connection to your repository and use its ARN');
  }
  return out;
}

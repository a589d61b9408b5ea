import { ValidationError } from '../errors.js';
import { CODEARTIFACT_NAME_RULES, type CodeArtifactLoginDef, type CodeArtifactTool } from '../model/codeartifact.js';
import type { JsonPart } from '../model/project.js';
import type { Finding } from '../model/diagnostic.js';
import { validateCodeArtifactLogin } from './codeartifact.js';

export interface PolicyStatement {
  readonly Sid?: string;
  readonly Effect: 'Allow' | 'Deny';
  readonly Action: string | readonly string[];
  readonly Resource: string | readonly string[];
  readonly Condition?: Readonly<Record<string, Readonly<Record<string, string | readonly string[]>>>>;
}

export interface PolicyDocument {
  readonly Version: '2012-10-17';
  readonly Statement: readonly PolicyStatement[];
}

export interface BuildRolePolicyDef {
  /** @default 'aws' */
  readonly partition?: string;
  /** Region of the CodeBuild project. */
  readonly region: string;
  /** Account of the CodeBuild project. */
  readonly account: string;
  /** CodeBuild project name; its log group is `/aws/codebuild/<projectName>` unless `logGroupName` says otherwise. */
  readonly projectName: string;
  /** @default `/aws/codebuild/${projectName}` */
  readonly logGroupName?: string;
  /** The repository the build logs in to. @default - no CodeArtifact permissions */
  readonly codeArtifact?: CodeArtifactLoginDef;
  /** Subnets of a VPC build (ids like `subnet-0abc...`): adds the network-interface permissions CodeBuild needs. @default - not a VPC build */
  readonly vpcSubnetIds?: readonly string[];
}

const PROJECT = /^[A-Za-z0-9][A-Za-z0-9_-]{1,149}$/;
const SUBNET = /^subnet-[0-9a-f]{8,17}$/;
const LOG_GROUP = /^[A-Za-z0-9_\-/.#]{1,512}$/;
const PARTITION = /^aws(-cn|-us-gov|-iso|-iso-b)?$/;

/**
 * Tools that only publish: choosing one means the build uploads packages, so the role may publish to the repository
 * (`aws codeartifact login --tool twine` configures `twine upload`). The other tools install as well as publish, and
 * choosing them for installing grants no publishing.
 */
const PUBLISHING_TOOLS: Readonly<Partial<Record<CodeArtifactTool, string>>> = { twine: 'pypi' };

export function validateBuildRolePolicyDef(def: BuildRolePolicyDef): Finding[] {
  const out: Finding[] = [];
  const bad = (key: string, message: string) => out.push({ code: 'IAM-POLICY-INPUT', severity: 'error', pointer: `/${key}`, message });
  if (def.partition !== undefined && !PARTITION.test(def.partition)) bad('partition', `Partition ${JSON.stringify(def.partition)} is not an AWS partition.`);
  if (!CODEARTIFACT_NAME_RULES.region.test(def.region)) bad('region', `Region ${JSON.stringify(def.region)} is not an AWS region name.`);
  if (!CODEARTIFACT_NAME_RULES.account.test(def.account)) bad('account', `Account ${JSON.stringify(def.account)} is not a 12-digit AWS account id.`);
  if (!PROJECT.test(def.projectName)) bad('projectName', `Project name ${JSON.stringify(def.projectName)} is not a valid CodeBuild project name (2-150 letters, digits, "-", "_").`);
  if (def.logGroupName !== undefined && !LOG_GROUP.test(def.logGroupName)) bad('logGroupName', `Log group ${JSON.stringify(def.logGroupName)} is not a valid log group name.`);
  (def.vpcSubnetIds ?? []).forEach((s, i) => {
    if (!SUBNET.test(s)) bad(`vpcSubnetIds/${i}`, `${JSON.stringify(s)} is not a subnet id (subnet-0123456789abcdef0).`);
  });
  if (def.codeArtifact) out.push(...validateCodeArtifactLogin(def.codeArtifact, '/codeArtifact'));
  return out;
}

/**
 * Least-privilege policy for a CodeBuild service role: its own log group, and when it logs in to
 * CodeArtifact, the token on the domain ARN and reads on the repository (and its upstreams) ARNs, and with a
 * publishing tool (twine) `codeartifact:PublishPackageVersion` on the packages of that format in the repository
 * (not its upstreams: packages are published to the repository the build logs in to). `*`
 * appears only for actions IAM offers no narrower resource for (`RESOURCE_WILDCARD_ONLY_ACTIONS`) and for the
 * network-interface create/delete of a VPC build, as CodeBuild documents them (`CODEBUILD_VPC_WILDCARD_ACTIONS`);
 * the bearer token is limited to CodeArtifact by its condition.
 */
export function renderBuildRolePolicy(def: BuildRolePolicyDef): PolicyDocument {
  const findings = validateBuildRolePolicyDef(def);
  if (findings.length > 0) {
    throw new ValidationError(
      'The build role policy cannot be rendered from these settings.',
      findings.map((f) => ({ code: f.code, severity: f.severity, message: f.message, pointer: f.pointer, file: 'buildRolePolicy' })),
    );
  }
  const p = def.partition ?? 'aws';
  const group = def.logGroupName ?? `/aws/codebuild/${def.projectName}`;
  const logGroupArn = `arn:${p}:logs:${def.region}:${def.account}:log-group:${group}`;
  const statements: PolicyStatement[] = [
    {
      Sid: 'BuildLogs',
      Effect: 'Allow',
      Action: ['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:PutLogEvents'],
      Resource: [logGroupArn, `${logGroupArn}:*`],
    },
  ];
  const ca = def.codeArtifact;
  if (ca) {
    const caRegion = ca.region ?? def.region;
    const owner = ca.domainOwner ?? def.account;
    const repos = [ca.repository, ...(ca.upstreams ?? []).filter((u) => u !== ca.repository)];
    statements.push(
      { Sid: 'CallerIdentity', Effect: 'Allow', Action: 'sts:GetCallerIdentity', Resource: '*' },
      {
        Sid: 'CodeArtifactBearerToken',
        Effect: 'Allow',
        Action: 'sts:GetServiceBearerToken',
        Resource: '*',
        Condition: { StringEquals: { 'sts:AWSServiceName': 'codeartifact.amazonaws.com' } },
      },
      {
        Sid: 'CodeArtifactToken',
        Effect: 'Allow',
        Action: 'codeartifact:GetAuthorizationToken',
        Resource: `arn:${p}:codeartifact:${caRegion}:${owner}:domain/${ca.domain}`,
      },
      {
        Sid: 'CodeArtifactRead',
        Effect: 'Allow',
        Action: ['codeartifact:GetRepositoryEndpoint', 'codeartifact:ReadFromRepository'],
        Resource: repos.map((r) => `arn:${p}:codeartifact:${caRegion}:${owner}:repository/${ca.domain}/${r}`),
      },
    );
    // Package ARNs are package/<domain>/<repository>/<format>/<namespace>/<name>; PyPI packages have no namespace.
    // The build's own package names are not known here, so every package of the format in the repository.
    const formats = [...new Set(ca.tools.flatMap((t) => PUBLISHING_TOOLS[t] ?? []))];
    if (formats.length > 0) {
      statements.push({
        Sid: 'CodeArtifactPublish',
        Effect: 'Allow',
        Action: 'codeartifact:PublishPackageVersion',
        Resource: formats.map((f) => `arn:${p}:codeartifact:${caRegion}:${owner}:package/${ca.domain}/${ca.repository}/${f}//*`),
      });
    }
  }
  if (def.vpcSubnetIds && def.vpcSubnetIds.length > 0) {
    statements.push(
      {
        Sid: 'VpcNetworkInterfaces',
        Effect: 'Allow',
        Action: [
          'ec2:CreateNetworkInterface',
          'ec2:DeleteNetworkInterface',
          'ec2:DescribeDhcpOptions',
          'ec2:DescribeNetworkInterfaces',
          'ec2:DescribeSecurityGroups',
          'ec2:DescribeSubnets',
          'ec2:DescribeVpcs',
        ],
        Resource: '*',
      },
      {
        Sid: 'VpcNetworkInterfacePermission',
        Effect: 'Allow',
        Action: 'ec2:CreateNetworkInterfacePermission',
        Resource: `arn:${p}:ec2:${def.region}:${def.account}:network-interface/*`,
        Condition: {
          StringEquals: {
            'ec2:Subnet': def.vpcSubnetIds.map((s) => `arn:${p}:ec2:${def.region}:${def.account}:subnet/${s}`),
            'ec2:AuthorizedService': 'codebuild.amazonaws.com',
          },
        },
      },
    );
  }
  return { Version: '2012-10-17', Statement: statements };
}

/** The policy as a project part (`iam-policy` JSON file). */
export function renderBuildRolePolicyPart(path: string, def: BuildRolePolicyDef): JsonPart {
  return { type: 'json', path, value: renderBuildRolePolicy(def), fileKind: 'iam-policy' };
}

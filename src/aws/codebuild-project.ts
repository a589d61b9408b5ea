/**
 * Pure: the CreateProject/UpdateProject request for a CodeBuild project built from a rendered buildspec.
 * Field names are the SDK's (`vpcConfig`, `logsConfig`, ...), so the adapter passes the value through.
 */
export interface CodeBuildProjectDef {
  /** 2-150 letters, digits, `-`, `_`, starting with a letter or digit. */
  readonly name: string;
  /** Buildspec text, sent inline (`source.buildspec`). */
  readonly buildspec: string;
  /** Role CodeBuild assumes. Required to create a project. @default - unchanged on update */
  readonly serviceRole?: string;
  /** @default 'aws/codebuild/amazonlinux-x86_64-standard:5.0' */
  readonly image?: string;
  /** @default 'BUILD_GENERAL1_SMALL' */
  readonly computeType?: string;
  /** @default 'NO_SOURCE' */
  readonly sourceType?: string;
  /** Repository URL or bucket path, for source types other than NO_SOURCE. @default - none */
  readonly sourceLocation?: string;
  /** Private subnets and security groups of a VPC build. @default - no VPC (CodeBuild's own network) */
  readonly vpc?: { readonly vpcId: string; readonly subnets: readonly string[]; readonly securityGroupIds: readonly string[] };
  /** CloudWatch Logs group. @default - `/aws/codebuild/<name>` (CodeBuild's default) */
  readonly logGroupName?: string;
  /** @default - CodeBuild's default (60) */
  readonly timeoutInMinutes?: number;
  readonly description?: string;
}

export const DEFAULT_IMAGE = 'aws/codebuild/amazonlinux-x86_64-standard:5.0';

const NAME = /^[A-Za-z0-9][A-Za-z0-9_-]{1,149}$/;
const SUBNET = /^subnet-[0-9a-f]{8,17}$/;
const SG = /^sg-[0-9a-f]{8,17}$/;
const VPC = /^vpc-[0-9a-f]{8,17}$/;
const ROLE = /^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@/-]{1,512}$/;

/** Problems with the definition, as sentences; empty when it can be sent. */
export function checkCodeBuildProject(def: CodeBuildProjectDef, forCreate: boolean): string[] {
  const out: string[] = [];
  if (!NAME.test(def.name)) out.push(`--project ${JSON.stringify(def.name)} is not a CodeBuild project name (2-150 letters, digits, "-", "_").`);
  if (def.serviceRole !== undefined && !ROLE.test(def.serviceRole)) out.push(`--service-role ${JSON.stringify(def.serviceRole)} is not an IAM role ARN.`);
  if (forCreate && def.serviceRole === undefined) out.push('--service-role is required to create a project.');
  if (def.vpc) {
    if (!VPC.test(def.vpc.vpcId)) out.push(`--vpc-id ${JSON.stringify(def.vpc.vpcId)} is not a VPC id.`);
    if (def.vpc.subnets.length === 0 || def.vpc.subnets.length > 16) out.push('A VPC build needs 1 to 16 --subnet.');
    if (def.vpc.securityGroupIds.length === 0 || def.vpc.securityGroupIds.length > 5) out.push('A VPC build needs 1 to 5 --security-group.');
    for (const s of def.vpc.subnets) if (!SUBNET.test(s)) out.push(`--subnet ${JSON.stringify(s)} is not a subnet id.`);
    for (const s of def.vpc.securityGroupIds) if (!SG.test(s)) out.push(`--security-group ${JSON.stringify(s)} is not a security group id.`);
  }
  if (def.timeoutInMinutes !== undefined && !(Number.isInteger(def.timeoutInMinutes) && def.timeoutInMinutes >= 5 && def.timeoutInMinutes <= 2160)) {
    out.push('--timeout-minutes must be 5 to 2160.');
  }
  if ((def.sourceType ?? 'NO_SOURCE') !== 'NO_SOURCE' && !def.sourceLocation) out.push(`--source-type ${def.sourceType} needs --source-location.`);
  return out;
}

export function renderProjectInput(def: CodeBuildProjectDef): Record<string, unknown> {
  const image = def.image ?? DEFAULT_IMAGE;
  return {
    name: def.name,
    ...(def.description !== undefined ? { description: def.description } : {}),
    source: {
      type: def.sourceType ?? 'NO_SOURCE',
      ...(def.sourceLocation ? { location: def.sourceLocation } : {}),
      buildspec: def.buildspec,
    },
    artifacts: { type: 'NO_ARTIFACTS' },
    environment: {
      type: /aarch64|arm/.test(image) ? 'ARM_CONTAINER' : 'LINUX_CONTAINER',
      image,
      computeType: def.computeType ?? 'BUILD_GENERAL1_SMALL',
      imagePullCredentialsType: image.startsWith('aws/codebuild/') ? 'CODEBUILD' : 'SERVICE_ROLE',
    },
    ...(def.serviceRole ? { serviceRole: def.serviceRole } : {}),
    ...(def.timeoutInMinutes !== undefined ? { timeoutInMinutes: def.timeoutInMinutes } : {}),
    ...(def.vpc ? { vpcConfig: { vpcId: def.vpc.vpcId, subnets: [...def.vpc.subnets], securityGroupIds: [...def.vpc.securityGroupIds] } } : {}),
    logsConfig: { cloudWatchLogs: { status: 'ENABLED', ...(def.logGroupName ? { groupName: def.logGroupName } : {}) } },
  };
}

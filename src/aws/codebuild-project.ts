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
  /** @default - 'aws/codebuild/amazonlinux-x86_64-standard:5.0' on create, unchanged on update */
  readonly image?: string;
  /** @default - 'BUILD_GENERAL1_SMALL' on create, unchanged on update */
  readonly computeType?: string;
  /**
   * `environment.type`, e.g. ARM_CONTAINER.
   * @default - ARM_CONTAINER for aarch64/arm64 images, else LINUX_CONTAINER (on update: unchanged unless the image changes)
   */
  readonly environmentType?: string;
  /** @default - 'NO_SOURCE' on create; on update the project's current source type and location */
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
export const DEFAULT_COMPUTE_TYPE = 'BUILD_GENERAL1_SMALL';
const ENVIRONMENT_TYPES = [
  'LINUX_CONTAINER', 'ARM_CONTAINER', 'LINUX_GPU_CONTAINER', 'LINUX_LAMBDA_CONTAINER', 'ARM_LAMBDA_CONTAINER',
  'WINDOWS_CONTAINER', 'WINDOWS_SERVER_2019_CONTAINER', 'WINDOWS_SERVER_2022_CONTAINER', 'LINUX_EC2', 'ARM_EC2', 'WINDOWS_EC2', 'MAC_ARM',
];

const NAME = /^[A-Za-z0-9][A-Za-z0-9_-]{1,149}$/;
const SUBNET = /^subnet-[0-9a-f]{8,17}$/;
const SG = /^sg-[0-9a-f]{8,17}$/;
const VPC = /^vpc-[0-9a-f]{8,17}$/;
const ROLE = /^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@/-]{1,512}$/;

/** Why a project name is not one CodeBuild accepts, or undefined when it is. */
export function projectNameProblem(name: string): string | undefined {
  return NAME.test(name) ? undefined : `--project ${JSON.stringify(name)} is not a CodeBuild project name (2-150 letters, digits, "-", "_").`;
}

/** Problems with the definition, as sentences; empty when it can be sent. */
export function checkCodeBuildProject(def: CodeBuildProjectDef, forCreate: boolean): string[] {
  const out: string[] = [];
  const nameProblem = projectNameProblem(def.name);
  if (nameProblem) out.push(nameProblem);
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
  if (def.environmentType !== undefined && !ENVIRONMENT_TYPES.includes(def.environmentType)) {
    out.push(`--environment-type ${JSON.stringify(def.environmentType)} is not a CodeBuild environment type (${ENVIRONMENT_TYPES.join(', ')}).`);
  }
  if ((def.sourceType ?? 'NO_SOURCE') !== 'NO_SOURCE' && !def.sourceLocation) out.push(`--source-type ${def.sourceType} needs --source-location.`);
  return out;
}

/**
 * What an existing project already has, as BatchGetProjects returns it (SDK spelling). An update starts from
 * these so that settings the user did not give (source type and location, environment variables, privileged
 * mode, S3 logs, ...) stay as they are.
 */
export interface ExistingProject {
  readonly source?: Readonly<Record<string, unknown>>;
  readonly environment?: Readonly<Record<string, unknown>>;
  readonly logsConfig?: Readonly<Record<string, unknown>>;
}

/**
 * Images CodeBuild documents for ARM builds spell the architecture as a word of the name
 * (`aws/codebuild/amazonlinux2-aarch64-standard:3.0`, `amazonlinux-aarch64-standard`, Docker Hub `arm64v8/...`).
 * Matching on the word, not on the letters "arm", keeps `my.registry/farm-tools:1` an x86 image.
 */
const ARM_IMAGE = /(?:^|[^a-z0-9])(?:aarch64|arm64(?:v8)?)(?:[^a-z0-9]|$)/i;

/** The environment type for an image, unless the user chose one (`--environment-type`). */
export function environmentTypeFor(image: string, explicit?: string): string {
  return explicit ?? (ARM_IMAGE.test(image) ? 'ARM_CONTAINER' : 'LINUX_CONTAINER');
}

function pullCredentialsFor(image: string): string {
  return image.startsWith('aws/codebuild/') ? 'CODEBUILD' : 'SERVICE_ROLE';
}

/**
 * The CreateProject request (no `existing`), or the UpdateProject request for a project that exists. An update
 * sends only what the definition sets: the buildspec always (inside the project's current source, so its type,
 * location and other source settings stay), the environment only when the image, compute type or environment
 * type is given (merged into the current one), and the role, timeout, VPC, logs and description only when given.
 * Defaults (image, compute type, NO_SOURCE, NO_ARTIFACTS, CloudWatch logs) apply on create only.
 */
export function renderProjectInput(def: CodeBuildProjectDef, existing?: ExistingProject): Record<string, unknown> {
  return existing ? renderUpdateInput(def, existing) : renderCreateInput(def);
}

function renderCreateInput(def: CodeBuildProjectDef): Record<string, unknown> {
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
      type: environmentTypeFor(image, def.environmentType),
      image,
      computeType: def.computeType ?? DEFAULT_COMPUTE_TYPE,
      imagePullCredentialsType: pullCredentialsFor(image),
    },
    ...(def.serviceRole ? { serviceRole: def.serviceRole } : {}),
    ...(def.timeoutInMinutes !== undefined ? { timeoutInMinutes: def.timeoutInMinutes } : {}),
    ...(def.vpc ? { vpcConfig: renderVpc(def.vpc) } : {}),
    logsConfig: { cloudWatchLogs: { status: 'ENABLED', ...(def.logGroupName ? { groupName: def.logGroupName } : {}) } },
  };
}

function renderUpdateInput(def: CodeBuildProjectDef, existing: ExistingProject): Record<string, unknown> {
  const source =
    def.sourceType !== undefined
      ? { type: def.sourceType, ...(def.sourceLocation ? { location: def.sourceLocation } : {}), buildspec: def.buildspec }
      : { type: 'NO_SOURCE', ...existing.source, ...(def.sourceLocation ? { location: def.sourceLocation } : {}), buildspec: def.buildspec };
  let environment: Record<string, unknown> | undefined;
  if (def.image !== undefined || def.computeType !== undefined || def.environmentType !== undefined) {
    const prev = existing.environment ?? {};
    const prevImage = typeof prev['image'] === 'string' ? prev['image'] : undefined;
    const image = def.image ?? prevImage ?? DEFAULT_IMAGE;
    const imageChanged = def.image !== undefined && def.image !== prevImage;
    environment = {
      ...prev,
      type: def.environmentType ?? (imageChanged || prev['type'] === undefined ? environmentTypeFor(image) : prev['type']),
      image,
      computeType: def.computeType ?? prev['computeType'] ?? DEFAULT_COMPUTE_TYPE,
      imagePullCredentialsType: imageChanged || prev['imagePullCredentialsType'] === undefined ? pullCredentialsFor(image) : prev['imagePullCredentialsType'],
    };
  }
  let logsConfig: Record<string, unknown> | undefined;
  if (def.logGroupName !== undefined) {
    const prev = existing.logsConfig ?? {};
    const prevCw = (prev['cloudWatchLogs'] ?? {}) as Record<string, unknown>;
    logsConfig = { ...prev, cloudWatchLogs: { ...prevCw, status: 'ENABLED', groupName: def.logGroupName } };
  }
  return {
    name: def.name,
    ...(def.description !== undefined ? { description: def.description } : {}),
    source,
    ...(environment ? { environment } : {}),
    ...(def.serviceRole ? { serviceRole: def.serviceRole } : {}),
    ...(def.timeoutInMinutes !== undefined ? { timeoutInMinutes: def.timeoutInMinutes } : {}),
    ...(def.vpc ? { vpcConfig: renderVpc(def.vpc) } : {}),
    ...(logsConfig ? { logsConfig } : {}),
  };
}

function renderVpc(vpc: NonNullable<CodeBuildProjectDef['vpc']>) {
  return { vpcId: vpc.vpcId, subnets: [...vpc.subnets], securityGroupIds: [...vpc.securityGroupIds] };
}

/**
 * Authoring types for a secure CDK pipeline: a CDK Pipelines app whose stages deploy inside their own IAM
 * permission boundary and pause for a security engineer only when a deployment would broaden permissions.
 */

/** Where a stack or pipeline lives. */
export interface AwsEnvironment {
  /** 12-digit AWS account id. */
  readonly account: string;
  /** Region code, e.g. `eu-west-1`. */
  readonly region: string;
}

/**
 * An IAM permission boundary applied to every role and user a stage (or the whole app) creates.
 * The name may use the placeholders CDK resolves per stack: `${Qualifier}`, `${AWS::AccountId}`,
 * `${AWS::Region}`, `${AWS::Partition}`.
 */
export interface PermissionsBoundaryDef {
  /** Managed policy name, e.g. `developer-policy` or `cdk-${Qualifier}-permissions-boundary`. */
  readonly name: string;
  /**
   * Actions the boundary denies on top of its privilege-escalation guards (the blog's "custom organization
   * policy"), e.g. `config:*`. Used when rendering the boundary's CloudFormation template.
   * @default [] - only the escalation guards
   */
  readonly deniedActions?: readonly string[];
}

/** One application stage: a copy of the application deployed to one account and region. */
export interface StageDef extends AwsEnvironment {
  /** Construct id and CodePipeline stage name, e.g. `Dev`, `Prod-eu-west-1`. Letters, digits and `-`. */
  readonly name: string;
  /**
   * Stages with the same wave name, listed one after another, deploy in parallel as one CodePipeline stage.
   * @default - the stage deploys on its own, after the previous one
   */
  readonly wave?: string;
  /**
   * The boundary for every IAM role and user in this stage.
   * @default - the pipeline's `permissionsBoundary`
   */
  readonly permissionsBoundary?: PermissionsBoundaryDef;
  /**
   * Managed policy ARNs the CloudFormation execution role gets when this environment is bootstrapped.
   * @default ['arn:aws:iam::aws:policy/AdministratorAccess'] - bounded by the permission boundary
   */
  readonly cloudFormationExecutionPolicies?: readonly string[];
}

/** The source repository, reached through an AWS CodeConnections (CodeStar) connection. */
export interface PipelineSourceDef {
  /** `owner/repo`. */
  readonly repository: string;
  /** @default 'main' */
  readonly branch?: string;
  /** ARN of the connection (`arn:aws:codeconnections:…` or `arn:aws:codestar-connections:…`). */
  readonly connectionArn: string;
}

/**
 * Builds that run in a private VPC without internet access. CDK's own `ConfirmPermissionsBroadening` cannot
 * run there (it ignores `codeBuildDefaults` and installs the CDK CLI from the public npm registry), so the
 * generated app replaces it with an equivalent check that runs in the VPC and installs through CodeArtifact.
 */
export interface PrivateBuildDef {
  readonly vpcId: string;
  /** Private subnets the CodeBuild projects run in. */
  readonly subnetIds: readonly string[];
  /** @default - CDK creates a security group per project */
  readonly securityGroupIds?: readonly string[];
  /** The CodeArtifact npm repository that proxies the public registry. */
  readonly codeArtifact: {
    readonly domain: string;
    /** Account that owns the domain. @default - the pipeline account */
    readonly domainOwner?: string;
    readonly repository: string;
  };
}

/**
 * How the pipeline applies changes to itself (CDK Pipelines' "self-mutation": its `UpdatePipeline` stage deploys
 * the pipeline stack from the commit it builds, before any application stage).
 *  - `approval`: the pipeline stack and its support stacks go through the same permission check as the stages,
 *    and the approval waits for a person when their permissions broaden or when the approval gate itself changes
 *    (approvers, checked stages, self-update mode, the check's code).
 *  - `automatic`: CDK's own self-mutation: every change to the pipeline is deployed without a check.
 *  - `off`: the pipeline never updates itself; deploy the pipeline stack by hand (`cdk deploy`) after changing it.
 */
export type SelfMutationMode = 'approval' | 'automatic' | 'off';

export const SELF_MUTATION_MODES: readonly SelfMutationMode[] = ['approval', 'automatic', 'off'];

/** A CDK Pipelines app with a security gate before every stage. */
export interface SecurePipelineDef {
  /** Name of the app, its package and its pipeline (letters, digits, `-`). */
  readonly appName: string;
  /** The account and region the pipeline itself runs in. */
  readonly pipeline: AwsEnvironment;
  readonly source: PipelineSourceDef;
  /** Application stages in deployment order. */
  readonly stages: readonly StageDef[];
  /** E-mail addresses subscribed to the security-approval topic. */
  readonly approverEmails: readonly string[];
  /**
   * App-wide boundary (the `@aws-cdk/core:permissionsBoundary` context in cdk.json); it also covers the
   * pipeline's own roles.
   * @default - no app-wide boundary; only stages with their own boundary get one
   */
  readonly permissionsBoundary?: PermissionsBoundaryDef;
  /**
   * CDK bootstrap qualifier.
   * @default 'hnb659fds'
   */
  readonly qualifier?: string;
  /**
   * Run the builds and the security check inside a VPC.
   * @default - builds use CodeBuild's default internet access, and CDK's ConfirmPermissionsBroadening
   */
  readonly privateBuild?: PrivateBuildDef;
  /**
   * How the pipeline applies changes to itself: see `SelfMutationMode`.
   * @default 'approval'
   */
  readonly selfMutation?: SelfMutationMode;
}

/** CDK's default bootstrap qualifier. */
export const DEFAULT_QUALIFIER = 'hnb659fds';

/** A run of stages deployed together: one stage on its own, or every stage of a wave. */
export interface DeploymentGroup {
  /** The wave name, or undefined for a stage deployed on its own. */
  readonly wave?: string;
  readonly stages: readonly StageDef[];
}

/** Group consecutive stages that name the same wave. Pure; order is kept. */
export function deploymentGroups(stages: readonly StageDef[]): DeploymentGroup[] {
  const out: { wave?: string; stages: StageDef[] }[] = [];
  for (const s of stages) {
    const last = out[out.length - 1];
    if (s.wave !== undefined && last && last.wave === s.wave) last.stages.push(s);
    else out.push({ ...(s.wave !== undefined ? { wave: s.wave } : {}), stages: [s] });
  }
  return out;
}

/** The boundary that applies to a stage: its own, else the app-wide one. */
export function stageBoundary(def: SecurePipelineDef, stage: StageDef): PermissionsBoundaryDef | undefined {
  return stage.permissionsBoundary ?? def.permissionsBoundary;
}

/** Whether any stage deploys to an account other than the pipeline's (then artifacts need a KMS key). */
export function isCrossAccount(def: SecurePipelineDef): boolean {
  return def.stages.some((s) => s.account !== def.pipeline.account);
}

/**
 * Resolve the placeholders CDK resolves in a boundary name, for a concrete environment (used for the
 * bootstrap commands, which need the literal policy name).
 */
export function resolveBoundaryName(name: string, env: AwsEnvironment, qualifier: string): string {
  return name
    .replace(/\$\{Qualifier\}/g, qualifier)
    .replace(/\$\{AWS::AccountId\}/g, env.account)
    .replace(/\$\{AWS::Region\}/g, env.region)
    .replace(/\$\{AWS::Partition\}/g, 'aws');
}

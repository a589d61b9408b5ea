/**
 * Typed authoring model of a CodeCatalyst workflow (`.codecatalyst/workflows/<name>.yaml`).
 *
 * Keys are camelCase here; `renderWorkflow` turns a `WorkflowDef` into the service's own spelling
 * (`Name`, `SchemaVersion`, `DependsOn`, kebab-case keys for `aws/cfn-deploy` ...) and `parseWorkflow`
 * reads it back, so a rendered workflow parses to the same model.
 * Actions are lists (not records) so that their order is exactly the order written.
 */

/** How new runs queue behind running ones. */
export type RunMode = 'QUEUED' | 'SUPERSEDED' | 'PARALLEL';

/** On-demand fleets; any other 2-128 character name is a provisioned fleet (EC2 only). */
export type OnDemandFleet =
  | 'Linux.x86-64.Large'
  | 'Linux.x86-64.XLarge'
  | 'Linux.x86-64.2XLarge'
  | 'Linux.Arm64.Large'
  | 'Linux.Arm64.XLarge'
  | 'Linux.Arm64.2XLarge'
  | 'Windows.x86-64.XLarge'
  | 'Windows.x86-64.2XLarge';

export interface WorkflowCompute {
  readonly type: 'EC2' | 'LAMBDA';
  /** On-demand fleet or the name of a provisioned fleet. @default - the service default (Linux.x86-64.Large) */
  readonly fleet?: OnDemandFleet | (string & {});
  /** Run all actions on one instance (EC2 only). Rendered as the string `TRUE`/`FALSE`. @default - not set (false) */
  readonly sharedInstance?: boolean;
}

/** Action-level compute. Not allowed when the workflow sets `compute`. */
export interface ActionCompute {
  readonly type: 'EC2' | 'LAMBDA';
  /** @default - the service default */
  readonly fleet?: OnDemandFleet | (string & {});
}

export type PullRequestEvent = 'OPEN' | 'REVISION' | 'CLOSED' | 'MERGED' | 'DRAFT';

export interface PushTrigger {
  readonly type: 'PUSH';
  /** Branch name regexes, e.g. `main`, `feature-.*`. @default - every branch */
  readonly branches?: readonly string[];
  /** Path regexes; the workflow runs only when one matches a changed file. @default - any change */
  readonly filesChanged?: readonly string[];
}

export interface PullRequestTrigger {
  readonly type: 'PULLREQUEST';
  readonly events: readonly PullRequestEvent[];
  /** Destination branch regexes. @default - every branch */
  readonly branches?: readonly string[];
  /** @default - any change */
  readonly filesChanged?: readonly string[];
}

export interface ScheduleTrigger {
  readonly type: 'SCHEDULE';
  /** AWS cron expression in UTC, e.g. `0 9 ? * MON-FRI *`. */
  readonly expression: string;
  /** @default - the default branch */
  readonly branches?: readonly string[];
}

/** A workflow without triggers runs only when started by hand. */
export type Trigger = PushTrigger | PullRequestTrigger | ScheduleTrigger;

/** One account connection: exactly one per action. */
export interface AccountConnection {
  /** Account connection display name, or the 12-digit account id. */
  readonly name: string;
  /** IAM role NAME (not ARN) registered on the connection. */
  readonly role: string;
}

export interface WorkflowEnvironment {
  /** CodeCatalyst environment name (project level). */
  readonly name: string;
  /** @default - none: the environment's default IAM role is used */
  readonly connection?: AccountConnection;
}

export interface ActionInputs {
  /** `WorkflowSource` or another source repository name. @default - none */
  readonly sources?: readonly string[];
  /** Names of artifacts produced by upstream actions. @default - none */
  readonly artifacts?: readonly string[];
  /** Input variables; rendered as a `[{Name, Value}]` list sorted by name. @default - none */
  readonly variables?: Readonly<Record<string, string>>;
}

export type ReportFormat =
  | 'JUNITXML'
  | 'NUNITXML'
  | 'NUNIT3XML'
  | 'TESTNGXML'
  | 'VISUALSTUDIOTRX'
  | 'CUCUMBERJSON'
  | 'COBERTURAXML'
  | 'CLOVERXML'
  | 'SIMPLECOV'
  | 'JACOCOXML'
  | 'LCOV'
  | 'SARIFSCA'
  | 'SARIFSA'
  | 'ESLINTJSON'
  | 'PYLINTJSON';

export type FindingSeverity = 'CRITICAL' | 'HIGH' | 'MEDIUM' | 'LOW' | 'INFORMATIONAL';

export interface SeverityThreshold {
  readonly severity: FindingSeverity;
  /** @default - 0 */
  readonly number?: number;
}

export interface SuccessCriteria {
  /** Percent, 0-100. @default - not checked */
  readonly passRate?: number;
  /** @default - not checked */
  readonly lineCoverage?: number;
  /** @default - not checked */
  readonly branchCoverage?: number;
  /** @default - not checked */
  readonly vulnerabilities?: SeverityThreshold;
  /** @default - not checked */
  readonly staticAnalysisBug?: SeverityThreshold;
  /** @default - not checked */
  readonly staticAnalysisSecurity?: SeverityThreshold;
  /** @default - not checked */
  readonly staticAnalysisQuality?: SeverityThreshold;
  /** @default - not checked */
  readonly staticAnalysisCodeSmell?: SeverityThreshold;
  /** @default - not checked */
  readonly staticAnalysisOther?: SeverityThreshold;
  /** @default - not checked */
  readonly staticAnalysisFinding?: SeverityThreshold;
}

export interface WorkflowReport {
  readonly format: ReportFormat;
  readonly includePaths: readonly string[];
  /** @default - none */
  readonly excludePaths?: readonly string[];
  /** @default - none */
  readonly successCriteria?: SuccessCriteria;
}

export interface AutoDiscoverReports {
  readonly enabled: boolean;
  /** @default - the service's prefix */
  readonly reportNamePrefix?: string;
  /** @default - everything */
  readonly includePaths?: readonly string[];
  /** @default - nothing */
  readonly excludePaths?: readonly string[];
  /** @default - none */
  readonly successCriteria?: SuccessCriteria;
}

export interface OutputArtifact {
  /** Letters, digits and `_` (no `-`). */
  readonly name: string;
  /** Globs relative to the source root. */
  readonly files: readonly string[];
}

export interface ActionOutputs {
  /** @default - none */
  readonly artifacts?: readonly OutputArtifact[];
  /** Names of shell variables to export as `${Action.NAME}`. @default - none */
  readonly variables?: readonly string[];
  /** @default - not set */
  readonly autoDiscoverReports?: AutoDiscoverReports;
  /** Reports by name (rendered as a map, sorted). @default - none */
  readonly reports?: Readonly<Record<string, WorkflowReport>>;
}

export interface FileCache {
  /** Path inside the build container, relative or absolute. */
  readonly path: string;
  /** 1 to 5 fallback keys. @default - none */
  readonly restoreKeys?: readonly string[];
}

/** An npm registry backed by a CodeCatalyst package repository. */
export interface NpmRegistry {
  readonly repository: string;
  /** npm scopes (`@scope`) served by this repository. @default - none: the default registry */
  readonly scopes?: readonly string[];
}

export interface WorkflowPackages {
  /** Registries in order; of those without scopes the last one is the default. */
  readonly npm: readonly NpmRegistry[];
}

/** Keys every action may have. */
export interface ActionCommon {
  /** Action name: letters, digits, `_` and `-`; unique in the workflow (groups included). */
  readonly name: string;
  /** Names of actions, groups or gates this one waits for. Always rendered explicitly. @default - none */
  readonly dependsOn?: readonly string[];
  /** @default - the workflow's compute, or the service default */
  readonly compute?: ActionCompute;
  /** Minutes, 1-480. @default - the service default */
  readonly timeout?: number;
  /** Required for actions that touch AWS (deploy actions). @default - none */
  readonly environment?: WorkflowEnvironment;
  /** @default - none */
  readonly inputs?: ActionInputs;
  /** @default - none */
  readonly outputs?: ActionOutputs;
  /** File caches by key (EC2 compute only). @default - none */
  readonly fileCaching?: Readonly<Record<string, FileCache>>;
  /** CodeCatalyst package repositories for npm (build and test actions). @default - none */
  readonly packages?: WorkflowPackages;
}

export interface ContainerImage {
  /** `CODECATALYST`, `DockerHub`, `ECR` or another registry name. */
  readonly registry: string;
  readonly image: string;
}

export interface BuildConfiguration {
  /** Shell commands, one step each. */
  readonly steps: readonly string[];
  /** @default - the CodeCatalyst default image */
  readonly container?: ContainerImage;
}

export interface CdkBootstrapConfiguration {
  readonly region: string;
  /** @default - the action's bundled CDK CLI */
  readonly cdkCliVersion?: string;
}

export interface CdkDeployConfiguration {
  readonly stackName: string;
  /** @default - the region of the environment */
  readonly region?: string;
  /** Rendered as a JSON string. @default - none */
  readonly tags?: Readonly<Record<string, string>>;
  /** CDK context values, rendered as a JSON string. @default - none */
  readonly context?: Readonly<Record<string, unknown>>;
  /** @default - the action's bundled CDK CLI */
  readonly cdkCliVersion?: string;
  /** Folder of the CDK app. @default - the source root */
  readonly cdkRootPath?: string;
  /** CloudFormation outputs exported as variables, rendered as a JSON array string. @default - the first four outputs */
  readonly cfnOutputVariables?: readonly string[];
  /** A synthesized cloud assembly to deploy instead of synthesizing. @default - synthesize */
  readonly cloudAssemblyRootPath?: string;
}

export interface CfnDeployConfiguration {
  /** Stack name. */
  readonly name: string;
  readonly region: string;
  /** Template path in the input source or artifact. */
  readonly template: string;
  /** @default - the environment's role */
  readonly roleArn?: string;
  /** Rendered comma-separated. @default - none */
  readonly capabilities?: readonly string[];
  /** `K=V` pairs (rendered `K=V,K2=V2`, sorted) or the path of a JSON parameter file. @default - none */
  readonly parameterOverrides?: Readonly<Record<string, string>> | string;
  /** Rendered `1`/`0`. @default false */
  readonly noExecuteChangeset?: boolean;
  /** @default false */
  readonly failOnEmptyChangeset?: boolean;
  /** @default false */
  readonly disableRollback?: boolean;
  /** @default false */
  readonly terminationProtection?: boolean;
  /** @default - the service default */
  readonly timeoutInMinutes?: number;
  /** Rendered comma-separated. @default - none */
  readonly notificationArns?: readonly string[];
  /** Rendered comma-separated. @default - none */
  readonly monitorAlarmArns?: readonly string[];
  /** @default - not monitored */
  readonly monitorTimeoutInMinutes?: number;
  /** Rendered as a JSON string. @default - none */
  readonly tags?: Readonly<Record<string, string>>;
}

export interface S3PublishConfiguration {
  readonly sourcePath: string;
  readonly destinationBucketName: string;
  /** @default - the bucket root */
  readonly targetPath?: string;
}

export interface LambdaInvokeConfiguration {
  readonly function: string;
  readonly awsRegion: string;
  /** JSON payload as a string. @default - none */
  readonly requestPayload?: string;
  /** Path of a payload file. @default - none */
  readonly requestPayloadFile?: string;
  /** @default false */
  readonly continueOnError?: boolean;
  /** `Tail` to return logs. @default - none */
  readonly logType?: string;
  /** JSON-path filters on the response. @default - none */
  readonly responseFilters?: string;
}

export interface EcsDeployConfiguration {
  readonly region: string;
  readonly cluster: string;
  readonly service: string;
  /** Path of the task definition file. */
  readonly taskDefinition: string;
  /** @default false */
  readonly forceNewDeployment?: boolean;
  /** Blue/green: AppSpec file path. @default - rolling deployment */
  readonly codedeployAppspec?: string;
  /** @default - none */
  readonly codedeployApplication?: string;
  /** @default - none */
  readonly codedeployDeploymentGroup?: string;
  /** @default - none */
  readonly codedeployDeploymentDescription?: string;
}

export interface ApprovalConfiguration {
  /** Number of approvals needed, 1-2. */
  readonly approvalsRequired: number;
}

/** A GitHub Actions step, in GitHub's own spelling. */
export interface GitHubStep {
  readonly name?: string;
  readonly id?: string;
  readonly uses?: string;
  readonly run?: string;
  readonly with?: Readonly<Record<string, string | number | boolean>>;
  readonly env?: Readonly<Record<string, string>>;
  readonly if?: string;
  readonly shell?: string;
  readonly 'working-directory'?: string;
  readonly 'continue-on-error'?: boolean;
  readonly 'timeout-minutes'?: number;
}

export interface GitHubActionsRunnerConfiguration {
  readonly steps: readonly GitHubStep[];
}

export type BuildIdentifier = 'aws/build@v1' | 'aws/managed-test@v1';
export type CdkBootstrapIdentifier = 'aws/cdk-bootstrap@v1' | 'aws/cdk-bootstrap@v2';
export type CdkDeployIdentifier = 'aws/cdk-deploy@v1' | 'aws/cdk-deploy@v2';

/** Typed first-party actions, discriminated by `identifier`. */
export type TypedAction = ActionCommon & { readonly kind?: undefined } & (
    | { readonly identifier: BuildIdentifier; readonly configuration: BuildConfiguration }
    | { readonly identifier: CdkBootstrapIdentifier; readonly configuration: CdkBootstrapConfiguration }
    | { readonly identifier: CdkDeployIdentifier; readonly configuration: CdkDeployConfiguration }
    | { readonly identifier: 'aws/cfn-deploy@v1'; readonly configuration: CfnDeployConfiguration }
    | { readonly identifier: 'aws/s3-publish@v1'; readonly configuration: S3PublishConfiguration }
    | { readonly identifier: 'aws/lambda-invoke@v1'; readonly configuration: LambdaInvokeConfiguration }
    | { readonly identifier: 'aws/ecs-deploy@v1'; readonly configuration: EcsDeployConfiguration }
    | { readonly identifier: 'aws/approval@v1'; readonly configuration: ApprovalConfiguration }
    | { readonly identifier: 'aws/github-actions-runner@v1'; readonly configuration: GitHubActionsRunnerConfiguration }
  );

/**
 * Escape hatch for any other identifier (`codecatalyst-labs/*`, third-party, a local `.` action). The
 * configuration is written as given, in the action's own spelling, and is not checked.
 */
export interface GenericAction extends ActionCommon {
  readonly kind: 'generic';
  readonly identifier: string;
  /** @default - none */
  readonly configuration?: Readonly<Record<string, unknown>>;
}

export type WorkflowAction = TypedAction | GenericAction;

/** Actions that run in parallel unless they depend on each other. Groups do not nest; gates may not be inside. */
export interface ActionGroup {
  readonly kind: 'group';
  readonly name: string;
  /** @default - none */
  readonly dependsOn?: readonly string[];
  readonly actions: readonly WorkflowAction[];
}

export type WorkflowItem = WorkflowAction | ActionGroup;

export interface WorkflowDef {
  /** Letters, digits, `_` and `-`, at most 100; also the file name. */
  readonly name: string;
  /** @default - not written (the service runs QUEUED) */
  readonly runMode?: RunMode;
  /** Compute for every action; then no action may set its own. @default - not written */
  readonly compute?: WorkflowCompute;
  /** @default - none: manual runs only */
  readonly triggers?: readonly Trigger[];
  readonly actions: readonly WorkflowItem[];
}

/** `${Secrets.NAME}`: a CodeCatalyst secret (at most 5 per action). */
export function secretRef(name: string): string {
  return `\${Secrets.${name}}`;
}

/** `${Action.VAR}` or `${Group.Action.VAR}`: a variable exported by another action. */
export function variableRef(...path: readonly [action: string, variable: string] | readonly [group: string, action: string, variable: string]): string {
  return `\${${path.join('.')}}`;
}

export const ACTION_NAME_PATTERN = /^[A-Za-z0-9_-]+$/;

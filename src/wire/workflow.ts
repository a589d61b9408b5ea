/**
 * The CodeCatalyst workflow file in the service's own spelling, and the facts shared by the renderer,
 * the parser and the validator: which identifiers are which action, and how each typed configuration
 * key is spelled and encoded on the wire.
 */
import { AWS_ACTIONS } from './aws-actions.js';

/** A workflow file's top level, as written. Values below `Actions` stay loosely typed. */
export interface WorkflowWire {
  Name: string;
  SchemaVersion: '1.0';
  RunMode?: string;
  Compute?: Record<string, unknown>;
  Triggers?: Record<string, unknown>[];
  Actions: Record<string, Record<string, unknown>>;
}

/**
 * The typed action families: the `aws/` actions (`aws-actions.ts`, which holds their versions) that the model
 * renders and parses. Identifiers are matched with their pinned versions (`@v1.0.12`).
 */
export type ActionFamily =
  | 'build'
  | 'managed-test'
  | 'cdk-bootstrap'
  | 'cdk-deploy'
  | 'cfn-deploy'
  | 's3-publish'
  | 'lambda-invoke'
  | 'ecs-deploy'
  | 'approval'
  | 'github-actions-runner';

const FAMILIES: readonly ActionFamily[] = ['build', 'managed-test', 'cdk-bootstrap', 'cdk-deploy', 'cfn-deploy', 's3-publish', 'lambda-invoke', 'ecs-deploy', 'approval', 'github-actions-runner'];

const IDENTIFIER = new RegExp(`^aws/(${FAMILIES.join('|')})(-beta|-gamma)?@v(\\d+)(\\.\\d+){0,2}$`);

export interface IdentifierInfo {
  readonly family: ActionFamily;
  /** `-beta` or `-gamma`: internal pre-release stages that must not be used. */
  readonly prerelease?: string;
  readonly major: string;
}

/** The typed family an identifier belongs to, or undefined for generic (labs, third-party, local) actions. */
export function identifierInfo(identifier: unknown): IdentifierInfo | undefined {
  if (typeof identifier !== 'string') return undefined;
  const m = IDENTIFIER.exec(identifier);
  if (!m) return undefined;
  const family = m[1] as ActionFamily;
  if (!(AWS_ACTIONS[family].majors as readonly number[]).includes(Number(m[3]))) return undefined;
  return { family, major: m[3]!, ...(m[2] ? { prerelease: m[2] } : {}) };
}

/** Actions that reach into an AWS account and so need an `Environment`. */
export const DEPLOY_FAMILIES: ReadonlySet<ActionFamily> = new Set(['cdk-bootstrap', 'cdk-deploy', 'cfn-deploy', 's3-publish', 'lambda-invoke', 'ecs-deploy']);

/** Actions whose exported variables are exactly their `Outputs.Variables`. Others export predefined or dynamic ones. */
export const DECLARED_OUTPUT_FAMILIES: ReadonlySet<ActionFamily> = new Set(['build', 'managed-test', 'github-actions-runner']);

/**
 * How a model configuration value is encoded:
 * `plain` as is; `json` a JSON string of an object; `jsonArray` a JSON string of a list; `csv` a
 * comma-separated list; `flag` `"1"`/`"0"`; `kv` `K=V,K2=V2` (or a file path string).
 */
export type FieldEncoding = 'plain' | 'json' | 'jsonArray' | 'csv' | 'flag' | 'kv';

export interface FieldSpec {
  readonly wire: string;
  readonly encoding: FieldEncoding;
}

const f = (wire: string, encoding: FieldEncoding = 'plain'): FieldSpec => ({ wire, encoding });

/** Configuration keys of the families whose configuration is a flat mapping, in rendering order. */
export const CONFIG_FIELDS: Readonly<Partial<Record<ActionFamily, Readonly<Record<string, FieldSpec>>>>> = {
  'cdk-bootstrap': { region: f('Region'), cdkCliVersion: f('CdkCliVersion') },
  'cdk-deploy': {
    stackName: f('StackName'),
    region: f('Region'),
    tags: f('Tags', 'json'),
    context: f('Context', 'json'),
    cdkCliVersion: f('CdkCliVersion'),
    cdkRootPath: f('CdkRootPath'),
    cfnOutputVariables: f('CfnOutputVariables', 'jsonArray'),
    cloudAssemblyRootPath: f('CloudAssemblyRootPath'),
  },
  'cfn-deploy': {
    name: f('name'),
    region: f('region'),
    template: f('template'),
    roleArn: f('role-arn'),
    capabilities: f('capabilities', 'csv'),
    parameterOverrides: f('parameter-overrides', 'kv'),
    noExecuteChangeset: f('no-execute-changeset', 'flag'),
    failOnEmptyChangeset: f('fail-on-empty-changeset', 'flag'),
    disableRollback: f('disable-rollback', 'flag'),
    terminationProtection: f('termination-protection', 'flag'),
    timeoutInMinutes: f('timeout-in-minutes'),
    notificationArns: f('notification-arns', 'csv'),
    monitorAlarmArns: f('monitor-alarm-arns', 'csv'),
    monitorTimeoutInMinutes: f('monitor-timeout-in-minutes'),
    tags: f('tags', 'json'),
  },
  's3-publish': { sourcePath: f('SourcePath'), destinationBucketName: f('DestinationBucketName'), targetPath: f('TargetPath') },
  'lambda-invoke': {
    function: f('Function'),
    awsRegion: f('AWSRegion'),
    requestPayload: f('RequestPayload'),
    requestPayloadFile: f('RequestPayloadFile'),
    continueOnError: f('ContinueOnError'),
    logType: f('LogType'),
    responseFilters: f('ResponseFilters'),
  },
  'ecs-deploy': {
    region: f('region'),
    cluster: f('cluster'),
    service: f('service'),
    taskDefinition: f('task-definition'),
    forceNewDeployment: f('force-new-deployment'),
    codedeployAppspec: f('codedeploy-appspec'),
    codedeployApplication: f('codedeploy-application'),
    codedeployDeploymentGroup: f('codedeploy-deployment-group'),
    codedeployDeploymentDescription: f('codedeploy-deployment-description'),
  },
  approval: { approvalsRequired: f('ApprovalsRequired') },
};

/** Success-criteria keys: model name to wire name. */
export const SUCCESS_CRITERIA_KEYS: Readonly<Record<string, string>> = {
  passRate: 'PassRate',
  lineCoverage: 'LineCoverage',
  branchCoverage: 'BranchCoverage',
  vulnerabilities: 'Vulnerabilities',
  staticAnalysisBug: 'StaticAnalysisBug',
  staticAnalysisSecurity: 'StaticAnalysisSecurity',
  staticAnalysisQuality: 'StaticAnalysisQuality',
  staticAnalysisCodeSmell: 'StaticAnalysisCodeSmell',
  staticAnalysisOther: 'StaticAnalysisOther',
  staticAnalysisFinding: 'StaticAnalysisFinding',
};

/** Where workflow files live, relative to the repository root. */
export const WORKFLOW_DIR = '.codecatalyst/workflows';

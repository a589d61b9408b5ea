/**
 * Every action AWS publishes under `aws/`, with its current major versions and its `Configuration` keys: the
 * one list the validator (unknown action or version), the workflow schema (`Identifier` examples and pattern,
 * kept in step by test/workflow/action-identifiers.test.ts) and the language server (completion) read.
 * Facts from the AWS documentation: the CodeCatalyst User Guide's workflow action reference (the workflow YAML
 * definition, https://docs.aws.amazon.com/codecatalyst/latest/userguide/workflow-reference.html, and the page of
 * each action, e.g. .../build-action-ref.html). Identifiers are written `aws/<name>@v<major>`; the service also
 * accepts a pinned `@v<major>.<minor>` or `@v<major>.<minor>.<patch>`, and AWS's internal `-beta`/`-gamma` names
 * of some actions, which the validator warns about.
 */
export interface AwsActionSpec {
  /** The major versions AWS publishes, oldest first. */
  readonly majors: readonly number[];
  /** One line for hovers and completion lists. */
  readonly summary: string;
  /**
   * The `Configuration` keys as the service spells them. Undefined where the reference does not confirm them
   * (the keys are then not checked, and no key is suggested).
   */
  readonly configuration?: readonly string[];
  /** Whether the action reaches into an AWS account (and so needs an `Environment`). */
  readonly environment: boolean;
}

export const AWS_ACTIONS = {
  build: {
    majors: [1],
    summary: 'Build: runs shell steps in a container image.',
    configuration: ['Steps', 'Container'],
    environment: false,
  },
  'managed-test': {
    majors: [1],
    summary: 'Test: runs shell steps and reports test and coverage results.',
    configuration: ['Steps', 'Container'],
    environment: false,
  },
  'github-actions-runner': {
    majors: [1],
    summary: 'GitHub Actions: runs GitHub Actions steps.',
    configuration: ['Steps'],
    environment: false,
  },
  'cdk-bootstrap': {
    majors: [1, 2],
    summary: 'Bootstraps an AWS account and Region for the AWS CDK (v2: the March 2024 image, Node 18).',
    configuration: ['Region', 'CdkCliVersion'],
    environment: true,
  },
  'cdk-deploy': {
    majors: [1, 2],
    summary: 'Deploys an AWS CDK app.',
    configuration: ['StackName', 'Region', 'Tags', 'Context', 'CdkCliVersion', 'CdkRootPath', 'CfnOutputVariables', 'CloudAssemblyRootPath'],
    environment: true,
  },
  'cfn-deploy': {
    majors: [1],
    summary: 'Deploys an AWS CloudFormation stack.',
    configuration: [
      'name',
      'region',
      'template',
      'role-arn',
      'capabilities',
      'parameter-overrides',
      'no-execute-changeset',
      'fail-on-empty-changeset',
      // The blueprint SDK's legacy spelling, found in its snapshots.
      'no-fail-on-empty-changeset',
      'disable-rollback',
      'termination-protection',
      'timeout-in-minutes',
      'notification-arns',
      'monitor-alarm-arns',
      'monitor-timeout-in-minutes',
      'tags',
    ],
    environment: true,
  },
  'ecs-render-task-definition': {
    majors: [1],
    summary: 'Renders an Amazon ECS task definition with a new image (output variable task-definition).',
    configuration: ['task-definition', 'container-definition-name', 'image', 'environment-variables'],
    environment: false,
  },
  'ecs-deploy': {
    majors: [1],
    summary: 'Deploys to Amazon ECS.',
    configuration: [
      'region',
      'cluster',
      'service',
      'task-definition',
      'force-new-deployment',
      'codedeploy-appspec',
      'codedeploy-application',
      'codedeploy-deployment-group',
      'codedeploy-deployment-description',
    ],
    environment: true,
  },
  'kubernetes-deploy': {
    majors: [1],
    // The reference lists Namespace, Region, Cluster and Manifests without confirming the spelling: not checked.
    summary: 'Deploys to Amazon EKS.',
    environment: true,
  },
  'lambda-invoke': {
    majors: [1],
    summary: 'Invokes an AWS Lambda function.',
    configuration: ['Function', 'AWSRegion', 'RequestPayload', 'RequestPayloadFile', 'ContinueOnError', 'LogType', 'ResponseFilters'],
    environment: true,
  },
  's3-publish': {
    majors: [1],
    summary: 'Publishes files to an Amazon S3 bucket.',
    configuration: ['SourcePath', 'DestinationBucketName', 'TargetPath'],
    environment: true,
  },
  approval: {
    majors: [1],
    summary: 'Approval gate: the workflow waits for people to approve.',
    configuration: ['ApprovalsRequired'],
    environment: false,
  },
  'publish-blueprint-action': {
    majors: [1],
    summary: 'Publishes a custom blueprint to the space.',
    configuration: ['ArtifactPackagePath', 'PackageJSONPath', 'InputArtifactName', 'TimeoutInSeconds'],
    environment: false,
  },
} as const satisfies Readonly<Record<string, AwsActionSpec>>;

export type AwsActionName = keyof typeof AWS_ACTIONS;

/** The current identifier of every version of every `aws/` action, e.g. `aws/cdk-deploy@v2`, in table order. */
export const AWS_ACTION_IDENTIFIERS: readonly string[] = Object.entries(AWS_ACTIONS).flatMap(([name, a]) => a.majors.map((m) => `aws/${name}@v${m}`));

/** What an identifier written `aws/...` says: its action name and major version, if it has that shape. */
export interface AwsIdentifierParts {
  /** The name without `aws/` and without a `-beta`/`-gamma` stage. */
  readonly name: string;
  readonly stage?: '-beta' | '-gamma';
  /** The major version, when the identifier has a well-formed `@v<major>[.minor[.patch]]`. */
  readonly major?: number;
  /** The text after `@`, when there is one. */
  readonly version?: string;
}

const AWS_IDENTIFIER = /^aws\/([A-Za-z0-9._-]+?)(-beta|-gamma)?(?:@(.*))?$/;
const VERSION = /^v(\d+)(?:\.\d+){0,2}$/;

/** The parts of an `aws/` identifier, or undefined for other owners' actions (`codecatalyst-labs/`, third parties, `.`). */
export function awsIdentifierParts(identifier: string): AwsIdentifierParts | undefined {
  const m = AWS_IDENTIFIER.exec(identifier);
  if (!m) return undefined;
  const version = m[3];
  const major = version === undefined ? undefined : VERSION.exec(version)?.[1];
  return {
    name: m[1]!,
    ...(m[2] ? { stage: m[2] as '-beta' | '-gamma' } : {}),
    ...(major !== undefined ? { major: Number(major) } : {}),
    ...(version !== undefined ? { version } : {}),
  };
}

export function awsAction(name: string): AwsActionSpec | undefined {
  return Object.prototype.hasOwnProperty.call(AWS_ACTIONS, name) ? (AWS_ACTIONS as Record<string, AwsActionSpec>)[name] : undefined;
}

/**
 * The regular expression (as schema pattern text) of every identifier the service accepts for these `aws/`
 * actions: the published majors, pinned or not, with the internal stage names.
 */
export function awsIdentifierPattern(names: readonly string[] = Object.keys(AWS_ACTIONS)): string {
  const majors = (n: string) => {
    const ms = awsAction(n)!.majors;
    return ms.length === 1 ? String(ms[0]) : `[${ms.join('')}]`;
  };
  const alternatives = names.map((n) => `${n}(-beta|-gamma)?@v${majors(n)}`);
  return names.length === 1 ? `^aws/${alternatives[0]}(\\.\\d+){0,2}$` : `^aws/(${alternatives.join('|')})(\\.\\d+){0,2}$`;
}

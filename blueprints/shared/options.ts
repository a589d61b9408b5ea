import { AWS_ACCOUNT_PATTERN, AWS_REGION_PATTERN, type StatefulOption } from '../../src/index.js';
import { lambdaRuntime, LAMBDA_RUNTIMES, newestLike } from '../../src/index.js';

/**
 * Option schemas and helpers shared by the catalogue blueprints: stages, names. Patterns follow the services'
 * own rules (accounts and regions: the library's) so that a bad value is refused before anything is rendered.
 */
/** A stage or target name: it becomes part of workflow action names and CloudFormation stack names. */
export const STAGE_NAME_PATTERN = '^[a-z][a-z0-9-]{0,19}$';
/** CodeCatalyst environment and connection names: no blank, no `${...}` placeholders. */
export const CODECATALYST_NAME_PATTERN = '^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$';
/** CodeCatalyst account connection names, as the workflow validator checks them (3-63 letters, digits, "_", "-"). */
export const CONNECTION_NAME_PATTERN = '^[A-Za-z0-9_-]{3,63}$';
/** IAM role names. */
export const ROLE_NAME_PATTERN = '^[A-Za-z0-9+=,.@_-]{1,64}$';
/** An application name: lowercase, it prefixes stack names and npm package names. */
export const APP_NAME_PATTERN = '^[a-z][a-z0-9-]{1,30}$';

/** Accounts the defaults use. They are documented placeholders, flagged in generated READMEs. */
export const PLACEHOLDER_ACCOUNTS: readonly string[] = ['111111111111', '222222222222', '333333333333', '444444444444', '555555555555', '666666666666'];

/** Where one deploy goes: an account and region, reached through a CodeCatalyst environment and connection. */
export interface DeployTarget {
  /** Lowercase name; part of stack names and of the workflow's action names. */
  readonly name: string;
  /** 12-digit AWS account id. */
  readonly account: string;
  readonly region: string;
  /** CodeCatalyst environment the deploy actions run in. */
  readonly environment: string;
  /** CodeCatalyst account connection of that environment. */
  readonly connection: string;
  /** IAM role (name) the workflow assumes through the connection. */
  readonly role: string;
}

export interface StageOption extends DeployTarget {
  /** Wait for a manual approval before deploying this stage. */
  readonly approval: boolean;
}

export function stageSchema(description: string) {
  return {
    type: 'array',
    minItems: 1,
    maxItems: 20,
    description,
    items: deployTargetSchema('Stage name (lowercase, e.g. dev, prod).', {
      approval: { type: 'boolean', description: 'Wait for a manual approval before this stage.' },
    }),
  } as const;
}

/**
 * One place a deploy workflow deploys to (a stage, a target): its name (part of stack and action names), account
 * and region, and the CodeCatalyst environment, connection and role its actions use; `extra` adds the
 * blueprint's own required properties.
 */
export function deployTargetSchema<const E extends Readonly<Record<string, object>>>(nameDescription: string, extra: E) {
  return {
    type: 'object',
    additionalProperties: false,
    required: ['name', 'account', 'region', 'environment', 'connection', 'role', ...(Object.keys(extra) as (keyof E & string)[])],
    properties: {
      name: { type: 'string', pattern: STAGE_NAME_PATTERN, description: nameDescription },
      account: { type: 'string', pattern: AWS_ACCOUNT_PATTERN, description: '12-digit AWS account id.' },
      region: { type: 'string', pattern: AWS_REGION_PATTERN, description: 'AWS Region, e.g. us-east-1.' },
      environment: { type: 'string', pattern: CODECATALYST_NAME_PATTERN, description: 'CodeCatalyst environment the deploy actions run in.' },
      connection: { type: 'string', pattern: CONNECTION_NAME_PATTERN, description: 'CodeCatalyst account connection of that environment.' },
      role: { type: 'string', pattern: ROLE_NAME_PATTERN, description: 'IAM role (name) the workflow assumes through the connection to deploy.' },
      ...extra,
    },
  } as const;
}

export function defaultStage(name: string, account: string, approval = false, region = 'us-east-1'): StageOption {
  return {
    name,
    account,
    region,
    environment: `${name}-environment`,
    connection: `${name}-account`,
    role: 'CodeCatalystWorkflowDevelopmentRole',
    approval,
  };
}

export interface Placeholder {
  readonly option: string;
  readonly value: string;
  readonly why: string;
}

/** Stage accounts still at a documented placeholder value: listed in the README as values to replace. */
export function placeholderAccounts(stages: readonly { name: string; account: string }[], optionPrefix = 'stages', noun = 'stage'): Placeholder[] {
  return stages.flatMap((s, i) =>
    PLACEHOLDER_ACCOUNTS.includes(s.account)
      ? [{ option: `${optionPrefix}.${i}.account`, value: s.account, why: `placeholder account of ${noun} "${s.name}"; use the real 12-digit account id` }]
      : [],
  );
}

/** A git branch name (it becomes a trigger's branch regex, so no regex metacharacters besides "."). */
export const BRANCH_NAME_PATTERN = '^[A-Za-z0-9][A-Za-z0-9._/-]{0,99}$';

export type PythonRuntime = `python3.${number}`;

/**
 * Python runtimes of AWS Lambda the generated apps support: those of the runtime table, retired ones included so
 * that option validation names the date and the replacement (`runtimeFindings`) rather than "not allowed".
 */
export const PYTHON_RUNTIMES: readonly PythonRuntime[] = LAMBDA_RUNTIMES.map((r) => r.id).filter((id): id is PythonRuntime => id.startsWith('python'));

/** The newest Python runtime: the default, and what cdk-nag's AwsSolutions-L1 asks for. */
export const NEWEST_PYTHON_RUNTIME = newestLike('python3').id as PythonRuntime;

/** The aws-cdk-lib `lambda.Runtime` member of a Python runtime: `python3.12` -> `PYTHON_3_12`. */
export function lambdaRuntimeConstant(runtime: PythonRuntime): string {
  return lambdaRuntime(runtime)!.cdkConstant;
}

/**
 * The options of a delivery app (stacks named `<appName>-<stage>`) that name deployed stacks: `update` warns
 * when they change. `retained` says what outlives even a deleted old stack.
 */
export function deliveryStatefulOptions(retained: string): StatefulOption[] {
  const cleanUp =
    'Keep the old name; or, once the new stacks are deployed, move the data you need and delete the old stacks yourself (npx cdk destroy with the old name, or the CloudFormation console).';
  return [
    {
      path: 'appName',
      consequence: `the stacks are named <appName>-<stage>, so the next deployment creates new stacks, with new resources, in every stage and leaves the old stacks deployed (still running and billed; ${retained}). ${cleanUp}`,
    },
    {
      path: 'stages.*.name',
      consequence: `the stage's stack is named <appName>-<stage>, so the next deployment creates a new stack for it and leaves the old one deployed (${retained}). ${cleanUp}`,
    },
  ];
}

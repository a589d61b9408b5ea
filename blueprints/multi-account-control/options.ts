import { CI_SCHEMA, type CiOption } from '../shared/github-actions.js';
import { APP_NAME_PATTERN, BRANCH_NAME_PATTERN, deployTargetSchema, PLACEHOLDER_ACCOUNTS, type DeployTarget } from '../shared/options.js';
import { CONFIG_RULES, DEFAULT_RULES } from './rules.js';

/** One account (and region) the control is deployed into. */
export interface TargetOption extends DeployTarget {
  /** Deployed after the non-production targets, behind the approval when one is asked for. */
  readonly production: boolean;
}

export interface MultiAccountControlOptions {
  /** Name of the control: prefixes stacks and AWS Config rule names. */
  readonly controlName: string;
  /** AWS Config managed rules that make up the control (ids from the curated list). */
  readonly rules: readonly string[];
  /** Accounts and regions to deploy into; at most 20. */
  readonly targets: readonly TargetOption[];
  /**
   * `waves`: the non-production targets in parallel, then the production targets in parallel.
   * `parallel`: every target at once (an approval then holds all of them).
   */
  readonly strategy: 'parallel' | 'waves';
  /** An approval gate before the production targets deploy. */
  readonly approvalBeforeProduction: boolean;
  /** Approvals the gate needs (1 or 2). */
  readonly approvalsRequired: number;
  /** Branch whose pushes deploy the control; pull requests into it are checked. */
  readonly branch: string;
  /** Run `aws/cdk-bootstrap` before each deploy, so new accounts need no manual bootstrap. */
  readonly bootstrapInWorkflow: boolean;
  /** Where the workflows run: CodeCatalyst (the default) or GitHub Actions. */
  readonly ci?: CiOption;
}

/** At most this many targets: the tested size, 40 deploy actions plus the synth and the gate. */
export const MAX_TARGETS = 20;

export const optionsSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['controlName', 'rules', 'targets', 'strategy', 'approvalBeforeProduction', 'approvalsRequired', 'branch', 'bootstrapInWorkflow'],
  properties: {
    controlName: { type: 'string', pattern: APP_NAME_PATTERN, description: 'Name of the control (lowercase, digits, "-"); prefixes stack and AWS Config rule names.' },
    rules: {
      type: 'array',
      minItems: 1,
      uniqueItems: true,
      items: { type: 'string', enum: CONFIG_RULES.map((r) => r.id) },
      description: 'AWS Config managed rules that make up the control.',
    },
    targets: {
      type: 'array',
      minItems: 1,
      maxItems: MAX_TARGETS,
      description: `Accounts and regions to deploy the control into (1 to ${MAX_TARGETS}).`,
      items: deployTargetSchema('Target name (lowercase, e.g. dev, prod-eu); part of stack and action names.', {
        production: { type: 'boolean', description: 'A production account: deployed last, behind the approval when one is asked for.' },
      }),
    },
    strategy: {
      type: 'string',
      enum: ['waves', 'parallel'],
      description: 'waves: non-production targets in parallel, then production targets in parallel; parallel: every target at once.',
    },
    approvalBeforeProduction: { type: 'boolean', description: 'Wait for a manual approval in CodeCatalyst before deploying to production targets.' },
    approvalsRequired: { type: 'integer', minimum: 1, maximum: 2, description: 'Number of approvals the gate needs (1 or 2).' },
    branch: { type: 'string', pattern: BRANCH_NAME_PATTERN, description: 'Branch whose pushes deploy the control; pull requests into it are checked.' },
    bootstrapInWorkflow: { type: 'boolean', description: 'Bootstrap each account and region (aws/cdk-bootstrap) in the workflow before deploying.' },
    ci: CI_SCHEMA,
  },
} as const;

function target(name: string, account: string, region: string, production: boolean): TargetOption {
  return { name, account, region, environment: `${name}-environment`, connection: `${name}-account`, role: 'CodeCatalystWorkflowDevelopmentRole', production };
}

/** Defaults render and synthesize without an AWS account: the accounts are documented placeholders, flagged in the README. */
export const defaults: MultiAccountControlOptions = {
  controlName: 'baseline-control',
  rules: DEFAULT_RULES,
  targets: [
    target('dev', PLACEHOLDER_ACCOUNTS[0]!, 'us-east-1', false),
    target('test', PLACEHOLDER_ACCOUNTS[1]!, 'us-east-1', false),
    target('prod-us', PLACEHOLDER_ACCOUNTS[2]!, 'us-east-1', true),
    target('prod-eu', PLACEHOLDER_ACCOUNTS[2]!, 'eu-west-1', true),
  ],
  strategy: 'waves',
  approvalBeforeProduction: true,
  approvalsRequired: 1,
  branch: 'main',
  bootstrapInWorkflow: true,
  ci: 'codecatalyst',
};

/**
 * The AWS Lambda runtimes blueprints may offer, with AWS's deprecation schedule: the one table every runtime
 * option and check reads. Source: "Lambda runtimes" in the AWS Lambda Developer Guide
 * (https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtimes.html), the table of supported runtimes; the same
 * dates are in cfn-lint's rule E2533 (`LmbdRuntimeLifecycle.json`), which a test compares this table with.
 *
 * - `deprecated`: AWS stops patching the runtime.
 * - `createBlocked`: functions can no longer be created on it (a new stage, a new function: the deployment fails).
 * - `updateBlocked`: functions on it can no longer be updated (any deployment that changes them fails).
 */
export interface LambdaRuntime {
  /** The runtime identifier, as in CloudFormation's `Runtime`. */
  readonly id: string;
  /** The aws-cdk-lib `lambda.Runtime` member. */
  readonly cdkConstant: string;
  /** ISO dates (UTC). */
  readonly deprecated: string;
  readonly createBlocked: string;
  readonly updateBlocked: string;
}

export const LAMBDA_RUNTIMES: readonly LambdaRuntime[] = [
  { id: 'python3.10', cdkConstant: 'PYTHON_3_10', deprecated: '2026-06-30', createBlocked: '2026-07-31', updateBlocked: '2026-08-31' },
  { id: 'python3.11', cdkConstant: 'PYTHON_3_11', deprecated: '2026-06-30', createBlocked: '2026-07-31', updateBlocked: '2026-08-31' },
  { id: 'python3.12', cdkConstant: 'PYTHON_3_12', deprecated: '2028-10-31', createBlocked: '2028-11-30', updateBlocked: '2029-01-10' },
  { id: 'python3.13', cdkConstant: 'PYTHON_3_13', deprecated: '2029-06-30', createBlocked: '2029-07-31', updateBlocked: '2029-08-31' },
  { id: 'python3.14', cdkConstant: 'PYTHON_3_14', deprecated: '2029-06-30', createBlocked: '2029-07-31', updateBlocked: '2029-08-31' },
];

/** How close to its end a runtime may be before a choice of it is warned about. */
export const RUNTIME_WARNING_MONTHS = 6;

export function lambdaRuntime(id: string): LambdaRuntime | undefined {
  return LAMBDA_RUNTIMES.find((r) => r.id === id);
}

/** The newest runtime of the same language (what to move to). */
export function newestLike(id: string): LambdaRuntime {
  const family = id.replace(/[\d.x]+$/, '');
  const newer = (a: LambdaRuntime, b: LambdaRuntime) => a.createBlocked.localeCompare(b.createBlocked) || a.id.localeCompare(b.id, 'en', { numeric: true });
  return [...LAMBDA_RUNTIMES.filter((r) => r.id.startsWith(family))].sort(newer).at(-1)!;
}

export type RuntimeState =
  | { readonly state: 'supported' }
  /** Within RUNTIME_WARNING_MONTHS of `createBlocked`. */
  | { readonly state: 'ending'; readonly message: string }
  /** `createBlocked` has passed: no new function can use it. */
  | { readonly state: 'retired'; readonly message: string };

/** Where a runtime stands on `today` (an ISO date or a Date), with a message that names the dates and the replacement. */
export function runtimeState(id: string, today: Date): RuntimeState {
  const r = lambdaRuntime(id);
  if (!r) return { state: 'supported' };
  const day = today.toISOString().slice(0, 10);
  const next = newestLike(id).id;
  if (day >= r.createBlocked) {
    const updates = day >= r.updateBlocked ? `and updating them on ${r.updateBlocked}` : `and stops updating them on ${r.updateBlocked}`;
    return { state: 'retired', message: `AWS Lambda stopped creating functions on ${r.id} on ${r.createBlocked} ${updates}; use ${next}.` };
  }
  const warnFrom = new Date(`${r.createBlocked}T00:00:00Z`);
  warnFrom.setUTCMonth(warnFrom.getUTCMonth() - RUNTIME_WARNING_MONTHS);
  if (day >= warnFrom.toISOString().slice(0, 10)) {
    return { state: 'ending', message: `AWS Lambda stops creating functions on ${r.id} on ${r.createBlocked} (and updating them on ${r.updateBlocked}); consider ${next}.` };
  }
  return { state: 'supported' };
}

import type { WorkflowAction, WorkflowEnvironment, WorkflowItem } from '../model/workflow.js';
import { stageKey } from './workflow-stages.js';

/**
 * The security gate of CDK Pipelines, for CodeCatalyst workflows (CDK's ConfirmPermissionsBroadening exists
 * only for CodePipeline). Before a stage: a build action compares the stage's stacks with what is deployed
 * (`catalyst-gen security-diff --deployed`, the catalyst-gen the app's lockfile pins) and, only when permissions
 * broaden, e-mails the approvers what broadens (SNS); then an `aws/approval@v1` gate.
 *
 * Why the gate is always present: a CodeCatalyst workflow has no conditional actions. An action either runs
 * or the run stops on a failure; nothing can skip a gate, and an action cannot approve a gate through an API
 * the way CDK's Lambda approves a CodePipeline manual action. The two alternatives both lose: omitting the
 * gate means broadening changes deploy unreviewed, and failing the check on broadening ends the run with no
 * way to approve and resume it. So every deployment waits at the gate; what this check changes is that the
 * approvers are e-mailed, and the check action's `BROADENED` output variable says `true`, only when
 * permissions broaden (`unknown` when the check itself failed), so that an approver can approve a run whose
 * check says `false` at a glance.
 */
export interface WorkflowSecurityGateDef {
  /** Application stage name (the construct id), e.g. `Prod-eu-west-1`. */
  readonly stage: string;
  /** Construct path of the stage, e.g. `my-app-pipeline/Prod-eu-west-1`; the check diffs `<path>/*`. */
  readonly stagePath: string;
  /** Environment (and account connection) whose role can read the stage's stacks and assume the CDK deploy role. */
  readonly environment: WorkflowEnvironment;
  /** The SNS topic the approvers subscribe to. */
  readonly notificationTopicArn: string;
  /** @default - nothing */
  readonly dependsOn?: readonly string[];
  /**
   * Diff a cloud assembly produced by an earlier action instead of synthesizing the app from the source.
   * @default - `npm ci` then synthesize from `WorkflowSource`
   */
  readonly cloudAssembly?: { readonly artifact: string; readonly path: string };
  /** @default 1 */
  readonly approvalsRequired?: number;
}

export interface RenderedSecurityGate {
  /** The check action, then the gate. */
  readonly items: readonly WorkflowItem[];
  /** What the stage's first deploy action must depend on. */
  readonly tail: readonly string[];
}

export const WORKFLOW_CHECK_SCRIPT = [
  // The cloud assembly: an earlier action's artifact (its folder is known at run time only, from
  // CATALYST_SOURCE_DIR_<artifact>), or the app synthesized here.
  'if [ -n "${CDK_APP_DIR_VAR:-}" ]; then ASSEMBLY="$(printenv "$CDK_APP_DIR_VAR")/$CDK_APP_PATH"; else npx cdk synth --quiet --output cdk.out; ASSEMBLY=cdk.out; fi',
  'rc=0',
  'npx --no-install catalyst-gen security-diff --deployed "$ASSEMBLY" --stack "$STAGE_PATTERN" --notify "$NOTIFICATION_ARN" --stage "$STAGE_NAME" --commit "$COMMIT_ID" || rc=$?',
  'if [ "$rc" -eq 0 ]; then',
  '  BROADENED=false',
  'elif [ "$rc" -eq 1 ]; then',
  '  BROADENED=true',
  'else',
  // The check itself failed: nobody knows, so the approvers are told to look (fail-safe).
  '  BROADENED=unknown',
  '  aws sns publish --topic-arn "$NOTIFICATION_ARN" --subject "Permission check failed in $STAGE_NAME" --message "The permission check before stage $STAGE_NAME could not compare the deployment with what is deployed (exit $rc). Read the workflow run log of $GATE_NAME before approving."',
  'fi',
  'export BROADENED',
].join('\n');

/** The check action and the approval gate to put before one stage's deploy actions. Pure. */
export function renderWorkflowSecurityGate(def: WorkflowSecurityGateDef): RenderedSecurityGate {
  const key = stageKey(def.stage);
  const checkName = `SecurityCheck_${key}`;
  const gateName = `SecurityApproval_${key}`;
  const check: WorkflowAction = {
    name: checkName,
    identifier: 'aws/build@v1',
    ...(def.dependsOn && def.dependsOn.length > 0 ? { dependsOn: def.dependsOn } : {}),
    environment: def.environment,
    inputs: {
      ...(def.cloudAssembly ? { artifacts: [def.cloudAssembly.artifact] } : {}),
      sources: ['WorkflowSource'],
      variables: {
        ...(def.cloudAssembly ? { CDK_APP_DIR_VAR: `CATALYST_SOURCE_DIR_${def.cloudAssembly.artifact}`, CDK_APP_PATH: def.cloudAssembly.path } : {}),
        COMMIT_ID: '${WorkflowSource.CommitId}',
        GATE_NAME: gateName,
        NOTIFICATION_ARN: def.notificationTopicArn,
        STAGE_NAME: def.stage,
        STAGE_PATTERN: `${def.stagePath}/*`,
      },
    },
    outputs: { variables: ['BROADENED'] },
    configuration: { steps: ['npm ci', WORKFLOW_CHECK_SCRIPT] },
  };
  const gate: WorkflowAction = {
    name: gateName,
    identifier: 'aws/approval@v1',
    dependsOn: [checkName],
    configuration: { approvalsRequired: def.approvalsRequired ?? 1 },
  };
  return { items: [check, gate], tail: [gateName] };
}

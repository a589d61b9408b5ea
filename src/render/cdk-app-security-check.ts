/**
 * The buildspec of the permission check that every generated CDK pipeline runs before each stage, in place of
 * CDK's `ConfirmPermissionsBroadening` (whose message is generic text with a link to a CodeBuild log, and whose
 * project cannot run in a VPC without internet access). It keeps CDK's contract:
 *  - it compares the stage's stacks in the cloud assembly with what is deployed, in each stack's account, through
 *    the bootstrap deploy role (`catalyst-gen security-diff --deployed`, which reads CloudFormation itself);
 *  - only when permissions broaden, it e-mails the approvers (SNS), with a message they can decide from: one
 *    sentence per broadening change, the stage, accounts and regions, the commit and execution, the links;
 *  - it exports `MESSAGE` and `LINK`, which the manual approval that follows shows;
 *  - when nothing broadens, a small Lambda approves that manual step, so the pipeline goes on by itself;
 *  - fail-safe: when the check itself fails (no access to a deploy role, say), the approvers are told and the
 *    change waits for a person.
 *
 * Before the pipeline updates itself (`selfMutation: approval`) the same check runs on the pipeline stack and its
 * support stacks, and also compares the approval gate (lib/approval-gate.ts: approvers, checked stages, the
 * self-update mode, the check's code) of the deployed pipeline, GATE, with the one in the new pipeline template:
 * a change there waits for a person too, with an e-mail that lists it, though no permission broadens.
 *
 * catalyst-gen comes from the app's own package.json (a pinned devDependency) through `npm ci` in the source:
 * from the public registry, or, in a private network, from CodeArtifact after the login that every CodeBuild
 * project of such a pipeline runs first. The step's environment gives STACKS (a glob of the cloud assembly's
 * stacks to compare), STAGE_NAME, ACTION_NAME, PIPELINE_NAME, NOTIFICATION_ARN, NOTIFICATION_SUBJECT,
 * APPROVE_FUNCTION, EXECUTION_ID, COMMIT_ID, COMMIT_MESSAGE, and for the pipeline's own update GATE and
 * PIPELINE_TEMPLATE; the cloud assembly is in `cdk.out`.
 */
const PERMISSION_CHECK_SCRIPT = [
  'export LINK="$CODEBUILD_BUILD_URL"',
  'PIPELINE_URL="https://${AWS_REGION}.console.aws.amazon.com/codesuite/codepipeline/pipelines/${PIPELINE_NAME}"',
  'EXECUTION_URL="${PIPELINE_URL}/executions/${EXECUTION_ID}/timeline?region=${AWS_REGION}"',
  'APPROVE_URL="${PIPELINE_URL}/view?region=${AWS_REGION}"',
  'rc=0',
  'npx --no-install catalyst-gen security-diff --deployed cdk.out --stack "$STACKS" --notify "$NOTIFICATION_ARN" \\',
  '  --pipeline "$PIPELINE_NAME" --stage "$STAGE_NAME" --execution-id "$EXECUTION_ID" --commit "$COMMIT_ID" --commit-message "$COMMIT_MESSAGE" \\',
  '  --approve-url "$APPROVE_URL" --execution-url "$EXECUTION_URL" --log-url "$LINK" || rc=$?',
  'gate=""',
  'if [ -n "${GATE:-}" ] && [ "$rc" -le 1 ]; then',
  '  gate=$(npx --no-install tsx lib/approval-gate.ts "$GATE" "cdk.out/${PIPELINE_TEMPLATE}") || rc=2',
  'fi',
  'if [ -n "$gate" ] && [ "$rc" -le 1 ]; then',
  '  body=$(printf \'This deployment of pipeline %s changes its approval gate, which decides what waits for an approver:\\n\\n%s\\n\\nCommit: %s\\nApprove or reject: %s\\nThe log of the check: %s\\n\' "$PIPELINE_NAME" "$gate" "$COMMIT_ID" "$APPROVE_URL" "$LINK")',
  '  aws sns publish --topic-arn "$NOTIFICATION_ARN" --subject "Approve? The approval gate of pipeline ${PIPELINE_NAME} changes" --message "$body"',
  'fi',
  'if [ "$rc" -eq 0 ] && [ -z "$gate" ]; then',
  '  payload=$(printf \'{"PipelineName":"%s","StageName":"%s","ActionName":"%s"}\' "$PIPELINE_NAME" "$STAGE_NAME" "$ACTION_NAME")',
  '  aws lambda invoke --function-name "$APPROVE_FUNCTION" --invocation-type Event --cli-binary-format raw-in-base64-out --payload "$payload" lambda.out',
  '  export MESSAGE="No permission broadens; approved automatically."',
  'elif [ "$rc" -eq 1 ]; then',
  '  export MESSAGE="Permissions broaden. The approvers were e-mailed each change; the link shows the same. Approve only if every change is expected."',
  'elif [ "$rc" -eq 0 ]; then',
  '  export MESSAGE="No permission broadens, but the approval gate changes. The approvers were e-mailed the change; approve only if it is expected."',
  'else',
  '  body=$(printf \'The permission check of stage %s in pipeline %s could not compare the deployment with what is deployed (exit %s), so a person must decide.\\n\\nIts log: %s\\n\\nApprove or reject: %s\\n\' "$STAGE_NAME" "$PIPELINE_NAME" "$rc" "$LINK" "$APPROVE_URL")',
  '  aws sns publish --topic-arn "$NOTIFICATION_ARN" --subject "$NOTIFICATION_SUBJECT" --message "$body"',
  '  export MESSAGE="The permission check failed, so nobody knows whether permissions broaden: read its log before approving."',
  'fi',
].join('\n');

export function renderPermissionCheckBuildspec(): Record<string, unknown> {
  return {
    version: 0.2,
    env: {
      shell: 'bash',
      'exported-variables': ['LINK', 'MESSAGE'],
    },
    phases: {
      // The app's own dependencies, catalyst-gen among them at the version its lockfile pins.
      install: { commands: ['npm ci'] },
      build: { commands: [PERMISSION_CHECK_SCRIPT] },
    },
  };
}

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
 * catalyst-gen comes from the app's own package.json (a pinned devDependency) through `npm ci` in the source:
 * from the public registry, or, in a private network, from CodeArtifact after the login that every CodeBuild
 * project of such a pipeline runs first. The step's environment gives STAGE_PATH, STAGE_NAME, ACTION_NAME,
 * PIPELINE_NAME, NOTIFICATION_ARN, NOTIFICATION_SUBJECT, APPROVE_FUNCTION, EXECUTION_ID, COMMIT_ID and
 * COMMIT_MESSAGE; the cloud assembly is in `cdk.out`.
 */
export const PERMISSION_CHECK_SCRIPT = [
  'export LINK="$CODEBUILD_BUILD_URL"',
  'PIPELINE_URL="https://${AWS_REGION}.console.aws.amazon.com/codesuite/codepipeline/pipelines/${PIPELINE_NAME}"',
  'EXECUTION_URL="${PIPELINE_URL}/executions/${EXECUTION_ID}/timeline?region=${AWS_REGION}"',
  'APPROVE_URL="${PIPELINE_URL}/view?region=${AWS_REGION}"',
  'rc=0',
  'npx --no-install catalyst-gen security-diff --deployed cdk.out --stack "$STAGE_PATH/*" --notify "$NOTIFICATION_ARN" \\',
  '  --pipeline "$PIPELINE_NAME" --stage "$STAGE_NAME" --execution-id "$EXECUTION_ID" --commit "$COMMIT_ID" --commit-message "$COMMIT_MESSAGE" \\',
  '  --approve-url "$APPROVE_URL" --execution-url "$EXECUTION_URL" --log-url "$LINK" || rc=$?',
  'if [ "$rc" -eq 0 ]; then',
  '  payload=$(printf \'{"PipelineName":"%s","StageName":"%s","ActionName":"%s"}\' "$PIPELINE_NAME" "$STAGE_NAME" "$ACTION_NAME")',
  '  aws lambda invoke --function-name "$APPROVE_FUNCTION" --invocation-type Event --cli-binary-format raw-in-base64-out --payload "$payload" lambda.out',
  '  export MESSAGE="No permission broadens; approved automatically."',
  'elif [ "$rc" -eq 1 ]; then',
  '  export MESSAGE="Permissions broaden. The approvers were e-mailed each change; the link shows the same. Approve only if every change is expected."',
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

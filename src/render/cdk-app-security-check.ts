import type { PrivateBuildDef } from '../model/pipeline.js';
import { shellQuote } from './templates.js';

/**
 * The buildspec of the permission check that replaces CDK's `ConfirmPermissionsBroadening` in private
 * networks. CDK's check runs in its own CodeBuild project that ignores `codeBuildDefaults` (no VPC, no
 * CodeArtifact login) and runs `npm install -g aws-cdk` against the public registry, so it fails in a VPC
 * without internet access. This one runs as a `CodeBuildStep` in the pipeline's VPC and keeps CDK's contract:
 *  - the same diff (`cdk diff --security-only --fail` on every stack of the stage, in the cloud assembly);
 *  - the same SNS message (subject and text) published only when permissions broaden;
 *  - the same exported variables (`MESSAGE`, `LINK`) shown by the manual approval that follows;
 *  - the same auto-approval when nothing broadens (a small Lambda approves the manual step);
 *  - fail-safe: if `cdk diff` itself fails (no access to the deploy role, say) the change goes to a person.
 *    That is always the case for a stage in another region than the pipeline's: the VPC's endpoints serve the
 *    pipeline's region only, and the diff needs the CloudFormation (and STS) endpoints of the stage's region.
 * The step's environment gives STAGE_PATH, STAGE_NAME, ACTION_NAME, PIPELINE_NAME, NOTIFICATION_ARN,
 * NOTIFICATION_SUBJECT and APPROVE_FUNCTION.
 */
export function renderPermissionCheckBuildspec(build: PrivateBuildDef, options: { readonly cdkCliVersion: string; readonly domainOwner: string }): Record<string, unknown> {
  const ca = build.codeArtifact;
  const login = [
    'aws codeartifact login --tool npm',
    `--domain ${shellQuote(ca.domain)}`,
    `--domain-owner ${shellQuote(ca.domainOwner ?? options.domainOwner)}`,
    `--repository ${shellQuote(ca.repository)}`,
  ].join(' ');
  return {
    version: 0.2,
    env: {
      shell: 'bash',
      'exported-variables': ['LINK', 'MESSAGE'],
    },
    phases: {
      install: {
        commands: [login, `npm install -g ${shellQuote(`aws-cdk@${options.cdkCliVersion}`)}`],
      },
      build: {
        commands: [
          'export LINK="$CODEBUILD_BUILD_URL"',
          'export PIPELINE_LINK="https://${AWS_REGION}.console.aws.amazon.com/codesuite/codepipeline/pipelines/${PIPELINE_NAME}/view?region=${AWS_REGION}"',
          // The diff runs against the deployed stacks through the bootstrap deploy role of the target
          // account; any failure counts as "may broaden" so that a person looks at it.
          [
            'rc=0',
            'cdk diff --app . --no-color --security-only --fail "$STAGE_PATH/*" > security-diff.txt 2>&1 || rc=$?',
            'cat security-diff.txt',
            'if [ "$rc" -eq 0 ]; then',
            '  payload=$(printf \'{"PipelineName":"%s","StageName":"%s","ActionName":"%s"}\' "$PIPELINE_NAME" "$STAGE_NAME" "$ACTION_NAME")',
            '  aws lambda invoke --function-name "$APPROVE_FUNCTION" --invocation-type Event --cli-binary-format raw-in-base64-out --payload "$payload" lambda.out',
            '  export MESSAGE="No security-impacting changes detected."',
            'else',
            '  body=$(printf \'An upcoming change would broaden security changes in %s.\\nReview and approve the changes in CodePipeline to proceed with the deployment.\\n\\nReview the changes in CodeBuild:\\n\\n%s\\n\\nApprove the changes in CodePipeline (stage %s, action %s):\\n\\n%s\\n\\n%s\\n\' "$PIPELINE_NAME" "$LINK" "$STAGE_NAME" "$ACTION_NAME" "$PIPELINE_LINK" "$(head -c 200000 security-diff.txt)")',
            '  aws sns publish --topic-arn "$NOTIFICATION_ARN" --subject "$NOTIFICATION_SUBJECT" --message "$body"',
            '  export MESSAGE="Deployment would make security-impacting changes. Click the link below to inspect them, then click Approve if all changes are expected."',
            'fi',
          ].join('\n'),
        ],
      },
    },
  };
}

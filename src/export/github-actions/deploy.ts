import type {
  CdkBootstrapConfiguration,
  CdkDeployConfiguration,
  CfnDeployConfiguration,
  EcsDeployConfiguration,
  LambdaInvokeConfiguration,
  S3PublishConfiguration,
} from '../../model/workflow.js';
import type { ExportFinding, GhStep } from './model.js';
import { outputLine, shq, STEP_SHELL } from './shell.js';

/**
 * The AWS deploy actions as the AWS CLI and CDK CLI commands that do the same, run after
 * `aws-actions/configure-aws-credentials` has assumed the environment's role.
 */
export interface DeployContext {
  readonly pointer: string;
  readonly findings: ExportFinding[];
  /** Output variables other jobs read from this one. */
  readonly outputs: readonly string[];
  readonly region: string;
}

const cdk = (version: string | undefined) => `npx --yes aws-cdk@${version ?? '2'}`;

/** The CDK app's dependencies, as the action installs them before synthesizing. */
const INSTALL = 'if [ -f package-lock.json ]; then npm ci; elif [ -f package.json ]; then npm install; fi';

export function cdkBootstrapSteps(c: CdkBootstrapConfiguration): GhStep[] {
  return [
    {
      name: 'cdk bootstrap',
      shell: STEP_SHELL,
      run: `set -e\naccount="$(aws sts get-caller-identity --query Account --output text)"\n${cdk(c.cdkCliVersion)} bootstrap "aws://\${account}/${c.region}"\n`,
    },
  ];
}

export function cdkDeploySteps(c: CdkDeployConfiguration, ctx: DeployContext): GhStep[] {
  const args = [cdk(c.cdkCliVersion), 'deploy', shq(c.stackName), '--require-approval never'];
  // The cloud assembly's path is from the source root; the command runs in CdkRootPath.
  if (c.cloudAssemblyRootPath) args.push(`--app ${c.cdkRootPath ? `"$GITHUB_WORKSPACE"/${shq(c.cloudAssemblyRootPath)}` : shq(c.cloudAssemblyRootPath)}`);
  for (const [k, v] of Object.entries(c.context ?? {})) args.push(`--context ${shq(`${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`)}`);
  for (const [k, v] of Object.entries(c.tags ?? {})) args.push(`--tags ${shq(`${k}=${v}`)}`);
  args.push('--outputs-file "$RUNNER_TEMP/cdk-outputs.json"');
  const lines = ['set -e'];
  if (!c.cloudAssemblyRootPath) lines.push(INSTALL);
  lines.push(args.join(' '));
  for (const v of ctx.outputs) {
    if (v === 'stack-id') lines.push(`stack_id="$(aws cloudformation describe-stacks --stack-name ${shq(c.stackName)} --query 'Stacks[0].StackId' --output text)"`, outputLine('stack-id', 'stack_id'));
    else if (v === 'region') lines.push(`echo "region=${ctx.region}" >> "$GITHUB_OUTPUT"`);
    else if (v === 'deployment-platform') lines.push('echo "deployment-platform=AWS:CloudFormation" >> "$GITHUB_OUTPUT"');
    else if (v === 'SKIP-DEPLOYMENT') {
      ctx.findings.push({ kind: 'untranslated', pointer: ctx.pointer, message: 'SKIP-DEPLOYMENT (whether the stack had no changes) has no CDK CLI output.', action: 'Compute it with "cdk diff" if a later job needs it.' });
    } else lines.push(`echo "${v}=$(jq -r --arg k ${shq(v)} '[.[] | .[$k] // empty][0] // ""' "$RUNNER_TEMP/cdk-outputs.json")" >> "$GITHUB_OUTPUT"`);
  }
  return [{ name: `cdk deploy ${c.stackName}`, id: 'deploy', shell: STEP_SHELL, ...(c.cdkRootPath ? { 'working-directory': c.cdkRootPath } : {}), run: lines.join('\n') + '\n' }];
}

export function cfnDeploySteps(c: CfnDeployConfiguration, ctx: DeployContext): GhStep[] {
  const args = ['aws cloudformation deploy', `--stack-name ${shq(c.name)}`, `--template-file ${shq(c.template)}`, `--region ${shq(c.region)}`];
  if (c.roleArn) args.push(`--role-arn ${shq(c.roleArn)}`);
  if (c.capabilities?.length) args.push(`--capabilities ${c.capabilities.map(shq).join(' ')}`);
  if (typeof c.parameterOverrides === 'string') args.push(`--parameter-overrides ${shq(`file://${c.parameterOverrides}`)}`);
  else if (c.parameterOverrides && Object.keys(c.parameterOverrides).length > 0) args.push(`--parameter-overrides ${Object.entries(c.parameterOverrides).map(([k, v]) => shq(`${k}=${v}`)).join(' ')}`);
  if (c.noExecuteChangeset) args.push('--no-execute-changeset');
  if (!c.failOnEmptyChangeset) args.push('--no-fail-on-empty-changeset');
  if (c.disableRollback) args.push('--disable-rollback');
  if (c.notificationArns?.length) args.push(`--notification-arns ${c.notificationArns.map(shq).join(' ')}`);
  if (c.tags && Object.keys(c.tags).length > 0) args.push(`--tags ${Object.entries(c.tags).map(([k, v]) => shq(`${k}=${v}`)).join(' ')}`);
  const lines = ['set -e', args.join(' \\\n  ')];
  if (c.terminationProtection) lines.push(`aws cloudformation update-termination-protection --enable-termination-protection --stack-name ${shq(c.name)} --region ${shq(c.region)}`);
  if (c.monitorAlarmArns?.length || c.monitorTimeoutInMinutes !== undefined) {
    ctx.findings.push({
      kind: 'untranslated',
      pointer: ctx.pointer,
      message: 'The deployment is monitored by CloudWatch alarms (rollback triggers); "aws cloudformation deploy" takes none.',
      action: 'Set the rollback triggers on the stack (aws cloudformation update-stack --rollback-configuration) or drop the monitoring.',
    });
  }
  if (c.timeoutInMinutes !== undefined) {
    ctx.findings.push({ kind: 'note', pointer: ctx.pointer, message: `The stack timeout (${c.timeoutInMinutes} minutes) is the step's timeout-minutes.`, action: 'Nothing to do.' });
  }
  for (const v of ctx.outputs) lines.push(`echo "${v}=$(aws cloudformation describe-stacks --stack-name ${shq(c.name)} --region ${shq(c.region)} --query ${shq(`Stacks[0].Outputs[?OutputKey=='${v}'].OutputValue | [0]`)} --output text)" >> "$GITHUB_OUTPUT"`);
  return [{ name: `Deploy stack ${c.name}`, id: 'deploy', shell: STEP_SHELL, ...(c.timeoutInMinutes !== undefined ? { 'timeout-minutes': c.timeoutInMinutes } : {}), run: lines.join('\n') + '\n' }];
}

export function ecsDeploySteps(c: EcsDeployConfiguration, ctx: DeployContext): GhStep[] {
  if (c.codedeployAppspec) {
    ctx.findings.push({
      kind: 'untranslated',
      pointer: ctx.pointer,
      message: 'A blue/green ECS deployment through CodeDeploy has no single CLI command; the job registers the task definition and updates the service (a rolling deployment).',
      action: 'Use aws-actions/amazon-ecs-deploy-task-definition with codedeploy-appspec, codedeploy-application and codedeploy-deployment-group.',
    });
  }
  const lines = [
    'set -e',
    `arn="$(aws ecs register-task-definition --region ${shq(c.region)} --cli-input-json ${shq(`file://${c.taskDefinition}`)} --query taskDefinition.taskDefinitionArn --output text)"`,
    `aws ecs update-service --region ${shq(c.region)} --cluster ${shq(c.cluster)} --service ${shq(c.service)} --task-definition "$arn"${c.forceNewDeployment ? ' --force-new-deployment' : ''}`,
    `aws ecs wait services-stable --region ${shq(c.region)} --cluster ${shq(c.cluster)} --services ${shq(c.service)}`,
  ];
  return [{ name: `Deploy to ECS service ${c.service}`, shell: STEP_SHELL, run: lines.join('\n') + '\n' }];
}

export function lambdaInvokeSteps(c: LambdaInvokeConfiguration, ctx: DeployContext): GhStep[] {
  const args = [`aws lambda invoke --function-name ${shq(c.function)} --region ${shq(c.awsRegion)}`];
  if (c.requestPayload !== undefined) args.push(`--cli-binary-format raw-in-base64-out --payload ${shq(c.requestPayload)}`);
  else if (c.requestPayloadFile !== undefined) args.push(`--payload ${shq(`fileb://${c.requestPayloadFile}`)}`);
  if (c.logType) args.push(`--log-type ${shq(c.logType)}`);
  args.push('"$RUNNER_TEMP/lambda-response.json"');
  if (c.responseFilters) {
    ctx.findings.push({
      kind: 'untranslated',
      pointer: ctx.pointer,
      message: 'ResponseFilters (JSON paths of the response exported as variables) have no CLI equivalent; the response is in $RUNNER_TEMP/lambda-response.json.',
      action: 'Read the values with jq and append them to $GITHUB_OUTPUT.',
    });
  }
  return [
    {
      name: `Invoke ${c.function}`,
      shell: STEP_SHELL,
      ...(c.continueOnError ? { 'continue-on-error': true } : {}),
      run: `set -e\n${args.join(' ')}\n# A function error is reported in the response, not in the exit status: fail as the action does.\nif jq -e 'type == "object" and has("errorMessage")' "$RUNNER_TEMP/lambda-response.json" >/dev/null; then cat "$RUNNER_TEMP/lambda-response.json"; exit 1; fi\n`,
    },
  ];
}

export function s3PublishSteps(c: S3PublishConfiguration): GhStep[] {
  const dest = shq(`s3://${c.destinationBucketName}/${c.targetPath ?? ''}`);
  return [
    {
      name: `Publish to s3://${c.destinationBucketName}`,
      shell: STEP_SHELL,
      run: `set -e\nif [ -d ${shq(c.sourcePath)} ]; then aws s3 cp ${shq(c.sourcePath)} ${dest} --recursive; else aws s3 cp ${shq(c.sourcePath)} ${dest}; fi\n`,
    },
  ];
}

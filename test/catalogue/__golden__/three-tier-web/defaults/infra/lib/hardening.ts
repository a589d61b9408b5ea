import { Aws, Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as wafv2 from 'aws-cdk-lib/aws-wafv2';
import type { Construct, IConstruct } from 'constructs';

// The building blocks the stack shares between its resources, each with the settings cdk-nag's AwsSolutions pack
// checks (test/nag.test.ts applies the pack to every stage, and `npm test` fails on a finding nobody answered).
// A finding that code cannot fix is acknowledged on the construct it is about, with the reason, never for a whole
// stack: a new resource with the same problem is still reported.

/** How long logs are kept: a year in production, a month in the other stages. */
export function retentionOf(production: boolean): logs.RetentionDays {
  return production ? logs.RetentionDays.ONE_YEAR : logs.RetentionDays.ONE_MONTH;
}

/** Production keeps its data and logs when its stack is deleted; the other stages clean up after themselves. */
export function removalOf(production: boolean): RemovalPolicy {
  return production ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY;
}

export interface AppFunctionProps extends Omit<lambda.FunctionProps, 'role' | 'logGroup' | 'logRetention'> {
  /** Production keeps the function's logs a year, and when the stack is deleted. */
  readonly production: boolean;
}

/**
 * A Lambda function with a log group of its own (retention set) and a role that may write to that log group and
 * nothing else until it is granted more: no AWS managed policy (AwsSolutions-IAM4), so the role holds exactly
 * what the function uses.
 */
export function appFunction(scope: Construct, id: string, props: AppFunctionProps): lambda.Function {
  const { production, ...functionProps } = props;
  const logGroup = new logs.LogGroup(scope, `${id}Logs`, { retention: retentionOf(production), removalPolicy: removalOf(production) });
  const role = new iam.Role(scope, `${id}Role`, { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
  logGroup.grantWrite(role);
  const fn = new lambda.Function(scope, id, { ...functionProps, role, logGroup });
  // AwsSolutions-L1 asks for the newest runtime aws-cdk-lib lists, which can be one Lambda does not offer yet.
  Validations.of(fn).acknowledge({
    id: 'AwsSolutions-L1',
    reason:
      "the options' choice: the runtime is the pythonRuntime option's, checked against AWS's deprecation dates when the options are validated; the rule asks for the newest runtime aws-cdk-lib lists, which can be one Lambda does not offer yet",
  });
  return fn;
}

/**
 * The Lambda functions aws-cdk-lib adds for its own custom resources (the site upload of BucketDeployment, the
 * bucket notifications of addEventNotification) come with a runtime, a role with the AWS managed
 * AWSLambdaBasicExecutionRole policy and wildcard permissions that aws-cdk-lib chooses: an upgrade of aws-cdk-lib
 * changes them, not this app. Each finding is acknowledged on that function one by one (the wildcards read from
 * its own policies), so nothing else in the stack is covered.
 */
export function acknowledgeCdkFunction(fn: IConstruct, what: string): void {
  const ack = (id: string, reason: string) => Validations.of(fn).acknowledge({ id, reason });
  ack('AwsSolutions-L1', `aws-cdk-lib's own construct: the runtime of the custom-resource function of ${what} is aws-cdk-lib's choice`);
  ack(
    'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
    `aws-cdk-lib's own construct: aws-cdk-lib gives the role of the custom-resource function of ${what} the AWS managed policy for its logs`,
  );
  for (const finding of wildcardsIn(fn)) {
    ack(`AwsSolutions-IAM5[${finding}]`, `aws-cdk-lib's own construct: aws-cdk-lib grants the custom-resource function of ${what} these permissions`);
  }
}

/** The wildcard actions and resources of the policies under `scope`, named the way cdk-nag names its IAM5 findings. */
function wildcardsIn(scope: IConstruct): string[] {
  const found = new Set<string>();
  for (const policy of scope.node.findAll().filter((c): c is iam.CfnPolicy => c instanceof iam.CfnPolicy)) {
    const document = Stack.of(policy).resolve(policy.policyDocument) as { Statement?: { Effect: string; Action?: unknown; Resource?: unknown }[] };
    for (const statement of document.Statement ?? []) {
      if (statement.Effect !== 'Allow') continue;
      for (const action of [statement.Action ?? []].flat() as string[]) if (action.includes('*')) found.add(`Action::${action}`);
      for (const resource of ([statement.Resource ?? []].flat() as unknown[]).map(flatten)) if (resource.includes('*')) found.add(`Resource::${resource}`);
    }
  }
  return [...found];
}

/** A CloudFormation value as cdk-nag prints it in a finding: `<Logical.Arn>` for Fn::GetAtt, `<AWS::Partition>` for Ref. */
function flatten(value: unknown): string {
  if (typeof value === 'string') return value.replace(/\$\{/g, '<').replace(/\}/g, '>');
  const v = value as Record<string, any>;
  if (v['Fn::Join']) return (v['Fn::Join'][1] as unknown[]).map(flatten).join(v['Fn::Join'][0]);
  if (v['Fn::Sub']) return flatten(v['Fn::Sub']);
  if (v['Fn::GetAtt']) return `<${v['Fn::GetAtt'][0]}.${v['Fn::GetAtt'][1]}>`;
  if (v['Ref']) return `<${v['Ref']}>`;
  return JSON.stringify(value);
}

/**
 * The bucket the access logs of the app's buckets (and of its CloudFront distribution) go to: private, TLS only,
 * expiring its logs after the retention of the stage.
 */
export function accessLogBucket(scope: Construct, id: string, production: boolean): s3.Bucket {
  const bucket = new s3.Bucket(scope, id, {
    blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
    enforceSSL: true,
    encryption: s3.BucketEncryption.S3_MANAGED,
    // CloudFront writes its standard logs with object ACLs; the bucket owner still owns every log object.
    objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_PREFERRED,
    lifecycleRules: [{ expiration: Duration.days(production ? 365 : 30) }],
    removalPolicy: removalOf(production),
    autoDeleteObjects: !production,
  });
  Validations.of(bucket).acknowledge({
    id: 'AwsSolutions-S1',
    reason: 'the log bucket itself: this is the bucket the access logs go to, and logging its own access would log every log delivery again, without end',
  });
  return bucket;
}

/**
 * S3 server access logs of `bucket` into `logBucket` under `prefix`, delivered by the logging service through a
 * bucket policy (no ACL), only for this bucket of this account.
 */
export function logAccessTo(bucket: s3.Bucket, logBucket: s3.Bucket, prefix: string): void {
  (bucket.node.defaultChild as s3.CfnBucket).loggingConfiguration = { destinationBucketName: logBucket.bucketName, logFilePrefix: prefix };
  logBucket.addToResourcePolicy(
    new iam.PolicyStatement({
      principals: [new iam.ServicePrincipal('logging.s3.amazonaws.com')],
      actions: ['s3:PutObject'],
      resources: [logBucket.arnForObjects(`${prefix}*`)],
      conditions: { ArnLike: { 'aws:SourceArn': bucket.bucketArn }, StringEquals: { 'aws:SourceAccount': Stack.of(bucket).account } },
    }),
  );
}

export interface AppRestApiProps extends Omit<apigateway.RestApiProps, 'deployOptions' | 'cloudWatchRole' | 'deploy'> {
  /** API Gateway stage name: the app's stage. */
  readonly stageName: string;
  readonly production: boolean;
}

/**
 * A REST API with access logs (JSON, in a log group of its own), execution logs of errors, a request validator
 * for its methods to use, and the stack's web ACL in front of it.
 */
export function appRestApi(scope: Construct, id: string, props: AppRestApiProps): { api: apigateway.RestApi; validator: apigateway.RequestValidator } {
  const { stageName, production, ...apiProps } = props;
  const accessLogs = new logs.LogGroup(scope, `${id}AccessLogs`, { retention: retentionOf(production), removalPolicy: removalOf(production) });
  const api = new apigateway.RestApi(scope, id, {
    ...apiProps,
    // The stack brings the account's logging role (apiGatewayLogging below) instead of CDK's, which uses a managed policy.
    cloudWatchRole: false,
    deployOptions: {
      stageName,
      accessLogDestination: new apigateway.LogGroupLogDestination(accessLogs),
      accessLogFormat: apigateway.AccessLogFormat.jsonWithStandardFields(),
      loggingLevel: apigateway.MethodLoggingLevel.ERROR,
    },
  });
  // API Gateway refuses a stage that logs before the account has a logging role.
  api.deploymentStage.node.addDependency(apiGatewayLogging(scope));
  const validator = api.addRequestValidator('Validator', { validateRequestBody: true, validateRequestParameters: true });
  new wafv2.CfnWebACLAssociation(scope, `${id}WebAclAssociation`, { resourceArn: api.deploymentStage.stageArn, webAclArn: apiWebAcl(scope).attrArn });
  return { api, validator };
}

/**
 * API Gateway writes execution and access logs with one IAM role per account and region (its account settings),
 * shared by every REST API there. The stack sets that role, once, with the logging permissions written out
 * (CDK's own role would carry the AWS managed policy AmazonAPIGatewayPushToCloudWatchLogs). The role is kept when
 * the stack is deleted: other APIs of the account may log through it.
 */
function apiGatewayLogging(scope: Construct): apigateway.CfnAccount {
  const stack = Stack.of(scope);
  const existing = stack.node.tryFindChild('ApiGatewayAccount');
  if (existing) return existing as apigateway.CfnAccount;
  const role = new iam.Role(stack, 'ApiGatewayLogsRole', {
    assumedBy: new iam.ServicePrincipal('apigateway.amazonaws.com'),
    inlinePolicies: {
      Logs: new iam.PolicyDocument({
        statements: [
          new iam.PolicyStatement({
            actions: ['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:DescribeLogGroups', 'logs:DescribeLogStreams', 'logs:PutLogEvents', 'logs:GetLogEvents', 'logs:FilterLogEvents'],
            resources: [`arn:${Aws.PARTITION}:logs:${Aws.REGION}:${Aws.ACCOUNT_ID}:log-group:*`],
          }),
        ],
      }),
    },
  });
  role.applyRemovalPolicy(RemovalPolicy.RETAIN);
  Validations.of(role).acknowledge({
    id: 'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:logs:<AWS::Region>:<AWS::AccountId>:log-group:*]',
    reason:
      "a wildcard the service requires: API Gateway logs every REST API of the account and region through this one role, into log groups it names after each API (API-Gateway-Execution-Logs_<api-id>/<stage>) and the access-log groups of each API: the service requires every log group of the account and region",
  });
  const account = new apigateway.CfnAccount(stack, 'ApiGatewayAccount', { cloudWatchRoleArn: role.roleArn });
  account.applyRemovalPolicy(RemovalPolicy.RETAIN);
  return account;
}

/**
 * One regional web ACL per stack, in front of its REST APIs: AWS's common rule set (including the instance
 * metadata address in query strings), known bad inputs, and at most 1,000 requests in 5 minutes from one address.
 */
function apiWebAcl(scope: Construct): wafv2.CfnWebACL {
  const stack = Stack.of(scope);
  const existing = stack.node.tryFindChild('RestApiWebAcl');
  if (existing) return existing as wafv2.CfnWebACL;
  const visibility = (metricName: string) => ({ cloudWatchMetricsEnabled: true, metricName, sampledRequestsEnabled: true });
  const managed = (name: string, priority: number): wafv2.CfnWebACL.RuleProperty => ({
    name,
    priority,
    overrideAction: { none: {} },
    statement: { managedRuleGroupStatement: { vendorName: 'AWS', name } },
    visibilityConfig: visibility(name),
  });
  return new wafv2.CfnWebACL(stack, 'RestApiWebAcl', {
    scope: 'REGIONAL',
    defaultAction: { allow: {} },
    visibilityConfig: visibility('RestApiWebAcl'),
    rules: [
      managed('AWSManagedRulesCommonRuleSet', 0),
      managed('AWSManagedRulesKnownBadInputsRuleSet', 1),
      {
        name: 'RequestsPerAddress',
        priority: 2,
        action: { block: {} },
        statement: { rateBasedStatement: { limit: 1000, aggregateKeyType: 'IP' } },
        visibilityConfig: visibility('RequestsPerAddress'),
      },
    ],
  });
}

import * as path from 'node:path';
import { CfnOutput, Duration, Stack, Validations, type StackProps } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as s3n from 'aws-cdk-lib/aws-s3-notifications';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subs from 'aws-cdk-lib/aws-sns-subscriptions';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { accessLogBucket, acknowledgeCdkFunction, appFunction, appRestApi, logAccessTo, removalOf } from './hardening';

/** Who may call the APIs: AWS principals allowed execute-api:Invoke (IAM, SigV4), or anyone (open, only when chosen). */
export type ApiAuthorization = 'iam' | 'none';

export interface ImageRecognitionStackProps extends StackProps {
  /** Stage name, e.g. dev or prod; also the API Gateway stage name. */
  readonly stage: string;
  /** Production keeps its images, labels and logs when the stack is deleted. @default false */
  readonly production?: boolean;
  /** HTTP API that receives the results as XML; empty: results are converted but not sent. @default '' */
  readonly emailApiUrl?: string;
  /** Lambda runtime of the functions: lib/app.ts passes the blueprint's `pythonRuntime` option. */
  readonly runtime: lambda.Runtime;
  /** Who may call the APIs: lib/app.ts passes the blueprint's `apiAuthorization` option. @default 'iam' */
  readonly apiAuthorization?: ApiAuthorization;
}

/** How often a message is tried before it goes to its dead-letter queue (AWS advises at least 5 with Lambda). */
const MAX_RECEIVE_COUNT = 5;

/**
 * The event-driven image recognition application:
 * 1. image download: API -> Lambda -> S3 bucket -> SNS topic -> SQS queue;
 * 2. image recognition: SQS -> Lambda -> Amazon Rekognition -> DynamoDB, results -> SNS topic -> SQS queue;
 * 3. third-party integration: SQS -> Lambda -> an XML e-mail API.
 * A message that keeps failing goes to a dead-letter queue after MAX_RECEIVE_COUNT tries, and an alarm goes off.
 */
export class ImageRecognitionStack extends Stack {
  constructor(scope: Construct, id: string, props: ImageRecognitionStackProps) {
    super(scope, id, props);
    const production = props.production ?? false;
    const authorization = props.apiAuthorization ?? 'iam';
    const code = lambda.Code.fromAsset(path.join(__dirname, '..', '..', 'functions'), { exclude: ['__pycache__', '*.pyc'] });
    const fn = (name: string, handler: string, environment: Record<string, string>, timeout = 30) =>
      appFunction(this, name, { production, runtime: props.runtime, handler, code, environment, timeout: Duration.seconds(timeout), memorySize: 256 });
    const auth: apigateway.MethodOptions = { authorizationType: authorization === 'iam' ? apigateway.AuthorizationType.IAM : apigateway.AuthorizationType.NONE };
    const acknowledgeAuthorization = (method: apigateway.Method) => {
      if (authorization === 'iam') {
        Validations.of(method).acknowledge({
          id: 'AwsSolutions-COG4',
          reason: "the options' choice: the method uses IAM authorization (the apiAuthorization option 'iam'): its callers are AWS principals signing with SigV4, not users of a Cognito user pool",
        });
      } else {
        for (const rule of ['AwsSolutions-APIG4', 'AwsSolutions-COG4']) {
          Validations.of(method).acknowledge({ id: rule, reason: "the options' choice: open access was chosen with the apiAuthorization option 'none': the README warns that anyone can call this API" });
        }
      }
    };
    // On the function's role, where the finding is.
    const acknowledgeObjectKeys = (target: lambda.Function, why: string) =>
      Validations.of(target.role!).acknowledge({ id: `AwsSolutions-IAM5[Resource::<${Stack.of(this).getLogicalId(images.node.defaultChild as s3.CfnBucket)}.Arn>/*]`, reason: why });
    // A queue whose messages go to a dead-letter queue (kept 14 days, the most SQS keeps) after MAX_RECEIVE_COUNT
    // tries, with an alarm as soon as one is there; `visibility` covers six runs of the function that reads it.
    const queue = (name: string, visibility: Duration) => {
      const deadLetters = new sqs.Queue(this, `${name}DeadLetters`, { retentionPeriod: Duration.days(14), enforceSSL: true });
      new cloudwatch.Alarm(this, `${name}DeadLettersAlarm`, {
        alarmName: `${this.stackName}-${name}DeadLetters`,
        metric: deadLetters.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(5), statistic: cloudwatch.Stats.MAXIMUM }),
        threshold: 1,
        evaluationPeriods: 1,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
        alarmDescription: `Messages of ${name} failed ${MAX_RECEIVE_COUNT} times and wait in ${name}DeadLetters (see the README: When a message keeps failing).`,
      });
      new CfnOutput(this, `${name}DeadLettersArn`, { value: deadLetters.queueArn });
      return new sqs.Queue(this, name, { visibilityTimeout: visibility, enforceSSL: true, deadLetterQueue: { queue: deadLetters, maxReceiveCount: MAX_RECEIVE_COUNT } });
    };
    // Each function reports the messages it could not process; the others of the batch are not tried again.
    const readFrom = (source: sqs.Queue) => new SqsEventSource(source, { batchSize: 5, reportBatchItemFailures: true });

    // 1. Image download
    const accessLogs = accessLogBucket(this, 'AccessLogs', production);
    const images = new s3.Bucket(this, 'Images', {
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      encryption: s3.BucketEncryption.S3_MANAGED,
      removalPolicy: removalOf(production),
      autoDeleteObjects: !production,
    });
    logAccessTo(images, accessLogs, 's3/images/');
    const uploaded = new sns.Topic(this, 'ImageUploaded', { enforceSSL: true });
    images.addEventNotification(s3.EventType.OBJECT_CREATED, new s3n.SnsDestination(uploaded));
    const toRecognize = queue('ToRecognize', Duration.seconds(6 * 60));
    uploaded.addSubscription(new subs.SqsSubscription(toRecognize));

    const getSaveImage = fn('GetSaveImage', 'get_save_image.handler', { S3_BUCKET: images.bucketName });
    getSaveImage.addToRolePolicy(new iam.PolicyStatement({ actions: ['s3:PutObject'], resources: [images.arnForObjects('*')] }));
    acknowledgeObjectKeys(getSaveImage, 'object names known only at run time: the function stores each image under the name its caller gives at run time: any key of this one bucket');
    const { api, validator } = appRestApi(this, 'ImagesApi', { stageName: props.stage, production, description: `${id}: image download` });
    // The function fetches any https URL it is given into the bucket: with IAM authorization, only signed requests
    // from principals allowed execute-api:Invoke on this method (the ImagesApiInvokeArn output) may call it.
    const download = api.root.addMethod('GET', new apigateway.LambdaIntegration(getSaveImage), {
      ...auth,
      requestValidator: validator,
      requestParameters: { 'method.request.querystring.url': true, 'method.request.querystring.name': true },
    });
    acknowledgeAuthorization(download);

    // 2. Image recognition
    const table = new dynamodb.Table(this, 'Labels', {
      partitionKey: { name: 'image', type: dynamodb.AttributeType.STRING },
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
      // Every stage can be restored to any second of the last 35 days.
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      removalPolicy: removalOf(production),
    });
    const recognized = new sns.Topic(this, 'ImageRecognized', { enforceSSL: true });
    const recognition = fn('ImageRecognition', 'image_recognition.handler', { TABLE_NAME: table.tableName, TOPIC_ARN: recognized.topicArn }, 60);
    recognition.addEventSource(readFrom(toRecognize));
    // Rekognition reads the image from S3 with the caller's permissions.
    recognition.addToRolePolicy(new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: [images.arnForObjects('*')] }));
    acknowledgeObjectKeys(recognition, 'object names known only at run time: the function reads each new image of this one bucket, whatever its name');
    recognition.addToRolePolicy(new iam.PolicyStatement({ actions: ['dynamodb:PutItem'], resources: [table.tableArn] }));
    recognized.grantPublish(recognition);
    recognition.addToRolePolicy(new iam.PolicyStatement({ actions: ['rekognition:DetectLabels'], resources: ['*'] }));
    Validations.of(recognition.role!).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason: 'a wildcard the service requires: rekognition:DetectLabels has no resource-level permissions: IAM accepts only "*" as its resource',
    });

    const listImages = fn('ListImages', 'list_images.handler', { TABLE_NAME: table.tableName });
    listImages.addToRolePolicy(new iam.PolicyStatement({ actions: ['dynamodb:Scan'], resources: [table.tableArn] }));
    const { api: listApi, validator: listValidator } = appRestApi(this, 'ListApi', { stageName: props.stage, production, description: `${id}: images and labels` });
    acknowledgeAuthorization(listApi.root.addMethod('GET', new apigateway.LambdaIntegration(listImages), { ...auth, requestValidator: listValidator }));

    // 3. Third-party integration
    const toSend = queue('ToSend', Duration.seconds(6 * 30));
    recognized.addSubscription(new subs.SqsSubscription(toSend));
    const sendEmail = fn('SendEmail', 'send_email.handler', { EMAIL_API_URL: props.emailApiUrl ?? '' });
    sendEmail.addEventSource(readFrom(toSend));

    // aws-cdk-lib's own function that sets the bucket's notifications (images.addEventNotification).
    const notifications = this.node.children.find((c) => c.node.id.startsWith('BucketNotificationsHandler'));
    if (notifications) acknowledgeCdkFunction(notifications, 'the bucket notifications (s3.Bucket.addEventNotification)');

    new CfnOutput(this, 'ImagesApiUrl', { value: api.url });
    new CfnOutput(this, 'ImagesApiInvokeArn', { value: api.arnForExecuteApi('GET', '/', props.stage), description: 'Grant execute-api:Invoke on this ARN to whoever may download images' });
    new CfnOutput(this, 'ListApiUrl', { value: listApi.url });
    new CfnOutput(this, 'ListApiInvokeArn', { value: listApi.arnForExecuteApi('GET', '/', props.stage), description: 'Grant execute-api:Invoke on this ARN to whoever may list images and labels' });
  }
}

import * as path from 'node:path';
import { CfnOutput, Duration, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
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

export interface ImageRecognitionStackProps extends StackProps {
  /** Stage name, e.g. dev or prod; also the API Gateway stage name. */
  readonly stage: string;
  /** Production keeps its images and labels when the stack is deleted. @default false */
  readonly production?: boolean;
  /** HTTP API that receives the results as XML; empty: results are converted but not sent. @default '' */
  readonly emailApiUrl?: string;
  /** Lambda runtime of the functions: bin/app.ts passes the blueprint's `pythonRuntime` option. */
  readonly runtime: lambda.Runtime;
}

/**
 * The event-driven image recognition application:
 * 1. image download: API -> Lambda -> S3 bucket -> SNS topic -> SQS queue;
 * 2. image recognition: SQS -> Lambda -> Amazon Rekognition -> DynamoDB, results -> SNS topic -> SQS queue;
 * 3. third-party integration: SQS -> Lambda -> an XML e-mail API.
 */
export class ImageRecognitionStack extends Stack {
  constructor(scope: Construct, id: string, props: ImageRecognitionStackProps) {
    super(scope, id, props);
    const production = props.production ?? false;
    const code = lambda.Code.fromAsset(path.join(__dirname, '..', '..', 'functions'), { exclude: ['__pycache__', '*.pyc'] });
    const fn = (name: string, handler: string, environment: Record<string, string>, timeout = 30) =>
      new lambda.Function(this, name, { runtime: props.runtime, handler, code, environment, timeout: Duration.seconds(timeout), memorySize: 256 });

    // 1. Image download
    const images = new s3.Bucket(this, 'Images', {
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      encryption: s3.BucketEncryption.S3_MANAGED,
      removalPolicy: production ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
      autoDeleteObjects: !production,
    });
    const uploaded = new sns.Topic(this, 'ImageUploaded');
    images.addEventNotification(s3.EventType.OBJECT_CREATED, new s3n.SnsDestination(uploaded));
    const toRecognize = new sqs.Queue(this, 'ToRecognize', { visibilityTimeout: Duration.seconds(90), enforceSSL: true });
    uploaded.addSubscription(new subs.SqsSubscription(toRecognize));

    const getSaveImage = fn('GetSaveImage', 'get_save_image.handler', { S3_BUCKET: images.bucketName });
    images.grantPut(getSaveImage);
    const api = new apigateway.RestApi(this, 'ImagesApi', { deployOptions: { stageName: props.stage } });
    // IAM authorization: the function fetches any https URL it is given into the bucket, so only signed requests
    // from principals allowed execute-api:Invoke on this method (the ImagesApiInvokeArn output) may call it.
    api.root.addMethod('GET', new apigateway.LambdaIntegration(getSaveImage), { authorizationType: apigateway.AuthorizationType.IAM });

    // 2. Image recognition
    const table = new dynamodb.Table(this, 'Labels', {
      partitionKey: { name: 'image', type: dynamodb.AttributeType.STRING },
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
      removalPolicy: production ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });
    const recognized = new sns.Topic(this, 'ImageRecognized');
    const recognition = fn('ImageRecognition', 'image_recognition.handler', { TABLE_NAME: table.tableName, TOPIC_ARN: recognized.topicArn }, 60);
    recognition.addEventSource(new SqsEventSource(toRecognize, { batchSize: 5 }));
    images.grantRead(recognition);
    table.grantWriteData(recognition);
    recognized.grantPublish(recognition);
    recognition.addToRolePolicy(new iam.PolicyStatement({ actions: ['rekognition:DetectLabels'], resources: ['*'] }));

    const listImages = fn('ListImages', 'list_images.handler', { TABLE_NAME: table.tableName });
    table.grantReadData(listImages);
    const listApi = new apigateway.RestApi(this, 'ListApi', { deployOptions: { stageName: props.stage } });
    listApi.root.addMethod('GET', new apigateway.LambdaIntegration(listImages));

    // 3. Third-party integration
    const toSend = new sqs.Queue(this, 'ToSend', { visibilityTimeout: Duration.seconds(90), enforceSSL: true });
    recognized.addSubscription(new subs.SqsSubscription(toSend));
    const sendEmail = fn('SendEmail', 'send_email.handler', { EMAIL_API_URL: props.emailApiUrl ?? '' });
    sendEmail.addEventSource(new SqsEventSource(toSend, { batchSize: 5 }));

    new CfnOutput(this, 'ImagesApiUrl', { value: api.url });
    new CfnOutput(this, 'ImagesApiInvokeArn', { value: api.arnForExecuteApi('GET', '/', props.stage), description: 'Grant execute-api:Invoke on this ARN to whoever may download images' });
    new CfnOutput(this, 'ListApiUrl', { value: listApi.url });
  }
}

import * as cdk from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';

/**
 * Your application: one copy is deployed per pipeline stage. Replace the example stack with your own.
 * Every IAM role and user created here gets the stage's permission boundary (see lib/pipeline-stack.ts),
 * and any change that broadens permissions waits for a security approval before it is deployed.
 * `npm test` checks every stage with cdk-nag (test/cdk-nag.test.ts): fix what it finds, or acknowledge a
 * finding with its reason, as the example does below.
 */
export class ApplicationStage extends cdk.Stage {
  constructor(scope: Construct, id: string, props: cdk.StageProps) {
    super(scope, id, props);
    new ServiceStack(this, 'Service');
  }
}

/** An example: a bucket, its access log, and a role that may read it. */
export class ServiceStack extends cdk.Stack {
  constructor(scope: Construct, id: string, props?: cdk.StackProps) {
    super(scope, id, props);
    // S3 server access logs of the data bucket (delivered by S3 under a bucket policy, see cdk.json).
    const accessLogs = new s3.Bucket(this, 'AccessLogs', {
      encryption: s3.BucketEncryption.S3_MANAGED,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
    });
    const bucket = new s3.Bucket(this, 'Data', {
      encryption: s3.BucketEncryption.S3_MANAGED,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      serverAccessLogsBucket: accessLogs,
      serverAccessLogsPrefix: 'data/',
    });
    const worker = new iam.Role(this, 'Worker', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
    });
    // Exactly the reads the worker needs (bucket.grantRead would also give s3:GetBucket* and s3:List*).
    worker.addToPolicy(new iam.PolicyStatement({ actions: ['s3:ListBucket'], resources: [bucket.bucketArn] }));
    worker.addToPolicy(new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: [bucket.arnForObjects('*')] }));
    cdk.Validations.of(worker).acknowledge({
      id: `AwsSolutions-IAM5[Resource::<${this.getLogicalId(bucket.node.defaultChild as cdk.CfnElement)}.Arn>/*]`,
      reason: 'The worker reads any object of its own bucket: S3 names objects only by key, so the bucket\'s objects are <bucket ARN>/*.',
    });
  }
}
